import { createHash } from "crypto";

/**
 * Environment that can carry a provider's API key (in a URL's path or query string) reaches the
 * containers as ECS secrets, read from SSM Parameter Store by the task execution role, never as
 * plain environment: that is shown to anyone allowed ecs:DescribeTaskDefinition, and kept in state.
 */
export const SECRET_VARIABLES = ["CHECKPOINT_SYNC_URLS", "REFERENCE_RPC_URLS"] as const;
export type SecretVariable = (typeof SECRET_VARIABLES)[number];

/** Where each secret variable's value is kept: an SSM parameter's ARN, as ECS's `valueFrom` takes it. */
export type SecretRefs<Ref = unknown> = Partial<Record<SecretVariable, Ref>>;

interface Variable {
    name: string;
    value: string;
}

const isSecret = (name: string): name is SecretVariable =>
    (SECRET_VARIABLES as readonly string[]).includes(name);

/**
 * A container definition with its secret variables moved from `environment` to `secrets`. An empty
 * one is dropped (the container reads it as unset); one with a value and nowhere to keep it is a bug.
 */
export function withSecrets<C extends { environment: Variable[] }>(container: C, refs: SecretRefs) {
    const moved = container.environment.filter((v) => isSecret(v.name) && v.value !== "");
    const secrets = moved.map((v) => {
        const valueFrom = refs[v.name as SecretVariable];
        if (valueFrom === undefined) {
            throw new Error(`${v.name} has a value but no secret parameter to carry it`);
        }
        return { name: v.name, valueFrom };
    });
    const environment = container.environment.filter((v) => !isSecret(v.name));
    if (secrets.length === 0) {
        return { ...container, environment };
    }
    // ECS reads secrets when a task starts: a digest of the values changes the task definition, so
    // a new list restarts the task that uses it, and says nothing of the keys.
    const digest = createHash("sha256").update(JSON.stringify(moved)).digest("hex").slice(0, 16);
    return {
        ...container,
        environment: [...environment, { name: "SECRETS_DIGEST", value: digest }],
        secrets,
    };
}
