import { expect } from "chai";
import {
    EC2Client,
    RunInstancesCommand,
    CreateVolumeCommand,
    CreateTagsCommand,
    AttachVolumeCommand,
    DescribeVolumesCommand,
    DescribeSnapshotsCommand,
    TerminateInstancesCommand,
    StopInstancesCommand,
    CreateLaunchTemplateCommand,
    DescribeInstancesCommand,
} from "@aws-sdk/client-ec2";
import {
    Route53Client,
    CreateHostedZoneCommand,
    ListResourceRecordSetsCommand,
} from "@aws-sdk/client-route-53";
import {
    AutoScalingClient,
    CreateAutoScalingGroupCommand,
    DescribeAutoScalingGroupsCommand,
} from "@aws-sdk/client-auto-scaling";
import {
    ECSClient,
    CreateClusterCommand,
    RegisterContainerInstanceCommand,
    DescribeContainerInstancesCommand,
} from "@aws-sdk/client-ecs";
import {
    handleLifecycleEvent,
    LifecycleEvent,
    LifecycleSettings,
    Clients,
    settingsFromEnv,
} from "../../handlers/lifecycle";
import { syncRecord } from "../../handlers/lifecycle/sync";
import { CHAIN_VOLUME_ID_TAG, CHAIN_VOLUME_TAG } from "../../catalog/tags";
import { sharedMoto, localClientConfig, Moto } from "../moto";
import { listen, LocalServer } from "../localServers";
import { errorOf } from "../helpers";

/**
 * The lifecycle handler against moto server (EC2, Route53, ECS). moto 5.2.5 does not implement
 * autoscaling:CompleteLifecycleAction, so that call goes to a small local endpoint that speaks the
 * Auto Scaling query protocol and records what the real SDK sent.
 */
function autoscalingEndpoint(): Promise<
    LocalServer & { completed: Record<string, string>[]; heartbeats: Record<string, string>[] }
> {
    const completed: Record<string, string>[] = [];
    const heartbeats: Record<string, string>[] = [];
    const done = new Set<string>();
    return listen((req, res) => {
        let body = "";
        req.on("data", (d) => (body += d));
        req.on("end", () => {
            const params = Object.fromEntries(new URLSearchParams(body));
            if (params.Action === "RecordLifecycleActionHeartbeat") {
                heartbeats.push(params);
                res.writeHead(200, { "content-type": "text/xml" }).end(
                    `<RecordLifecycleActionHeartbeatResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><RecordLifecycleActionHeartbeatResult/><ResponseMetadata><RequestId>r3</RequestId></ResponseMetadata></RecordLifecycleActionHeartbeatResponse>`,
                );
                return;
            }
            if (params.Action !== "CompleteLifecycleAction") {
                res.writeHead(400).end();
                return;
            }
            const key = `${params.InstanceId}/${params.LifecycleActionToken}`;
            if (done.has(key)) {
                res.writeHead(400, { "content-type": "text/xml" }).end(
                    `<ErrorResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>No active Lifecycle Action found with token ${params.LifecycleActionToken}</Message></Error><RequestId>r2</RequestId></ErrorResponse>`,
                );
                return;
            }
            done.add(key);
            completed.push(params);
            res.writeHead(200, { "content-type": "text/xml" }).end(
                `<CompleteLifecycleActionResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><CompleteLifecycleActionResult/><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></CompleteLifecycleActionResponse>`,
            );
        });
    }).then((server) => Object.assign(server, { completed, heartbeats }));
}

/**
 * ECS as a draining instance looks to the handler: right after DRAINING the task's desired status is
 * STOPPED (so runningTasksCount is 0), while its lastStatus stays RUNNING for `stopsAfterPolls`
 * DescribeTasks calls: the clients are still flushing. Speaks the ECS JSON protocol.
 */
