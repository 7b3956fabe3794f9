import { expect } from "chai";
import { DOC } from "./docs";
import { runProgram, runFailingProgram, one, ofType, registered, MockWorld } from "./helpers";
import { PROFILES, PROFILE_NAMES } from "../catalog/profiles";
import { volumeResourceName, assertVolumeZone } from "../components/chainVolume";
import { bundleHandler } from "../components/lifecycleHandler";
import { lifecycleHandlerPolicy } from "../domain/lifecycleHandlerPolicy";
import { CHAIN_VOLUME_ID_TAG, CHAIN_VOLUME_TAG, STACK_TAG } from "../catalog/tags";
import { REPLACEMENT_RULES } from "../catalog/providerRules";
import { CLIENT_PAIRS, DEFAULT_CLIENT, clientPair, diskNeed } from "../catalog/clients";
import { defaultIops } from "../domain/profile";
import { timingProblems } from "../domain/lifecycleTiming";
import { LIFECYCLE_TIMING } from "../components/lifecycleHandler";

const VOLUME = "aws:ebs/volume:Volume";
const SNAPSHOT = "snap-0123456789abcdef0";
const STACK_ID = "parity-mainnet/test";
/** The chain-volume tag of a fresh (never restored) volume. */
const FRESH_VOLUME_TAG = `${STACK_ID}/fresh`;

/** The default volume: geth-lighthouse keeping logs from Prague (minimal), mainnet (the program's defaults). */
const DEFAULT_VOLUME_GIB = diskNeed(
    clientPair(DEFAULT_CLIENT),
    "mainnet",
    "minimal",
).recommendedGiB;

