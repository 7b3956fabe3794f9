import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { EXECUTION_CLIENTS, ExecutionClient, FORBIDDEN_RPC_NAMESPACES } from "../catalog/clients";

/**
 * No task definition serves a JSON-RPC namespace that can move funds, reconfigure the node or write
 * its files: `admin` and `personal` on any client, and what a client's catalog entry refuses on it
 * (geth's `debug`), read from each container's `--http.api` and `--ws.api`.
 */

const API_FLAGS = ["--http.api", "--ws.api"];

/** The namespaces a command line serves, by flag (`--http.api a,b` or `--http.api=a,b`). */
export function servedNamespaces(command: string[]): string[] {
    return command.flatMap((arg, i) => {
        const [flag, inline] = arg.split("=", 2) as [string, string | undefined];
        if (!API_FLAGS.includes(flag)) {
            return [];
        }
        return (inline ?? command[i + 1] ?? "").split(",").map((n) => n.trim());
    });
}

/** What may not be served by a container whose command starts with `binary`. */
function refusedFor(binary: string): string[] {
    const client = (Object.values(EXECUTION_CLIENTS) as ExecutionClient[]).find(
        (c) => c.launch.binary === binary,
    );
    return [...FORBIDDEN_RPC_NAMESPACES, ...Object.keys(client?.refusedNamespaces ?? {})];
}

export const noUnsafeRpcNamespaces: ResourceValidationPolicy = {
    name: "no-unsafe-rpc-namespaces",
    description:
        "No container serves admin or personal, nor a namespace its client's catalog entry refuses (geth's debug).",
    enforcementLevel: "mandatory",
    validateResource: validateResourceOfType(aws.ecs.TaskDefinition, (task, args, report) => {
        let containers: { name?: string; command?: string[] }[];
        try {
            containers = JSON.parse(String(task.containerDefinitions));
        } catch {
            return; // not known at preview: the engine checks it again once resolved
        }
        for (const c of containers) {
            const command = c.command ?? [];
            const binary = (command[0] ?? "").split("/").pop() ?? "";
            const refused = refusedFor(binary);
            for (const namespace of new Set(servedNamespaces(command))) {
                if (refused.includes(namespace)) {
                    report(
                        `${args.name} (${args.type}) container ${c.name ?? "?"} serves the ${namespace} namespace over RPC`,
                    );
                }
            }
        }
    }),
};