function slowStoppingEcs(instanceArn: string, stopsAfterPolls: number) {
    const events: string[] = [];
    let draining = false;
    let polls = 0;
    const taskArn = "arn:aws:ecs:us-east-1:123456789012:task/node-cluster/0123456789abcdef";
    const answer = (target: string): unknown => {
        switch (target) {
            case "ListContainerInstances":
                return { containerInstanceArns: [instanceArn] };
            case "UpdateContainerInstancesState":
                draining = true;
                events.push("draining");
                return {
                    containerInstances: [{ containerInstanceArn: instanceArn, status: "DRAINING" }],
                    failures: [],
                };
            case "DescribeContainerInstances":
                return {
                    containerInstances: [
                        { containerInstanceArn: instanceArn, runningTasksCount: draining ? 0 : 1 },
                    ],
                    failures: [],
                };
            case "ListTasks":
                return { taskArns: [taskArn] };
            case "DescribeTasks": {
                polls += draining ? 1 : 0;
                const lastStatus = draining && polls > stopsAfterPolls ? "STOPPED" : "RUNNING";
                events.push(lastStatus);
                return {
                    tasks: [
                        { taskArn, lastStatus, desiredStatus: draining ? "STOPPED" : "RUNNING" },
                    ],
                    failures: [],
                };
            }
            default:
                throw new Error(`unexpected ECS call ${target}`);
        }
    };
    return listen((req, res) => {
        let body = "";
        req.on("data", (d) => (body += d));
        req.on("end", () => {
            const target = String(req.headers["x-amz-target"]).split(".").pop() ?? "";
            res.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end(
                JSON.stringify(answer(target)),
            );
        });
    }).then((server) => Object.assign(server, { events }));
}

