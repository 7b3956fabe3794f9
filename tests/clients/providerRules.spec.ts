import { expect } from "chai";
import { PROVIDER_TIMEOUTS, REPLACEMENT_RULES } from "../../catalog/providerRules";
import { runProgram } from "../helpers";
import { NLB_HEALTH_CHECK_LIMITS } from "../../catalog/awsLimits";
import {
    TF_RESOURCES,
    defaultTimeouts,
    forceNewArguments,
    providerDir,
    pulumiInput,
} from "./providerSchema";
import * as fs from "fs";
import * as path from "path";

/**
 * The program's replacement rules against terraform-provider-aws's own schemas, read from its source:
 * for every resource type the program registers, the arguments the rules say force a new resource
 * are exactly those the provider's schema marks ForceNew (SDK) or RequiresReplace (Plugin Framework).
 */
describe("replacement rules against terraform-provider-aws's schemas", function () {
    this.timeout(120000);
    let registered: string[];

    before(async () => {
        const types = new Set<string>();
        const configs: Record<string, string | object>[] = [
            {},
            { nodeCount: "2", alertEmail: "ops@acme-chain.net" },
            { chainSnapshotId: "snap-0123456789abcdef0", rpcAllowedCidrs: ["172.31.64.0/20"] },
        ];
        for (const config of configs) {
            (await runProgram(config)).world.resources.forEach((r) => types.add(r.type));
        }
        registered = [...types].filter((t) => t.startsWith("aws:")).sort();
    });

    it("knows where the provider defines every type the program registers", () => {
        expect(registered.filter((t) => TF_RESOURCES[t] === undefined)).to.deep.equal([]);
    });

    it("maps every argument the provider marks as forcing a new resource to a @pulumi/aws input", () => {
        const unmapped = registered.flatMap((type) =>
            forceNewArguments(TF_RESOURCES[type]!)
                .filter((argument) => pulumiInput(type, argument) === undefined)
                .map((argument) => `${type} ${argument}`),
        );
        expect(unmapped).to.deep.equal([]);
    });

    it("states, for every registered type, exactly the arguments the provider replaces on", () => {
        for (const type of registered) {
            const rule = REPLACEMENT_RULES[type]!;
            const provider = forceNewArguments(TF_RESOURCES[type]!).map((a) =>
                pulumiInput(type, a),
            );
            if (rule.immutable) {
                expect(provider, `${type} is replaced on its arguments`).to.include(
                    "containerDefinitions",
                );
            } else {
                expect([...rule.replaceOn].sort(), type).to.deep.equal([...provider].sort());
            }
        }
    });

    it("states the provider's default timeouts for every registered type that declares them", () => {
        const declared = Object.fromEntries(
            registered
                .map((type) => [type, defaultTimeouts(TF_RESOURCES[type]!)] as const)
                .filter(([, timeouts]) => Object.keys(timeouts).length > 0),
        );
        const stated = Object.fromEntries(
            Object.entries(PROVIDER_TIMEOUTS).map(([type, { source, ...minutes }]) => {
                expect(source, type).to.be.a("string");
                return [type, minutes];
            }),
        );
        expect(stated).to.deep.equal(declared);
    });

    it("states the health-check ranges the provider validates for a target group", () => {
        const text = fs.readFileSync(
            path.join(providerDir(), "internal", "service", "elbv2", "target_group.go"),
            "utf8",
        );
        const range = (field: string) => {
            const found = new RegExp(
                `${field}:\\s*\\{[^}]*?IntBetween\\((\\d+),\\s*(\\d+)\\)`,
            ).exec(text);
            return found ? [Number(found[1]), Number(found[2])] : undefined;
        };
        expect(range("names.AttrInterval")).to.deep.equal([
            ...NLB_HEALTH_CHECK_LIMITS.intervalSeconds,
        ]);
        expect(range("names.AttrTimeout")).to.deep.equal([
            ...NLB_HEALTH_CHECK_LIMITS.timeoutSeconds,
        ]);
        for (const field of ['"healthy_threshold"', '"unhealthy_threshold"']) {
            expect(range(field), field).to.deep.equal([...NLB_HEALTH_CHECK_LIMITS.threshold]);
        }
    });

    it("would see a rule that misses an argument the provider replaces on", () => {
        const provider = forceNewArguments(TF_RESOURCES["aws:ec2/securityGroup:SecurityGroup"]!);
        expect(provider).to.include("description");
    });
});
