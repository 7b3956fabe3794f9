import { expect } from "chai";
import { CLIENT_PAIRS, DEFAULT_CLIENT, pairPorts } from "../catalog/clients";
import { NLB_HEALTH_CHECK_LIMITS } from "../catalog/awsLimits";
import { MONITOR_PORTS } from "../catalog/ports";
import { CHAIN_VOLUME_ID_TAG } from "../catalog/tags";
import { exposure, groupsFromResources, reachability } from "../domain/exposure";
import { evaluate } from "../offline/policyRunner";
import { policies } from "../policy/policies";
import { subjectsOf } from "../tools/policyCheck";
import {
    isTransient,
    mustWait,
    readyGateProvider,
    waitUntilReady,
    GateInputs,
    GateLookups,
} from "../components/service/readyGate";
import { errorOf, one, ofType, runProgram, MockWorld } from "./helpers";

const TWO = { nodeCount: "2" };
const byName = (world: MockWorld, type: string, name: string) => {
    const found = ofType(world, type).find((r) => r.name === name);
    expect(found, `${type} ${name}`).to.not.equal(undefined);
    return found!;
};

describe("nodeCount: several nodes behind an internal, readiness-checked load balancer", () => {
    let world: MockWorld;
    let outputs: Record<string, any>;
    before(async () => {
        ({ world, outputs } = await runProgram(TWO));
    });

    it("keeps the single-node stack by default: no load balancer, the handler keeps the A record", async () => {
        const single = (await runProgram({})).world;
        expect(ofType(single, "aws:lb/loadBalancer:LoadBalancer")).to.deep.equal([]);
        expect(
            one(single, "aws:lambda/function:Function").inputs.environment.variables.DNS_RECORD,
        ).to.equal("true");
    });

    it("runs each node whole in its own zone: volume, group, subnet, task and service", () => {
        const volumes = ofType(world, "aws:ebs/volume:Volume");
        expect(volumes.map((v) => [v.name, v.inputs.availabilityZone])).to.deep.equal([
            ["chain-data", "us-east-1a"],
            ["chain-n2-data", "us-east-1b"],
        ]);
        const groups = ofType(world, "aws:autoscaling/group:Group");
        expect(groups.map((g) => g.inputs.vpcZoneIdentifiers)).to.deep.equal([
            ["subnet-default-us-east-1a"],
            ["subnet-default-us-east-1b"],
        ]);
        expect(groups.map((g) => g.inputs.namePrefix)).to.deep.equal([
            "parity-mainnet-test-node-",
            "parity-mainnet-test-node-n2-",
        ]);
        const services = ofType(world, "aws:ecs/service:Service");
        expect(services.map((s) => s.inputs.placementConstraints[0].expression)).to.deep.equal([
            "attribute:parity.chain-volume == chain-data-id",
            "attribute:parity.chain-volume == chain-n2-data-id",
        ]);
        const handler = one(world, "aws:lambda/function:Function").inputs.environment.variables;
        expect(JSON.parse(handler.NODE_GROUP_PREFIXES)).to.deep.equal([
            "parity-mainnet-test-node-",
            "parity-mainnet-test-node-n2-",
        ]);
        const templates = ofType(world, "aws:ec2/launchTemplate:LaunchTemplate");
        expect(
            templates.map((t) => t.inputs.tagSpecifications[0].tags[CHAIN_VOLUME_ID_TAG]),
            "each node's instance names its own volume",
        ).to.deep.equal(["chain-data-id", "chain-n2-data-id"]);
        expect(handler.DNS_RECORD, "the alias belongs to Pulumi").to.equal("false");
        expect(outputs.nodeCount).to.equal(2);
        // Readiness behind the balancer: its target groups' health, and each monitor's log stream.
        expect(outputs.targetGroupArns).to.have.length(2);
        expect(outputs.logGroupName).to.equal("node-logs-name");
    });

    it("serves RPC through an internal NLB whose targets are healthy only when /ready says 200", () => {
        const lb = one(world, "aws:lb/loadBalancer:LoadBalancer").inputs;
        expect(lb).to.include({ internal: true, loadBalancerType: "network" });
        expect(lb.subnets).to.deep.equal([
            "subnet-default-us-east-1a",
            "subnet-default-us-east-1b",
        ]);
        const listeners = ofType(world, "aws:lb/listener:Listener");
        expect(listeners.map((l) => l.inputs.port)).to.have.members([8545, 8546]);
        for (const tg of ofType(world, "aws:lb/targetGroup:TargetGroup")) {
            expect(tg.inputs.healthCheck).to.include({
                protocol: "HTTP",
                port: "8080",
                path: "/ready",
                matcher: "200",
            });
        }
        for (const group of ofType(world, "aws:autoscaling/group:Group")) {
            expect(group.inputs.targetGroupArns).to.have.length(2);
            expect(group.inputs.healthCheckType, "a lagging node is never killed").to.equal("EC2");
        }
        const alias = one(world, "aws:route53/record:Record").inputs;
        expect(alias).to.include({ name: "rpc.eth.acme-chain.net", type: "A" });
        expect(alias.aliases[0]).to.include({ evaluateTargetHealth: true });
        expect(alias.allowOverwrite, "takes over the single node's A record").to.equal(true);
    });

    it("lets consumers reach RPC only through the balancer, and the balancer reach the nodes' RPC and readiness", () => {
        const ports = [...pairPorts(CLIENT_PAIRS[DEFAULT_CLIENT]!), ...MONITOR_PORTS];
        const reach = reachability(
            groupsFromResources(world.resources),
            "node-node",
            "node-access",
            ports,
            "node-lb",
        );
        const from = (source: string) =>
            reach.filter((r) => r.from === source).map((r) => `${r.protocol}/${r.port}`);
        expect(from("access-group member")).to.have.members(["tcp/8545", "tcp/8546"]);
        expect(from("the load balancer")).to.have.members(["tcp/8545", "tcp/8546", "tcp/8080"]);
        expect(from("internet")).to.have.members(
            ports.filter((p) => p.exposure === "public").map((p) => `${p.protocol}/${p.port}`),
        );
        const node = byName(world, "aws:ec2/securityGroup:SecurityGroup", "node-node").inputs;
        const fromAccessGroup = node.ingress.filter((r: any) =>
            (r.securityGroups ?? []).includes("node-access-id"),
        );
        expect(fromAccessGroup, "the node admits RPC only from the balancer").to.deep.equal([]);
    });

    it("tells in the plan's exposure table that consumers reach RPC through the balancer", () => {
        const rows = exposure(world.resources, [
            ...pairPorts(CLIENT_PAIRS[DEFAULT_CLIENT]!),
            ...MONITOR_PORTS,
        ]);
        const from = (port: string) => rows.find((r) => r.port === port)!.from;
        expect(from("8545/tcp")).to.equal("access security group through the load balancer");
        expect(from("8546/tcp")).to.equal("access security group through the load balancer");
        expect(from("8080/tcp")).to.equal("the load balancer (its health check)");
        expect(from("8551/tcp")).to.equal("host only (127.0.0.1)");
        expect(from("30303/tcp")).to.equal("internet");
    });

    it("rolls upgrades one node at a time: node 2's service waits for node 1's readiness gate", () => {
        const first = byName(world, "aws:ecs/service:Service", "node-service");
        const second = byName(world, "aws:ecs/service:Service", "node-n2-service");
        const gate = byName(world, "pulumi-nodejs:dynamic:Resource", "node-ready");
        expect(gate.options.dependsOn).to.include(first.urn);
        expect(second.options.dependsOn).to.include(gate.urn);
        expect(gate.inputs.timeoutSeconds).to.equal(3 * 3600);
    });

    it("takes a node that stops being ready out within 10 s, within AWS's health-check ranges, and resets its connections", () => {
        for (const tg of ofType(world, "aws:lb/targetGroup:TargetGroup")) {
            const check = tg.inputs.healthCheck;
            const within = (value: number, [low, high]: readonly [number, number]) =>
                value >= low && value <= high;
            expect(within(check.interval, NLB_HEALTH_CHECK_LIMITS.intervalSeconds)).to.equal(true);
            expect(within(check.timeout, NLB_HEALTH_CHECK_LIMITS.timeoutSeconds)).to.equal(true);
            for (const threshold of [check.healthyThreshold, check.unhealthyThreshold]) {
                expect(within(threshold, NLB_HEALTH_CHECK_LIMITS.threshold)).to.equal(true);
            }
            expect(check.timeout, "a silent host fails each check before the next").to.be.below(
                check.interval,
            );
            expect(check.interval * check.unhealthyThreshold).to.be.at.most(10);
            expect(tg.inputs.connectionTermination).to.equal(true);
            expect(tg.inputs.targetHealthStates).to.deep.equal([
                { enableUnhealthyConnectionTermination: true },
            ]);
        }
    });

    it("settles each gate longer than the balancer takes to mark a restarted node unhealthy", () => {
        // Before that, the old task's health would be taken for the new one's.
        const check = ofType(world, "aws:lb/targetGroup:TargetGroup")[0]!.inputs.healthCheck;
        const detectionSeconds = check.interval * check.unhealthyThreshold;
        for (const node of ["node", "node-n2"]) {
            const gate = byName(world, "pulumi-nodejs:dynamic:Resource", `${node}-ready`).inputs;
            expect(gate.settleSeconds, node).to.be.above(detectionSeconds);
        }
    });

    it("never blocks the first deploy on a sync; waits for a deployed node's new task on an upgrade", async () => {
        for (const s of ofType(world, "aws:ecs/service:Service")) {
            expect(s.inputs.waitForSteadyState, s.name).to.equal(undefined);
        }
        const upgraded = (
            await runProgram(TWO, { deployedOutputs: { chainVolumeSource: "fresh", nodeCount: 2 } })
        ).world;
        for (const s of ofType(upgraded, "aws:ecs/service:Service")) {
            expect(s.inputs.waitForSteadyState, s.name).to.equal(true);
        }
    });

    it("starts a new node from the stack's newest snapshot, chosen only when its volume is created", async () => {
        const seeded = (
            await runProgram(TWO, {
                stackSnapshots: ["snap-0000000000000000b", "snap-0000000000000000a"],
            })
        ).world;
        const volumes = ofType(seeded, "aws:ebs/volume:Volume");
        expect(volumes.map((v) => [v.name, v.inputs.snapshotId])).to.deep.equal([
            ["chain-data", undefined],
            ["chain-n2-data", "snap-0000000000000000b"],
        ]);
        // Same resource name with or without a snapshot, and snapshotId is ignored after creation:
        // a newer snapshot later changes nothing.
        expect(ofType(world, "aws:ebs/volume:Volume")[1]!.name).to.equal("chain-n2-data");
        expect(volumes[1]!.options.ignoreChanges).to.include("snapshotId");
        expect(
            ofType(world, "aws:ebs/volume:Volume")[1]!.inputs.snapshotId,
            "no snapshot: empty",
        ).to.equal(undefined);
    });

    it("seeds a new node only from a snapshot of the same network, execution client and mode, whatever its consensus client", async () => {
        const { world: seeded } = await runProgram(TWO, {
            stackSnapshots: ["snap-0000000000000000b"],
        });
        const lookup = seeded.calls.find(
            (c) => c.token === "aws:ebs/getSnapshotIds:getSnapshotIds",
        )!;
        expect(lookup.inputs.filters).to.deep.include.members([
            { name: "tag:parity:stack", values: ["parity-mainnet/test"] },
            { name: "status", values: ["completed"] },
            { name: "tag:parity:network", values: ["mainnet"] },
            { name: "tag:parity:client", values: ["geth-lighthouse", "geth-teku"] },
            { name: "tag:parity:nodeMode", values: ["minimal"] },
        ]);
    });

    it("watches the nodes one by one and the balancer's count of ready ones", () => {
        const alarms = ofType(world, "aws:cloudwatch/metricAlarm:MetricAlarm");
        expect(alarms.filter((a) => a.inputs.dimensions?.Node === "node-n2").length).to.equal(8);
        const balancer = alarms.filter((a) => a.inputs.namespace === "AWS/NetworkELB");
        expect(balancer.map((a) => a.inputs.threshold)).to.have.members([2, 1, 2, 1]);
        // With no healthy target an NLB fails open: the "none ready" alarm says what that means.
        for (const none of balancer.filter((a) => a.inputs.threshold === 1)) {
            expect(none.inputs.alarmDescription).to.contain(
                "the balancer fails open and sends calls to every node",
            );
        }
        // Each node's monitor publishes under its own Node dimension.
        const nodeEnv = ofType(world, "aws:ecs/taskDefinition:TaskDefinition").map((td) => {
            const containers = JSON.parse(td.inputs.containerDefinitions) as {
                name: string;
                environment: { name: string; value: string }[];
            }[];
            const monitor = containers.find((c) => c.name === "monitor")!;
            return monitor.environment.find((e) => e.name === "NODE")?.value;
        });
        expect(nodeEnv).to.deep.equal(["node", "node-n2"]);
    });

    it("passes the mandatory policies; an internet-facing variant of it fails", async () => {
        const subjects = subjectsOf(world);
        const mandatory = (await evaluate(policies, subjects)).filter(
            (v) => v.enforcementLevel === "mandatory",
        );
        expect(mandatory).to.deep.equal([]);
        const exposed = subjects.map((s) =>
            s.type === "aws:lb/loadBalancer:LoadBalancer"
                ? { ...s, props: { ...s.props, internal: false } }
                : s,
        );
        const listeners = exposed.filter((s) => s.type === "aws:lb/listener:Listener");
        const withLb = exposed.map((s) =>
            listeners.includes(s)
                ? {
                      ...s,
                      propertyDependencies: {
                          loadBalancerArn: exposed.filter(
                              (x) => x.type === "aws:lb/loadBalancer:LoadBalancer",
                          ),
                      },
                  }
                : s,
        );
        const failing = (await evaluate(policies, withLb)).filter(
            (v) => v.enforcementLevel === "mandatory",
        );
        expect(failing.map((v) => v.policy)).to.include("no-public-rpc-listener");
    });
});