describe("handlers/lifecycle/ against moto server", function () {
    this.timeout(60000);
    let moto: Moto;
    let asg: Awaited<ReturnType<typeof autoscalingEndpoint>>;
    let clients: Clients;
    let settings: LifecycleSettings;
    /** Node 1's chain volume, which its instances name (CHAIN_VOLUME_ID_TAG). */
    let volumeId: string;
    let logged: string[];
    const DNS = "rpc.eth.acme-chain.net";

    before(async () => {
        moto = await sharedMoto();
        asg = await autoscalingEndpoint();
        clients = {
            ec2: new EC2Client(localClientConfig(moto.url)),
            route53: new Route53Client(localClientConfig(moto.url)),
            ecs: new ECSClient(localClientConfig(moto.url)),
            autoscaling: new AutoScalingClient(localClientConfig(asg.url)),
        };
    });
    after(() => asg.close());

    /** An instance as a node's launch template starts it: tagged with the volume it boots with. */
    async function instance(
        zone = "us-east-1a",
        chainVolumeId: string | null = volumeId,
    ): Promise<{ id: string; ip: string }> {
        const out = await clients.ec2.send(
            new RunInstancesCommand({
                ImageId: "ami-12c6146b",
                MinCount: 1,
                MaxCount: 1,
                InstanceType: "r7i.xlarge",
                Placement: { AvailabilityZone: zone },
                TagSpecifications:
                    chainVolumeId === null
                        ? undefined
                        : [
                              {
                                  ResourceType: "instance",
                                  Tags: [{ Key: CHAIN_VOLUME_ID_TAG, Value: chainVolumeId }],
                              },
                          ],
            }),
        );
        return { id: out.Instances![0]!.InstanceId!, ip: out.Instances![0]!.PrivateIpAddress! };
    }
    const event = (
        transition: "LAUNCHING" | "TERMINATING",
        instanceId: string,
        token = `token-${instanceId}-${transition}`,
    ): LifecycleEvent => ({
        "detail-type": `EC2 Instance-${transition === "LAUNCHING" ? "launch" : "terminate"} Lifecycle Action`,
        detail: {
            LifecycleTransition: `autoscaling:EC2_INSTANCE_${transition}`,
            AutoScalingGroupName: "parity-test-node-1",
            LifecycleHookName: `node-${transition.toLowerCase()}`,
            LifecycleActionToken: token,
            EC2InstanceId: instanceId,
        },
    });
    const volume = () =>
        clients.ec2
            .send(new DescribeVolumesCommand({ VolumeIds: [volumeId] }))
            .then((o) => o.Volumes![0]);
    const record = async () => {
        const out = await clients.route53.send(
            new ListResourceRecordSetsCommand({ HostedZoneId: settings.zoneId }),
        );
        return out
            .ResourceRecordSets!.filter((r) => r.Type === "A" && r.Name === `${DNS}.`)
            .map((r) => ({ ttl: r.TTL, ips: r.ResourceRecords!.map((v) => v.Value) }));
    };

    beforeEach(async () => {
        await moto.reset();
        asg.completed.length = 0;
        asg.heartbeats.length = 0;
        const vol = await clients.ec2.send(
            new CreateVolumeCommand({
                AvailabilityZone: "us-east-1a",
                Size: 2000,
                VolumeType: "gp3",
                Encrypted: true,
                TagSpecifications: [
                    {
                        ResourceType: "volume",
                        Tags: [{ Key: CHAIN_VOLUME_TAG, Value: "parity-mainnet/test/fresh" }],
                    },
                ],
            }),
        );
        const zone = await clients.route53.send(
            new CreateHostedZoneCommand({ Name: DNS, CallerReference: `ref-${Date.now()}` }),
        );
        await clients.ecs.send(new CreateClusterCommand({ clusterName: "node-cluster" }));
        volumeId = vol.VolumeId!;
        settings = {
            nodeGroupPrefixes: ["parity-test-node-"],
            stackTagValue: "parity-mainnet/test",
            manageRecord: true,
            zoneId: zone.HostedZone!.Id!.replace("/hostedzone/", ""),
            dnsName: DNS,
            clusterName: "node-cluster",
            ttlSeconds: 60,
            deviceName: "/dev/sdf",
            snapshotTags: {
                "parity:stack": "parity-mainnet/test",
                "parity:network": "mainnet",
                "parity:client": "reth-lighthouse",
                "parity:nodeMode": "full",
            },
            pollMs: 20,
            timeoutMs: 2000,
            heartbeatMs: 1000,
            log: (message) => logged.push(message),
        };
        logged = [];
    });

    it("attaches an available volume on launch, points the name at the private IP and continues the launch", async () => {
        const node = await instance();
        expect(await handleLifecycleEvent(event("LAUNCHING", node.id), clients, settings)).to.equal(
            `launched ${node.id}`,
        );
        const v = await volume();
        expect(v!.Attachments![0]).to.include({ InstanceId: node.id, Device: "/dev/sdf" });
        expect(await record()).to.deep.equal([{ ttl: 60, ips: [node.ip] }]);
        expect(asg.completed).to.have.length(1);
        expect(asg.completed[0]).to.include({
            InstanceId: node.id,
            LifecycleActionResult: "CONTINUE",
            LifecycleHookName: "node-launching",
            AutoScalingGroupName: "parity-test-node-1",
        });
    });

    it("is idempotent when the same launch event arrives twice", async () => {
        const node = await instance();
        await handleLifecycleEvent(event("LAUNCHING", node.id), clients, settings);
        await handleLifecycleEvent(event("LAUNCHING", node.id), clients, settings);
        expect((await volume())!.Attachments).to.have.length(1);
        expect(await record()).to.deep.equal([{ ttl: 60, ips: [node.ip] }]);
        expect(
            asg.completed,
            "the second completion is answered 'already done' and tolerated",
        ).to.have.length(1);
    });

    it("detaches the volume from a predecessor that is shutting down, then moves the record to the replacement", async () => {
        const old = await instance();
        await handleLifecycleEvent(event("LAUNCHING", old.id), clients, settings);
        await clients.ec2.send(new StopInstancesCommand({ InstanceIds: [old.id] }));
        const replacement = await instance();
        await handleLifecycleEvent(event("LAUNCHING", replacement.id), clients, settings);
        expect((await volume())!.Attachments![0]!.InstanceId).to.equal(replacement.id);
        expect(await record()).to.deep.equal([{ ttl: 60, ips: [replacement.ip] }]);
    });

    it("waits while the volume is attached to a running predecessor, and gives up with a clear error", async () => {
        const old = await instance();
        await clients.ec2.send(
            new AttachVolumeCommand({
                VolumeId: volumeId,
                InstanceId: old.id,
                Device: "/dev/sdf",
            }),
        );
        const replacement = await instance();
        const started = Date.now();
        const message = await errorOf(() =>
            handleLifecycleEvent(event("LAUNCHING", replacement.id), clients, {
                ...settings,
                timeoutMs: 300,
            }),
        );
        expect(Date.now() - started).to.be.at.least(300);
        expect(message).to.match(
            new RegExp(
                `timed out after 300 ms waiting to attach ${volumeId} to ${replacement.id} \\(volume state in-use, attached to ${old.id}\\)`,
            ),
        );
        expect(
            (await volume())!.Attachments![0]!.InstanceId,
            "the running predecessor keeps its volume",
        ).to.equal(old.id);
        expect(logged).to.include(`${volumeId} is still attached to ${old.id} (running); waiting`);
    });

    it("refuses a volume in another zone with a clear error, abandons the launch and creates nothing", async () => {
        const node = await instance("us-east-1b");
        const message = await errorOf(() =>
            handleLifecycleEvent(event("LAUNCHING", node.id), clients, settings),
        );
        expect(message).to.equal(
            `chain volume ${volumeId} is in us-east-1a but instance ${node.id} launched in us-east-1b; EBS volumes attach only within their zone: set availabilityZone to us-east-1a, or restore a snapshot in us-east-1b`,
        );
        expect((await volume())!.State).to.equal("available");
        expect(await record()).to.deep.equal([]);
        expect(asg.completed.map((c) => c.LifecycleActionResult)).to.deep.equal(["ABANDON"]);
    });

    it("attaches the volume the instance was launched for, not the one a restore gives the node next", async () => {
        // A restore of several nodes: node 1's next volume exists, but its group has not rolled to
        // the template that names it; an unplanned replacement still launches with the old one.
        const next = await clients.ec2.send(
            new CreateVolumeCommand({
                AvailabilityZone: "us-east-1a",
                Size: 2000,
                VolumeType: "gp3",
                TagSpecifications: [
                    {
                        ResourceType: "volume",
                        Tags: [{ Key: CHAIN_VOLUME_TAG, Value: "parity-mainnet/test/snap-0123/x" }],
                    },
                ],
            }),
        );
        const node = await instance();
        await handleLifecycleEvent(event("LAUNCHING", node.id), clients, settings);
        expect((await volume())!.Attachments![0]!.InstanceId).to.equal(node.id);
        const untouched = await clients.ec2.send(
            new DescribeVolumesCommand({ VolumeIds: [next.VolumeId!] }),
        );
        expect(untouched.Volumes![0]!.State).to.equal("available");
    });

    for (const [what, named, expected] of [
        [
            "names no volume",
            () => Promise.resolve(null),
            (id: string) =>
                `instance ${id} has no ${CHAIN_VOLUME_ID_TAG} tag: its launch template names no chain volume; run pulumi up to roll the group to the current template`,
        ],
        [
            "names a volume that is not this stack's chain volume",
            async () =>
                (
                    await clients.ec2.send(
                        new CreateVolumeCommand({
                            AvailabilityZone: "us-east-1a",
                            Size: 10,
                            TagSpecifications: [
                                {
                                    ResourceType: "volume",
                                    Tags: [
                                        {
                                            Key: CHAIN_VOLUME_TAG,
                                            Value: "parity-mainnet/prod/fresh",
                                        },
                                    ],
                                },
                            ],
                        }),
                    )
                ).VolumeId!,
            (id: string) =>
                new RegExp(
                    `^volume vol-\\w+, which instance ${id} names, is not a chain volume of parity-mainnet/test \\(${CHAIN_VOLUME_TAG}: parity-mainnet/prod/fresh\\)$`,
                ),
        ],
    ] as const) {
        it(`abandons a launch whose instance ${what}, and attaches nothing`, async () => {
            const node = await instance("us-east-1a", await named());
            const message = await errorOf(() =>
                handleLifecycleEvent(event("LAUNCHING", node.id), clients, settings),
            );
            const want = expected(node.id);
            if (typeof want === "string") {
                expect(message).to.equal(want);
            } else {
                expect(message).to.match(want);
            }
            expect((await volume())!.State).to.equal("available");
            expect(asg.completed.map((c) => c.LifecycleActionResult)).to.deep.equal(["ABANDON"]);
        });
    }

    it("reports a missing hosted zone clearly", async () => {
        const node = await instance();
        const message = await errorOf(() =>
            handleLifecycleEvent(event("LAUNCHING", node.id), clients, {
                ...settings,
                zoneId: "Z0000000000MISSING",
            }),
        );
        expect(message).to.equal(
            `hosted zone Z0000000000MISSING for ${DNS} does not exist; was it deleted outside Pulumi? Run \`pulumi up\` to recreate it`,
        );
    });

    it("on termination drains the ECS instance, takes one tagged final snapshot, leaves the record for the next launch and continues", async () => {
        const node = await instance();
        await handleLifecycleEvent(event("LAUNCHING", node.id), clients, settings);
        const registered = await clients.ecs.send(
            new RegisterContainerInstanceCommand({
                cluster: "node-cluster",
                instanceIdentityDocument: JSON.stringify({ instanceId: node.id }),
            }),
        );
        await handleLifecycleEvent(event("TERMINATING", node.id), clients, settings);
        await handleLifecycleEvent(event("TERMINATING", node.id), clients, settings);

        const ci = await clients.ecs.send(
            new DescribeContainerInstancesCommand({
                cluster: "node-cluster",
                containerInstances: [registered.containerInstance!.containerInstanceArn!],
            }),
        );
        expect(ci.containerInstances![0]!.status).to.equal("DRAINING");
        const snaps = (
            await clients.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] }))
        ).Snapshots!.filter((s) => s.VolumeId === volumeId);
        expect(snaps, "a duplicate terminate event does not take a second snapshot").to.have.length(
            1,
        );
        const tags = Object.fromEntries(snaps[0]!.Tags!.map((t) => [t.Key, t.Value]));
        expect(tags).to.include({ ...settings.snapshotTags, "parity:final-for": node.id });
        // A deleted name would be cached as NXDOMAIN for the SOA's 900 s; a stale one only for its TTL.
        expect(await record()).to.deep.equal([{ ttl: 60, ips: [node.ip] }]);
        expect(
            asg.completed
                .filter((c) => c.LifecycleHookName === "node-terminating")
                .map((c) => c.LifecycleActionResult),
        ).to.deep.equal(["CONTINUE"]);
        await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [node.id] }));
    });

    it("labels a final snapshot with what its volume holds, not with the contents the stack moved to", async () => {
        // The volume holds a geth mainnet minimal database; the stack was switched to reth full.
        await clients.ec2.send(
            new CreateTagsCommand({
                Resources: [volumeId],
                Tags: [
                    { Key: "parity:network", Value: "mainnet" },
                    { Key: "parity:client", Value: "geth-lighthouse" },
                    { Key: "parity:nodeMode", Value: "minimal" },
                ],
            }),
        );
        const node = await instance();
        await handleLifecycleEvent(event("LAUNCHING", node.id), clients, settings);
        await handleLifecycleEvent(event("TERMINATING", node.id), clients, settings);
        const snap = (
            await clients.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] }))
        ).Snapshots!.find((s) => s.VolumeId === volumeId)!;
        const tags = Object.fromEntries(snap.Tags!.map((t) => [t.Key, t.Value]));
        expect(tags).to.include({
            "parity:stack": "parity-mainnet/test",
            "parity:client": "geth-lighthouse",
            "parity:nodeMode": "minimal",
        });
        expect(settings.snapshotTags["parity:client"]).to.equal("reth-lighthouse");
    });

    it("on termination waits until every task has really stopped, sending heartbeats, before the final snapshot", async () => {
        const node = await instance();
        await handleLifecycleEvent(event("LAUNCHING", node.id), clients, settings);
        const ecs = await slowStoppingEcs(
            "arn:aws:ecs:us-east-1:123456789012:container-instance/node-cluster/ci-1",
            6,
        );
        try {
            const slow = { ...clients, ecs: new ECSClient(localClientConfig(ecs.url)) };
            const timed = {
                ...settings,
                heartbeatMs: 30,
                log: (m: string) => logged.push(`${Date.now()} ${m}`),
            };
            await handleLifecycleEvent(event("TERMINATING", node.id), slow, timed);
            // The task answered RUNNING six times after draining; the handler only moved on at STOPPED.
            expect(ecs.events.slice(0, 1)).to.deep.equal(["draining"]);
            expect(ecs.events.filter((e) => e === "RUNNING").length).to.be.at.least(6);
            expect(ecs.events[ecs.events.length - 1]).to.equal("STOPPED");
            const order = logged.map((l) => l.replace(/^\d+ /, ""));
            const drained = order.findIndex((l) => l.includes("every task has stopped"));
            const snapshot = order.findIndex((l) => l.startsWith("final snapshot"));
            expect(drained, order.join("\n")).to.be.greaterThan(-1);
            expect(snapshot).to.be.greaterThan(drained);
            expect(asg.heartbeats.length, "heartbeats while waiting").to.be.at.least(1);
            expect(asg.heartbeats[0]).to.include({
                InstanceId: node.id,
                LifecycleHookName: "node-terminating",
                AutoScalingGroupName: "parity-test-node-1",
            });
        } finally {
            await ecs.close();
        }
    });

    it("on termination gives up on a task that never stops after its timeout, and still takes the final snapshot", async () => {
        const node = await instance();
        await handleLifecycleEvent(event("LAUNCHING", node.id), clients, settings);
        const ecs = await slowStoppingEcs(
            "arn:aws:ecs:us-east-1:123456789012:container-instance/node-cluster/ci-1",
            Number.POSITIVE_INFINITY,
        );
        try {
            const stuck = { ...clients, ecs: new ECSClient(localClientConfig(ecs.url)) };
            await handleLifecycleEvent(event("TERMINATING", node.id), stuck, {
                ...settings,
                timeoutMs: 200,
            });
            expect(ecs.events.at(-1)).to.equal("RUNNING");
            const gaveUp = logged.findIndex((l) => l.includes("snapshotting anyway"));
            const snapshot = logged.findIndex((l) => l.startsWith("final snapshot"));
            expect(gaveUp, logged.join("\n")).to.be.greaterThan(-1);
            expect(snapshot).to.be.greaterThan(gaveUp);
        } finally {
            await ecs.close();
        }
    });

    it("leaves a record that already points at the replacement when the old host terminates", async () => {
        const old = await instance();
        await handleLifecycleEvent(event("LAUNCHING", old.id), clients, settings);
        await clients.ec2.send(new StopInstancesCommand({ InstanceIds: [old.id] }));
        const replacement = await instance();
        await handleLifecycleEvent(event("LAUNCHING", replacement.id), clients, settings);
        await handleLifecycleEvent(event("TERMINATING", old.id), clients, settings);
        expect(await record()).to.deep.equal([{ ttl: 60, ips: [replacement.ip] }]);
    });

    it("reads its settings from the Lambda environment and names a missing variable", () => {
        const env = {
            ZONE_ID: "Z1",
            DNS_NAME: DNS,
            CLUSTER_NAME: "c",
            SNAPSHOT_TAGS: '{"a":"b"}',
            TIMEOUT_MS: "780000",
            HEARTBEAT_MS: "300000",
            NODE_GROUP_PREFIXES: '["p-s-node-"]',
            STACK_TAG_VALUE: "p/s",
        };
        expect(settingsFromEnv(env)).to.deep.include({
            nodeGroupPrefixes: ["p-s-node-"],
            manageRecord: true,
            ttlSeconds: 60,
            deviceName: "/dev/sdf",
            snapshotTags: { a: "b" },
        });
        expect(() => settingsFromEnv({ ...env, ZONE_ID: "" })).to.throw(
            "environment variable ZONE_ID is not set",
        );
        // Behind a load balancer the handler leaves DNS alone and needs no zone.
        const balanced = settingsFromEnv({
            ...env,
            DNS_RECORD: "false",
            ZONE_ID: "",
            DNS_NAME: "",
        });
        expect(balanced.manageRecord).to.equal(false);
    });

    it("serves several nodes: each group's events move its own volume, and leave DNS to the load balancer", async () => {
        const second = await clients.ec2.send(
            new CreateVolumeCommand({
                AvailabilityZone: "us-east-1b",
                Size: 2000,
                VolumeType: "gp3",
                TagSpecifications: [
                    {
                        ResourceType: "volume",
                        Tags: [{ Key: CHAIN_VOLUME_TAG, Value: "parity-mainnet/test/n2/fresh" }],
                    },
                ],
            }),
        );
        const ha: LifecycleSettings = {
            ...settings,
            manageRecord: false,
            nodeGroupPrefixes: ["parity-test-node-", "parity-test-node-n2-"],
        };
        const first = await instance("us-east-1a");
        const other = await instance("us-east-1b", second.VolumeId!);
        const launch = (node: { id: string }, group: string): LifecycleEvent => ({
            ...event("LAUNCHING", node.id),
            detail: { ...event("LAUNCHING", node.id).detail, AutoScalingGroupName: group },
        });
        // Terraform's name suffixes start with a timestamp: node 0's group also starts "…-node-2…".
        await handleLifecycleEvent(
            launch(first, "parity-test-node-20261127080000000000000001"),
            clients,
            ha,
        );
        await handleLifecycleEvent(
            launch(other, "parity-test-node-n2-20261127080000000000000002"),
            clients,
            ha,
        );
        const attachedTo = async (id: string) =>
            (await clients.ec2.send(new DescribeVolumesCommand({ VolumeIds: [id] }))).Volumes![0]!
                .Attachments![0]!.InstanceId;
        expect(await attachedTo(volumeId)).to.equal(first.id);
        expect(await attachedTo(second.VolumeId!)).to.equal(other.id);
        expect(await record(), "no A record behind a load balancer").to.deep.equal([]);
        expect(
            await errorOf(() => handleLifecycleEvent(launch(first, "someone-else-1"), clients, ha)),
        ).to.match(/^group someone-else-1 belongs to no node of this stack/);
    });
    it("drains and snapshots a node removed from the stack with its own volume, and leaves DNS alone", async () => {
        // nodeCount 3 → 2: the handler's settings no longer list node 3 when its group is deleted.
        const removed = await clients.ec2.send(
            new CreateVolumeCommand({
                AvailabilityZone: "us-east-1a",
                Size: 100,
                VolumeType: "gp3",
                TagSpecifications: [
                    {
                        ResourceType: "volume",
                        Tags: [{ Key: CHAIN_VOLUME_TAG, Value: "parity-mainnet/test/n3/fresh" }],
                    },
                ],
            }),
        );
        const node = await instance();
        await clients.ec2.send(
            new AttachVolumeCommand({
                VolumeId: removed.VolumeId!,
                InstanceId: node.id,
                Device: "/dev/sdf",
            }),
        );
        const retired = (e: LifecycleEvent): LifecycleEvent => ({
            ...e,
            detail: {
                ...e.detail,
                AutoScalingGroupName: "parity-test-node-n3-20261127080000000000000003",
            },
        });
        await handleLifecycleEvent(retired(event("TERMINATING", node.id)), clients, settings);
        const snaps = (
            await clients.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] }))
        ).Snapshots!.filter((s) => s.VolumeId === removed.VolumeId);
        expect(snaps, "its final snapshot").to.have.length(1);
        expect(await record(), "node 1's name is not touched").to.deep.equal([]);
        expect(asg.completed.map((c) => c.LifecycleActionResult)).to.deep.equal(["CONTINUE"]);
    });

    it("heartbeats the launch hook while a predecessor still holds the volume, and leaves the retry to Lambda", async () => {
        const old = await instance();
        await handleLifecycleEvent(event("LAUNCHING", old.id), clients, settings);
        const replacement = await instance();
        const message = await errorOf(() =>
            handleLifecycleEvent(event("LAUNCHING", replacement.id), clients, {
                ...settings,
                timeoutMs: 300,
                heartbeatMs: 100,
            }),
        );
        expect(message).to.match(
            /^timed out after 300 ms waiting to attach .*; Lambda retries the event$/,
        );
        const beats = asg.heartbeats.filter((h) => h.InstanceId === replacement.id);
        expect(beats.length, "heartbeats while waiting").to.be.at.least(2);
        expect(beats[0]).to.include({ LifecycleHookName: "node-launching" });
        // Not abandoned: the next attempt may still get the volume once the predecessor lets go.
        expect(asg.completed.filter((c) => c.InstanceId === replacement.id)).to.deep.equal([]);
    });
});