describe("ChainVolume and the lifecycle handler in the program", () => {
    for (const profile of PROFILE_NAMES) {
        it(`sizes the volume from the ${profile} profile, encrypted, in the configured zone`, async () => {
            const { world } = await runProgram({ profile });
            const v = one(world, VOLUME).inputs;
            expect(v).to.include({
                type: PROFILES[profile].volumeType,
                iops: defaultIops(profile, clientPair(DEFAULT_CLIENT)),
                size: DEFAULT_VOLUME_GIB,
                encrypted: true,
                availabilityZone: "us-east-1a",
            });
            expect(v.throughput).to.equal(PROFILES[profile].throughputMiBps);
            expect(v.tags[CHAIN_VOLUME_TAG]).to.equal(FRESH_VOLUME_TAG);
            expect(v.volumeInitializationRate, "only a restored volume is initialized").to.equal(
                undefined,
            );
        });
    }

    it("keeps the same volume resource across every change but chainSnapshotId", async () => {
        const names = new Set<string>();
        const changes: Record<string, string | object>[] = [
            {},
            { profile: "steady" },
            { profiles: { steady: { iops: 9000, volumeSizeGiB: 2500 } }, profile: "steady" },
            { logRetentionDays: "7" },
            { rpcApis: "txpool" },
        ];
        for (const change of changes) {
            names.add(one((await runProgram(change)).world, VOLUME).name);
        }
        expect([...names]).to.deep.equal(["chain-data"]);
        expect(volumeResourceName("chain", SNAPSHOT)).to.not.equal("chain-data");
    });

    it("restores from chainSnapshotId: a new volume from the snapshot, initialized at the configured rate, with a pinned copy", async () => {
        const { world } = await runProgram({
            chainSnapshotId: SNAPSHOT,
            profiles: { "fast-sync": { volumeInitializationRateMiBps: 200 } },
        });
        const v = one(world, VOLUME);
        expect(v.name).to.equal(`chain-data-${SNAPSHOT}`);
        expect(v.inputs).to.include({ snapshotId: SNAPSHOT, volumeInitializationRate: 200 });
        const copy = one(world, "aws:ebs/snapshotCopy:SnapshotCopy").inputs;
        expect(copy).to.include({ sourceSnapshotId: SNAPSHOT, encrypted: true });
        expect(copy.tags["parity:snapshot"], "DLM never manages the pinned copy").to.equal(
            "pinned",
        );
    });

    describe("a restored volume is at least its snapshot's size (EC2 CreateVolume)", () => {
        const grown = { snapshotSizes: { [SNAPSHOT]: DEFAULT_VOLUME_GIB + 300 } };

        it("restores a snapshot larger than the recommended size at the snapshot's own size", async () => {
            const { world } = await runProgram({ chainSnapshotId: SNAPSHOT }, grown);
            expect(one(world, VOLUME).inputs.size).to.equal(DEFAULT_VOLUME_GIB + 300);
        });

        it("keeps the recommended size for a smaller snapshot", async () => {
            const small = { snapshotSizes: { [SNAPSHOT]: 800 } };
            const { world } = await runProgram({ chainSnapshotId: SNAPSHOT }, small);
            expect(one(world, VOLUME).inputs.size).to.equal(DEFAULT_VOLUME_GIB);
        });

        it("refuses an explicit size below the snapshot's, before creating anything", async () => {
            const { message, world } = await runFailingProgram(
                {
                    chainSnapshotId: SNAPSHOT,
                    profiles: { "fast-sync": { volumeSizeGiB: DEFAULT_VOLUME_GIB } },
                },
                grown,
            );
            expect(message).to.contain(
                `parity-mainnet:profiles.fast-sync.volumeSizeGiB: ${DEFAULT_VOLUME_GIB} GiB is below the ${DEFAULT_VOLUME_GIB + 300} GiB of snapshot ${SNAPSHOT}`,
            );
            expect(registered(world)).to.deep.equal([]);
        });

        it("refuses a snapshot AWS does not know, before creating anything", async () => {
            const { message, world } = await runFailingProgram(
                { chainSnapshotId: SNAPSHOT },
                { snapshotSizes: {} },
            );
            expect(message).to.contain(
                `parity-mainnet:chainSnapshotId: ${SNAPSHOT} is not a snapshot this account can read in us-east-1`,
            );
            expect(registered(world)).to.deep.equal([]);
        });
    });

    describe("a restore source of another kind", () => {
        const tagged = (tags: Record<string, string>) => ({
            snapshotSizes: { [SNAPSHOT]: 100 },
            snapshotTags: { [SNAPSHOT]: tags },
        });

        it("is refused when the snapshot's tags name another network, execution client or mode", async () => {
            const { message, world } = await runFailingProgram(
                { chainSnapshotId: SNAPSHOT },
                tagged({
                    "parity:network": "sepolia",
                    "parity:client": "reth-lighthouse",
                    "parity:nodeMode": "minimal",
                }),
            );
            expect(message).to.contain(
                `parity-mainnet:chainSnapshotId: ${SNAPSHOT} was taken from a node whose execution client is reth and network is sepolia; this stack's execution client is geth and network is mainnet, and its client cannot use that database. Choose a snapshot of a geth mainnet minimal node`,
            );
            expect(registered(world)).to.deep.equal([]);
        });

        it("is accepted when the tags match, or when the snapshot carries none", async () => {
            const matching: Record<string, string> = {
                "parity:network": "mainnet",
                "parity:client": "geth-lighthouse",
                "parity:nodeMode": "minimal",
            };
            for (const tags of [matching, {}]) {
                const { world } = await runProgram({ chainSnapshotId: SNAPSHOT }, tagged(tags));
                expect(one(world, VOLUME).inputs.snapshotId).to.equal(SNAPSHOT);
            }
        });

        it("is accepted from a node of another consensus client: the database is the execution client's", async () => {
            const { world } = await runProgram(
                { client: "geth-teku", chainSnapshotId: SNAPSHOT },
                tagged({
                    "parity:network": "mainnet",
                    "parity:client": "geth-lighthouse",
                    "parity:nodeMode": "minimal",
                }),
            );
            expect(one(world, VOLUME).inputs.snapshotId).to.equal(SNAPSHOT);
        });
    });

    describe("a deployed volume never shrinks", () => {
        const deployedOutputs = { chainVolumeSource: "fresh", chainVolumeSizeGiB: 2500 };

        it("keeps the live size when the recommended one is smaller", async () => {
            const { world } = await runProgram({}, { deployedOutputs });
            expect(one(world, VOLUME).inputs.size).to.equal(2500);
        });

        it("refuses an explicit size below the live one, before creating anything", async () => {
            const { message, world } = await runFailingProgram(
                {
                    profiles: {
                        "fast-sync": { volumeSizeGiB: 2200 },
                        steady: { volumeSizeGiB: 2200 },
                    },
                },
                { deployedOutputs },
            );
            expect(message).to.contain(
                "parity-mainnet:profiles.fast-sync.volumeSizeGiB: 2200 GiB is below the deployed volume's 2500 GiB; EBS volumes cannot shrink",
            );
            expect(registered(world)).to.deep.equal([]);
        });

        it("lets a restore create its new volume at the recommended size", async () => {
            const { world } = await runProgram(
                { chainSnapshotId: SNAPSHOT },
                {
                    deployedOutputs: {
                        chainVolumeSource: SNAPSHOT.replace("0123", "9999"),
                        chainVolumeSizeGiB: 2500,
                    },
                },
            );
            expect(one(world, VOLUME).inputs.size).to.equal(DEFAULT_VOLUME_GIB);
        });
    });

    it("makes no pinned copy without a snapshot", async () => {
        expect(
            ofType((await runProgram({})).world, "aws:ebs/snapshotCopy:SnapshotCopy"),
        ).to.deep.equal([]);
    });

    for (const [what, config] of [
        ["a fresh", {}],
        ["a restored", { chainSnapshotId: SNAPSHOT }],
    ] as const) {
        it(`registers ${what} volume so that Pulumi never deletes it nor replaces it for a property change`, async () => {
            const { options } = one((await runProgram(config)).world, VOLUME);
            expect(options.retainOnDelete, "retainOnDelete").to.equal(true);
            expect(options.protect, "protect would block the restore path").to.equal(false);
            // Every property the provider would replace the volume for (its ForceNew, catalog data).
            expect(options.ignoreChanges).to.include.members(
                REPLACEMENT_RULES["aws:ebs/volume:Volume"]!.replaceOn,
            );
            expect(options.ignoreChanges, "read only at creation").to.include(
                "volumeInitializationRate",
            );
        });
    }

    it("fails the plan with a clear message when the zone would move the existing volume", async () => {
        const { message } = await runFailingProgram(
            { availabilityZone: "us-east-1b" },
            { stateOverrides: { [VOLUME]: { availabilityZone: "us-east-1a" } } },
        );
        expect(message).to.contain(
            "chain volume chain-data-id is in us-east-1a but availabilityZone is us-east-1b; changing the zone would replace the volume and re-sync the chain",
        );
        expect(() => assertVolumeZone("vol-1", "us-east-1a", "us-east-1a")).to.not.throw();
    });

    describe("scheduled snapshots", () => {
        it("after a restore, snapshots only the new volume: the superseded one keeps a tag nothing selects", async () => {
            const fresh = (await runProgram({})).world;
            const restored = (await runProgram({ chainSnapshotId: SNAPSHOT })).world;
            const oldTag = one(fresh, VOLUME).inputs.tags[CHAIN_VOLUME_TAG];
            const newTag = one(restored, VOLUME).inputs.tags[CHAIN_VOLUME_TAG];
            expect(newTag).to.not.equal(oldTag);
            const dlm = one(restored, "aws:dlm/lifecyclePolicy:LifecyclePolicy").inputs;
            expect(dlm.policyDetails.targetTags).to.deep.equal({ [CHAIN_VOLUME_TAG]: newTag });
            const instanceTags = one(restored, "aws:ec2/launchTemplate:LaunchTemplate").inputs
                .tagSpecifications[0].tags;
            expect(instanceTags[CHAIN_VOLUME_ID_TAG], "the instance names its volume").to.equal(
                `chain-data-${SNAPSHOT}-id`,
            );
        });

        it("gives the pinned copy hours to finish, not the provider's 10-minute default", async () => {
            const copy = one(
                (await runProgram({ chainSnapshotId: SNAPSHOT })).world,
                "aws:ebs/snapshotCopy:SnapshotCopy",
            );
            expect(copy.options.customTimeouts.create).to.equal("12h");
            expect(copy.options.retainOnDelete).to.equal(true);
        });

        it("targets exactly this stack's chain volume with the configured interval and retention", async () => {
            const { world } = await runProgram({
                snapshotIntervalHours: "12",
                snapshotRetainCount: "14",
            });
            const details = one(world, "aws:dlm/lifecyclePolicy:LifecyclePolicy").inputs
                .policyDetails;
            expect(details.targetTags).to.deep.equal({ [CHAIN_VOLUME_TAG]: FRESH_VOLUME_TAG });
            expect(details.schedules[0].createRule).to.deep.equal({
                interval: 12,
                intervalUnit: "HOURS",
            });
            expect(details.schedules[0].retainRule).to.deep.equal({ count: 14 });
        });

        it("tags snapshots with the stack, network, client and node mode", async () => {
            const { world } = await runProgram({
                client: "geth-lighthouse",
                nodeMode: "minimal",
                network: "sepolia",
            });
            const added = one(world, "aws:dlm/lifecyclePolicy:LifecyclePolicy").inputs.policyDetails
                .schedules[0].tagsToAdd;
            expect(added).to.include({
                [STACK_TAG]: STACK_ID,
                "parity:network": "sepolia",
                "parity:client": "geth-lighthouse",
                "parity:nodeMode": "minimal",
            });
            const lambdaEnv = one(world, "aws:lambda/function:Function").inputs.environment
                .variables;
            expect(JSON.parse(lambdaEnv.SNAPSHOT_TAGS)).to.include({
                "parity:network": "sepolia",
                "parity:client": "geth-lighthouse",
                "parity:nodeMode": "minimal",
                "parity:snapshot": "final",
            });
        });
    });

    describe("attach on launch", () => {
        let world: MockWorld;
        before(async () => {
            world = (await runProgram({})).world;
        });

        it("hooks launch and termination on the Auto Scaling group", async () => {
            const asg = one(world, "aws:autoscaling/group:Group").inputs;
            expect(asg.namePrefix).to.equal("parity-mainnet-test-node-");
            expect(
                asg.initialLifecycleHooks.map((h: any) => [
                    h.lifecycleTransition,
                    h.defaultResult,
                    h.heartbeatTimeout,
                ]),
            ).to.deep.equal([
                ["autoscaling:EC2_INSTANCE_LAUNCHING", "ABANDON", 900],
                ["autoscaling:EC2_INSTANCE_TERMINATING", "CONTINUE", 900],
            ]);
        });

        it("replaces the group, old one first, when its lifecycle hooks change (AWS reads them only at creation)", () => {
            const { options } = one(world, "aws:autoscaling/group:Group");
            expect(options.replaceOnChanges).to.include("initialLifecycleHooks");
            expect(options.deleteBeforeReplace).to.equal(true);
        });

        /** The one rule or target of a type that carries lifecycle events (the others: image scans). */
        const lifecycleEvents = (type: string) => {
            const found = ofType(world, type).filter((r) => !r.name.endsWith("-image-findings"));
            expect(found, type).to.have.length(1);
            return found[0]!;
        };

        it("creates the group only after the handler can receive its first launch event", () => {
            const group = one(world, "aws:autoscaling/group:Group");
            expect(group.options.dependsOn).to.include.members([
                one(world, "aws:lambda/permission:Permission").urn,
                lifecycleEvents("aws:cloudwatch/eventTarget:EventTarget").urn,
            ]);
        });

        it("routes this group's lifecycle events, and only them, to the handler", async () => {
            const pattern = JSON.parse(
                lifecycleEvents("aws:cloudwatch/eventRule:EventRule").inputs.eventPattern,
            );
            expect(pattern.source).to.deep.equal(["aws.autoscaling"]);
            expect(pattern.detail.AutoScalingGroupName).to.deep.equal([
                { prefix: "parity-mainnet-test-node-" },
            ]);
            expect(one(world, "aws:lambda/permission:Permission").inputs.principal).to.equal(
                "events.amazonaws.com",
            );
        });

        it("gives the handler the node's group, zone, name and cluster, and the instance its volume", async () => {
            const fn = one(world, "aws:lambda/function:Function").inputs;
            expect(JSON.parse(fn.environment.variables.NODE_GROUP_PREFIXES)).to.deep.equal([
                "parity-mainnet-test-node-",
            ]);
            const instanceTags = one(world, "aws:ec2/launchTemplate:LaunchTemplate").inputs
                .tagSpecifications[0].tags;
            expect(instanceTags[CHAIN_VOLUME_ID_TAG]).to.equal("chain-data-id");
            expect(fn.environment.variables).to.include({
                DNS_RECORD: "true",
                ZONE_ID: "ZENDPOINT-ZONE",
                DNS_NAME: "rpc.eth.acme-chain.net",
                DNS_TTL: "60",
            });
            expect(fn.timeout).to.equal(900);
            expect(Number(fn.environment.variables.TIMEOUT_MS)).to.be.lessThan(fn.timeout * 1000);
        });

        it("nests the clocks: every client's stop timeout inside the handler's wait, heartbeats inside the hook's", () => {
            const fn = one(world, "aws:lambda/function:Function").inputs;
            const hooks = one(world, "aws:autoscaling/group:Group").inputs.initialLifecycleHooks;
            const waitMs = Number(fn.environment.variables.TIMEOUT_MS);
            const heartbeatMs = Number(fn.environment.variables.HEARTBEAT_MS);
            expect(fn.timeout, "Lambda's own limit").to.be.at.most(900);
            for (const pair of Object.values(CLIENT_PAIRS)) {
                const longest = Math.max(
                    pair.execution.stopTimeoutSeconds,
                    pair.consensus.stopTimeoutSeconds,
                );
                expect(longest * 1000 + 60000, pair.name).to.be.at.most(waitMs);
            }
            expect(waitMs + 60000).to.be.at.most(fn.timeout * 1000);
            for (const hook of hooks) {
                expect(heartbeatMs).to.be.below(hook.heartbeatTimeout * 1000);
            }
            expect(timingProblems(10000)).to.have.length(1);
        });

        it("gives the host's boot script, and a service waiting for its task, the waits of what they wait for", async () => {
            const t = LIFECYCLE_TIMING;
            // The boot script waits for the device while the launch hook may still be attaching it.
            expect(t.bootVolumeWaitSeconds).to.be.at.least(t.launchBudgetSeconds);
            const script = Buffer.from(
                one(world, "aws:ec2/launchTemplate:LaunchTemplate").inputs.userData,
                "base64",
            ).toString("utf8");
            expect(script).to.contain(`WAIT_SECONDS=${t.bootVolumeWaitSeconds} `);
            // A deployed node behind the balancer waits for steady state: a new instance may come first.
            const { world: two } = await runProgram(
                { nodeCount: "2" },
                { deployedOutputs: { chainVolumeSource: "fresh", nodeCount: 2 } },
            );
            for (const service of ofType(two, "aws:ecs/service:Service")) {
                expect(service.inputs.waitForSteadyState, service.name).to.equal(true);
                expect(service.options.customTimeouts.update, service.name).to.equal(
                    `${t.serviceOperationMinutes}m`,
                );
            }
            expect(t.serviceOperationMinutes * 60).to.be.at.least(
                t.groupOperationMinutes * 60 + 900,
            );
        });

        it("reports clocks that do not nest: a boot wait shorter than the launch budget, a service shorter than a rollout", () => {
            const t = LIFECYCLE_TIMING;
            expect(timingProblems(600)).to.deep.equal([]);
            expect(timingProblems(600, { ...t, bootVolumeWaitSeconds: 900 })).to.deep.equal([
                "the host's boot script gives up on its volume before the launch hook can attach it",
            ]);
            expect(timingProblems(600, { ...t, serviceOperationMinutes: 20 })).to.deep.equal([
                "a service gives up on its new task before a replaced instance can run it",
            ]);
        });

        it("lets a launch outwait a draining predecessor across Lambda's retries, and Pulumi outwait any hook", () => {
            const retries = one(
                world,
                "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
            ).inputs;
            expect(retries.maximumRetryAttempts).to.equal(2);
            const t = LIFECYCLE_TIMING;
            // Three attempts of 780 s; a hook held by three timed-out attempts and its heartbeat timeout.
            expect(t.launchBudgetSeconds).to.equal(3 * 780);
            expect(t.hookWorstSeconds).to.equal(3 * 900 + 60 + 120 + 900);
            expect(retries.maximumEventAgeInSeconds).to.be.at.least(t.hookWorstSeconds - 900);
            expect(t.launchBudgetSeconds, "outlasts one terminate").to.be.above(
                t.lambdaTimeoutSeconds,
            );
            const group = one(world, "aws:autoscaling/group:Group");
            expect(group.inputs.waitForCapacityTimeout).to.equal("68m");
            expect(group.options.customTimeouts).to.include({ update: "68m", delete: "68m" });
            expect(68 * 60).to.be.at.least(t.hookWorstSeconds);
            const readme = DOC["docs/operations.md"]!.replace(/\s+/g, " ");
            expect(readme).to.contain("a launch waits up to 39 minutes");
            expect(readme).to.contain("is 63 minutes");
            expect(readme).to.contain("are 68 minutes instead of the provider's 10");
        });

        it("limits the handler's IAM to this stack's tagged volume and instances, its zone, group and cluster", async () => {
            const policy = JSON.parse(
                ofType(world, "aws:iam/rolePolicy:RolePolicy").find(
                    (p) => p.name === "node-lifecycle",
                )!.inputs.policy,
            );
            for (const s of policy.Statement) {
                const actions: string[] = [].concat(s.Action);
                const mutates = actions.some((a) => !/^[a-z0-9]+:(Describe|List|Get)/.test(a));
                if (mutates) {
                    expect(s.Resource, s.Sid).to.not.equal("*");
                    expect([].concat(s.Resource), s.Sid).to.not.include("*");
                }
                if (actions.some((a) => a === "ec2:AttachVolume" || a === "ec2:DetachVolume")) {
                    expect(s.Condition, s.Sid).to.deep.equal({
                        StringEquals: { [`aws:ResourceTag/${STACK_TAG}`]: STACK_ID },
                    });
                }
                if (actions.some((a) => a.startsWith("route53:"))) {
                    expect(s.Resource).to.deep.equal([
                        "arn:aws:route53:::hostedzone/ZENDPOINT-ZONE",
                    ]);
                }
            }
            const instanceRole = ofType(world, "aws:iam/role:Role").find(
                (r) => r.name === "node-instance",
            )!;
            expect(JSON.stringify(instanceRole.inputs)).to.not.contain("AttachVolume");
        });

        it("tags the instances so the handler's conditions match them", async () => {
            const lt = one(world, "aws:ec2/launchTemplate:LaunchTemplate").inputs;
            expect(lt.tagSpecifications[0].tags[STACK_TAG]).to.equal(STACK_ID);
        });
    });

    describe("lifecycleHandlerPolicy", () => {
        it("names the group by prefix and the container instances of the cluster", () => {
            const p = lifecycleHandlerPolicy({
                region: "eu-central-1",
                account: "1",
                stackTagValue: "p/s",
                zoneId: "Z1",
                asgNamePrefix: "p-s-node-",
                clusterName: "c",
                clusterArn: "arn:c",
                logGroupArn: "arn:lg",
            });
            const bySid = Object.fromEntries(p.Statement.map((s) => [s.Sid, s]));
            expect(bySid.CompleteLifecycle!.Resource).to.deep.equal([
                "arn:aws:autoscaling:eu-central-1:1:autoScalingGroup:*:autoScalingGroupName/p-s-node-*",
            ]);
            expect(bySid.DrainContainerInstance!.Resource).to.deep.equal([
                "arn:aws:ecs:eu-central-1:1:container-instance/c/*",
            ]);
        });
    });

    it("bundles the handler for Lambda with the runtime's AWS SDK left out", () => {
        const code = bundleHandler();
        expect(code).to.contain("handleLifecycleEvent");
        expect(code).to.match(/require\("@aws-sdk\/client-ec2"\)/);
        expect(code.length).to.be.lessThan(100_000);
    });
});