describe("the readiness gate between nodes", () => {
    const inputs: GateInputs = {
        aws: { region: "us-east-1" },
        groupName: "g",
        targetGroupArns: ["tg-rpc", "tg-ws"],
        taskDefinitionArn: "td:2",
        launchTemplateVersion: "3",
        timeoutSeconds: 60,
        pollSeconds: 5,
        settleSeconds: 30,
        readyMetric: { namespace: "EthereumNode", dimensions: { Node: "node" } },
    };
    /** Lookups of a node that served before the change, unless a test says otherwise. */
    const served = (lookups: Omit<GateLookups, "servedSince">): GateLookups => ({
        servedSince: async () => true,
        ...lookups,
    });
    const clock = () => {
        let t = 0;
        return { now: () => t, sleep: async (ms: number) => void (t += ms) };
    };
    const inService = { inService: ["i-1"], refreshing: false };

    it("waits out the settle time, then until the node is healthy in every target group", async () => {
        const states = ["unhealthy", "unhealthy", "healthy"];
        let looks = 0;
        const c = clock();
        await waitUntilReady(
            inputs,
            served({
                group: async () => inService,
                health: async (arn) => (arn === "tg-ws" ? states[Math.min(looks++, 2)] : "healthy"),
            }),
            c.sleep,
            c.now,
        );
        expect(c.now()).to.equal(30000 + 2 * 5000);
    });

    it("waits while the group's instance refresh replaces the node, though the old instance still looks healthy", async () => {
        const groups = [
            { inService: ["i-old"], refreshing: true },
            { inService: [], refreshing: true },
            { inService: ["i-new"], refreshing: false },
        ];
        let looks = 0;
        const c = clock();
        await waitUntilReady(
            inputs,
            served({
                group: async () => groups[Math.min(looks++, 2)],
                health: async () => "healthy",
            }),
            c.sleep,
            c.now,
        );
        expect(looks, "two looks during the refresh, one after").to.equal(3);
    });

    it("lets a node that never served before the change through once it runs, and asks how far back it looks", async () => {
        const c = clock();
        let asked: number | undefined;
        await waitUntilReady(
            inputs,
            {
                servedSince: async (_metric, since) => {
                    asked = since;
                    return false;
                },
                group: async () => inService,
                health: async () => "unhealthy",
            },
            c.sleep,
            c.now,
        );
        expect(c.now(), "the settle, then one look").to.equal(30000);
        expect(asked).to.equal(-3 * 3600 * 1000);
    });

    it("waits for readiness when whether the node served cannot be read", async () => {
        const c = clock();
        const message = await errorOf(() =>
            waitUntilReady(
                inputs,
                {
                    servedSince: async () => {
                        throw new Error("AccessDenied");
                    },
                    group: async () => inService,
                    health: async () => "unhealthy",
                },
                c.sleep,
                c.now,
            ),
        );
        expect(message).to.match(/did not become ready behind the load balancer/);
    });

    it("does not take an old instance still in service beside the new one for the node being ready", async () => {
        const c = clock();
        const message = await errorOf(() =>
            waitUntilReady(
                inputs,
                served({
                    group: async () => ({ inService: ["i-old", "i-new"], refreshing: false }),
                    health: async () => "healthy",
                }),
                c.sleep,
                c.now,
            ),
        );
        expect(message).to.contain("(2 instances in service)");
    });

    it("gives up after its timeout, saying which node and why, and that the rest were left alone", async () => {
        const c = clock();
        const message = await errorOf(() =>
            waitUntilReady(
                inputs,
                served({ group: async () => inService, health: async () => "unhealthy" }),
                c.sleep,
                c.now,
            ),
        );
        expect(message).to.match(
            /^node g did not become ready behind the load balancer within 60 s \(i-1 is unhealthy \/ unhealthy\); the nodes after it were left untouched/,
        );
    });

    it("fails at once when the group does not exist for its credentials, naming them", async () => {
        const c = clock();
        const message = await errorOf(() =>
            waitUntilReady(
                { ...inputs, aws: { region: "us-east-1", profile: "ops" } },
                served({ group: async () => undefined, health: async () => "healthy" }),
                c.sleep,
                c.now,
            ),
        );
        expect(c.now(), "no polling").to.equal(30000);
        expect(message).to.match(
            /^node g: no such Auto Scaling group in us-east-1 for the credentials the gate used \(profile ops\); the nodes after it were left untouched/,
        );
    });

    it("retries throttling and AWS faults, and stops on an error that will not go away", async () => {
        const throttled = Object.assign(new Error("Rate exceeded"), {
            name: "Throttling",
            $metadata: { httpStatusCode: 400 },
        });
        let calls = 0;
        const c = clock();
        await waitUntilReady(
            inputs,
            served({
                group: async () => {
                    calls++;
                    if (calls < 3) {
                        throw throttled;
                    }
                    return inService;
                },
                health: async () => "healthy",
            }),
            c.sleep,
            c.now,
        );
        expect(calls).to.equal(3);
        const expired = Object.assign(
            new Error("The security token included in the request is expired"),
            {
                name: "ExpiredToken",
                $metadata: { httpStatusCode: 403 },
            },
        );
        const message = await errorOf(() =>
            waitUntilReady(
                inputs,
                served({
                    group: async () => {
                        throw expired;
                    },
                    health: async () => "healthy",
                }),
                c.sleep,
                c.now,
            ),
        );
        expect(message).to.equal(
            "node g: AWS refused the readiness check (ExpiredToken: The security token included in the request is expired); the nodes after it were left untouched. Check the credentials of the stack's AWS provider, then run pulumi up again",
        );
        expect(isTransient(throttled)).to.equal(true);
        expect(isTransient(Object.assign(new Error("x"), { code: "ECONNRESET" }))).to.equal(true);
        expect(isTransient(expired)).to.equal(false);
    });

    it("waits on an update only when the node's task, its instance or its whole group changed", () => {
        expect(mustWait(inputs, { ...inputs, taskDefinitionArn: "td:3" })).to.equal(true);
        expect(mustWait(inputs, { ...inputs, launchTemplateVersion: "4" })).to.equal(true);
        // A lifecycle-hook change replaces the group: a new name, a new instance.
        expect(mustWait(inputs, { ...inputs, groupName: "g2" })).to.equal(true);
        expect(mustWait(inputs, { ...inputs, timeoutSeconds: 5 })).to.equal(false);
    });

    it("does not wait when a node is created", async () => {
        expect((await readyGateProvider.create!(inputs)).id).to.equal("g-ready");
    });
});