describe("the record sync (one node) against moto server", function () {
    this.timeout(60000);
    let moto: Moto;
    let clients: Clients;
    const DNS = "rpc.eth.acme-chain.net";
    const STACK = "parity-mainnet/test";

    before(async () => {
        moto = await sharedMoto();
        clients = {
            ec2: new EC2Client(localClientConfig(moto.url)),
            route53: new Route53Client(localClientConfig(moto.url)),
            ecs: new ECSClient(localClientConfig(moto.url)),
            autoscaling: new AutoScalingClient(localClientConfig(moto.url)),
        };
    });

    async function group(name: string, stack: string) {
        const template = await clients.ec2.send(
            new CreateLaunchTemplateCommand({
                LaunchTemplateName: `lt-${name}`,
                LaunchTemplateData: { ImageId: "ami-12c6146b", InstanceType: "r7g.xlarge" },
            }),
        );
        await clients.autoscaling.send(
            new CreateAutoScalingGroupCommand({
                AutoScalingGroupName: name,
                LaunchTemplate: { LaunchTemplateId: template.LaunchTemplate!.LaunchTemplateId! },
                MinSize: 1,
                MaxSize: 1,
                DesiredCapacity: 1,
                AvailabilityZones: ["us-east-1a"],
                Tags: [{ Key: "parity:stack", Value: stack, PropagateAtLaunch: true }],
            }),
        );
        const out = await clients.autoscaling.send(
            new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
        );
        const id = out.AutoScalingGroups![0]!.Instances![0]!.InstanceId!;
        const described = await clients.ec2.send(
            new DescribeInstancesCommand({ InstanceIds: [id] }),
        );
        return described.Reservations![0]!.Instances![0]!.PrivateIpAddress!;
    }

    it("points the name at node 1's instance, never at another node's or another stack's", async () => {
        await moto.reset();
        // Several nodes going to one: node 2's group still exists while node 1's record is written.
        const otherStack = await group(
            "parity-prod-node-20261127080000000000000009",
            "parity-mainnet/prod",
        );
        const nodeTwo = await group("parity-test-node-n2-20261127080000000000000002", STACK);
        const nodeOne = await group("parity-test-node-20261127080000000000000001", STACK);
        const zone = await clients.route53.send(
            new CreateHostedZoneCommand({ Name: DNS, CallerReference: `ref-${Date.now()}` }),
        );
        const zoneId = zone.HostedZone!.Id!.replace("/hostedzone/", "");
        const settings = {
            ...settingsFromEnv({
                NODE_GROUP_PREFIXES: JSON.stringify(["parity-test-node-"]),
                STACK_TAG_VALUE: STACK,
                ZONE_ID: zoneId,
                DNS_NAME: DNS,
                CLUSTER_NAME: "c",
                TIMEOUT_MS: "1000",
                HEARTBEAT_MS: "100",
            }),
            log: () => undefined,
        };
        expect(await syncRecord(clients, settings)).to.equal(`${DNS} → ${nodeOne}`);
        const records = await clients.route53.send(
            new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }),
        );
        const a = records.ResourceRecordSets!.filter((r) => r.Type === "A");
        expect(a.map((r) => [r.TTL, r.ResourceRecords!.map((v) => v.Value)])).to.deep.equal([
            [60, [nodeOne]],
        ]);
        expect([nodeTwo, otherStack]).to.not.include(nodeOne);
        expect(await syncRecord(clients, { ...settings, manageRecord: false })).to.match(
            /the load balancer's alias/,
        );
    });
});
