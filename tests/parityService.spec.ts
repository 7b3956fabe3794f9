import { expect } from "chai";
import {
    runProgram,
    runFailingProgram,
    one,
    ofType,
    MockWorld,
    registered,
    flagValue,
    containerVariable,
    errorOf,
} from "./helpers";
import { CLIENT_PAIRS, GUARDED_PORTS, clientPair, pairPorts } from "../catalog/clients";
import { PROFILE_NAMES } from "../catalog/profiles";
import { checkRpcCidrs, checkSubnet } from "../domain/preflight";
import { withSecrets } from "../domain/containerSecrets";
import { checkInstanceTypes } from "../domain/instanceChecks";
import { resolveProfile } from "../domain/profile";
import { userData } from "../domain/userData";
import { ARCHITECTURES, CHAIN_VOLUME_ATTRIBUTE } from "../catalog/host";
import { guardedUidRange } from "../catalog/processIsolation";
import { parsePromise } from "../monitor/history";
import { USER_DATA_MAX_BYTES } from "../catalog/awsLimits";

const WORLD = ["0.0.0.0/0", "::/0"];

function nodeIngress(world: MockWorld): any[] {
    return ofType(world, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.name === "node-node")!
        .inputs.ingress;
}
const covers = (rule: any, port: number) =>
    rule.protocol === "-1" || (rule.fromPort <= port && port <= rule.toPort);
const containersOf = (world: MockWorld): any[] =>
    JSON.parse(one(world, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions);

describe("ParityService and ParityImage in the program", () => {
    for (const profile of PROFILE_NAMES) {
        for (const clientName of Object.keys(CLIENT_PAIRS)) {
            describe(`${profile} / ${clientName}`, () => {
                let world: MockWorld;
                const pair = clientPair(clientName);
                before(async () => {
                    world = (await runProgram({ profile, client: clientName })).world;
                });

                it("opens exactly the public P2P ports to the world, and RPC and readiness only to the access group", () => {
                    const ingress = nodeIngress(world);
                    const worldOpen = ingress.filter((r) =>
                        (r.cidrBlocks ?? [])
                            .concat(r.ipv6CidrBlocks ?? [])
                            .some((c: string) => WORLD.includes(c)),
                    );
                    const expectedPublic = pairPorts(pair)
                        .filter((p) => p.exposure === "public")
                        .map((p) => `${p.protocol}/${p.port}`);
                    expect(worldOpen.map((r) => `${r.protocol}/${r.fromPort}`)).to.have.members(
                        expectedPublic,
                    );
                    const fromAccess = ingress.filter((r) => r.securityGroups?.length);
                    expect(
                        fromAccess.map((r) => `${r.protocol}/${r.fromPort}-${r.toPort}`),
                    ).to.have.members(["tcp/8545-8545", "tcp/8546-8546", "tcp/8080-8080"]);
                    expect(
                        fromAccess.every((r) => r.securityGroups[0] === "node-access-id"),
                    ).to.equal(true);
                });

                it("has no world-open rule that touches RPC, the engine API, the beacon API or metrics", () => {
                    for (const rule of nodeIngress(world)) {
                        const open = (rule.cidrBlocks ?? [])
                            .concat(rule.ipv6CidrBlocks ?? [])
                            .some((c: string) => WORLD.includes(c));
                        for (const port of GUARDED_PORTS) {
                            expect(
                                open && covers(rule, port),
                                `rule ${rule.description} opens ${port}`,
                            ).to.equal(false);
                        }
                    }
                });

                it("requires IMDSv2, encrypts the root volume, uses no key pair and gets a public IP", () => {
                    const lt = one(world, "aws:ec2/launchTemplate:LaunchTemplate").inputs;
                    expect(lt.metadataOptions.httpTokens).to.equal("required");
                    expect(lt.keyName).to.equal(undefined);
                    // The default steady type is Graviton: its AMI is the arm64 one.
                    expect(lt.imageId).to.equal(
                        profile === "steady" ? ARCHITECTURES.arm64.ami : ARCHITECTURES.x86_64.ami,
                    );
                    expect(lt.blockDeviceMappings[0].ebs.encrypted).to.equal("true");
                    expect(lt.networkInterfaces[0].associatePublicIpAddress).to.equal("true");
                    expect(lt.networkInterfaces[0].subnetId).to.equal("subnet-default-us-east-1a");
                });

                it("runs one instance in the chain volume's zone", () => {
                    const asg = one(world, "aws:autoscaling/group:Group").inputs;
                    expect([asg.minSize, asg.maxSize, asg.desiredCapacity]).to.deep.equal([
                        1, 1, 1,
                    ]);
                    expect(asg.vpcZoneIdentifiers).to.deep.equal(["subnet-default-us-east-1a"]);
                    expect(one(world, "aws:ebs/volume:Volume").inputs.availabilityZone).to.equal(
                        "us-east-1a",
                    );
                });

                it("uses host networking with both clients essential, liveness-only checks and long stop timeouts", () => {
                    const td = one(world, "aws:ecs/taskDefinition:TaskDefinition").inputs;
                    expect(td.networkMode).to.equal("host");
                    const containers = containersOf(world);
                    expect(containers.map((c) => c.name)).to.deep.equal([
                        "execution",
                        "consensus",
                        "monitor",
                    ]);
                    for (const c of containers.slice(0, 2)) {
                        expect(c.essential).to.equal(true);
                        expect(c.healthCheck.command[1]).to.not.match(/eth_syncing|syncing/);
                        // Loopback only, and never the consumers' RPC port: a flood is not death.
                        expect(c.healthCheck.command[1]).to.match(
                            /http:\/\/127\.0\.0\.1:(6060|5052)\//,
                        );
                        expect(c.stopTimeout).to.be.at.least(120);
                        expect(c.memoryReservation).to.be.greaterThan(0);
                    }
                    // Hard limits above the reservations (ECS requires it), for all three.
                    for (const c of containers) {
                        expect(c.memory, c.name).to.be.greaterThan(c.memoryReservation);
                    }
                });

                it("isolates the clients: each its own user and its own directory, the JWT shared read-only", () => {
                    const td = one(world, "aws:ecs/taskDefinition:TaskDefinition").inputs;
                    const hostPath = (volume: string) =>
                        td.volumes.find((v: any) => v.name === volume)?.hostPath;
                    const [el, cl] = containersOf(world);
                    const env = (c: any) =>
                        Object.fromEntries(c.environment.map((e: any) => [e.name, e.value]));
                    const guarded = guardedUidRange();
                    const uids = [el, cl].map((c) => Number(env(c).RUN_AS.split(":")[0]));
                    expect(new Set(uids).size, "one user per client").to.equal(2);
                    for (const [i, c] of [el, cl].entries()) {
                        const own = `/data/${i === 0 ? pair.executionName : pair.consensusName}`;
                        const mounted = c.mountPoints.map((m: any) => hostPath(m.sourceVolume));
                        expect(mounted, c.name).to.deep.equal([own, "/data/jwt"]);
                        expect(env(c).CLIENT_DIR).to.equal(own);
                        expect(uids[i]).to.be.within(guarded.first, guarded.last);
                        expect(uids[i]).to.not.equal(0);
                        expect(env(c).JWT_PATH.startsWith(`${hostPath("jwt")}/`)).to.equal(true);
                    }
                });

                it("runs the monitor as a non-essential sidecar that only reads the volume", () => {
                    const monitor = containersOf(world)[2];
                    expect(monitor.essential).to.equal(false);
                    expect(monitor.healthCheck).to.equal(undefined);
                    expect(monitor.mountPoints).to.deep.equal([
                        { sourceVolume: "chain", containerPath: "/data", readOnly: true },
                    ]);
                    const td = one(world, "aws:ecs/taskDefinition:TaskDefinition").inputs;
                    expect(td.volumes.find((v: any) => v.name === "chain").hostPath).to.equal(
                        "/data",
                    );
                    const env = Object.fromEntries(
                        monitor.environment.map((e: any) => [e.name, e.value]),
                    );
                    expect(env).to.include({
                        RPC_URL: "http://127.0.0.1:8545",
                        BEACON_URL: "http://127.0.0.1:5052",
                        MAX_HEAD_AGE_SECONDS: "60",
                        MIN_PEERS: "3",
                        STACK: "parity-mainnet/test",
                        NETWORK: "mainnet",
                        READY_PORT: "8080",
                    });
                    // Logs from Prague by default: both keep them from the fork (geth minimal, reth postprague).
                    const oldest = 22_431_084;
                    expect(
                        parsePromise(env.RECEIPTS_KEPT),
                        "the monitor's history promise",
                    ).to.deep.equal({
                        kind: "from",
                        block: oldest,
                    });
                });

                it("gives both clients their flags: datadir on the volume, RPC on the host, engine and metrics on localhost, shared JWT", () => {
                    const [el, cl] = containersOf(world);
                    const elArgs = el.command.join(" ");
                    expect(el.command[0]).to.equal(pair.execution.launch.binary);
                    expect(elArgs).to.contain(`--datadir /data/${pair.executionName}`);
                    expect(elArgs).to.match(
                        /--http.addr 0.0.0.0 --http.port 8545 --http.api eth,net,web3/,
                    );
                    expect(elArgs).to.match(/--ws.addr 0.0.0.0 --ws.port 8546/);
                    expect(elArgs).to.contain(
                        "--authrpc.addr 127.0.0.1 --authrpc.port 8551 --authrpc.jwtsecret /data/jwt/jwt.hex",
                    );
                    expect(elArgs).to.not.match(/admin|personal/);
                    // Each consensus client's own flags for the engine, the JWT and its two
                    // local-only listeners (catalog/consensusClients.ts).
                    const clFlags = {
                        lighthouse: {
                            "--execution-endpoint": "http://127.0.0.1:8551",
                            "--execution-jwt": "/data/jwt/jwt.hex",
                            "--http-address": "127.0.0.1",
                            "--metrics-address": "127.0.0.1",
                        },
                        teku: {
                            "--ee-endpoint": "http://127.0.0.1:8551",
                            "--ee-jwt-secret-file": "/data/jwt/jwt.hex",
                            "--rest-api-interface": "127.0.0.1",
                            "--metrics-interface": "127.0.0.1",
                        },
                    }[pair.consensusName];
                    for (const [flag, value] of Object.entries(clFlags)) {
                        expect(flagValue(cl.command, flag), flag).to.equal(value);
                    }
                    const env = (c: any) =>
                        Object.fromEntries(c.environment.map((e: any) => [e.name, e.value]));
                    // teku answers only Host headers in its allowlist, by default 127.0.0.1 and
                    // localhost (BeaconRestApiConfig.java DEFAULT_REST_API_HOST_ALLOWLIST, 26.8.0).
                    const beaconCallers = [
                        new URL(env(containersOf(world)[2]).BEACON_URL).hostname,
                        /http:\/\/([^:/]+)/.exec(cl.healthCheck.command[1])![1],
                    ];
                    expect(beaconCallers).to.deep.equal(["127.0.0.1", "127.0.0.1"]);
                    expect(env(el).JWT_PATH).to.equal("/data/jwt/jwt.hex");
                    expect(env(cl).JWT_PATH).to.equal("/data/jwt/jwt.hex");
                    expect(env(el).EXTERNAL_IP_FLAG).to.equal("--nat=extip:{ip}");
                    expect(env(cl).EXTERNAL_IP_FLAG).to.equal(
                        { lighthouse: "--enr-address={ip}", teku: "--p2p-advertised-ip={ip}" }[
                            pair.consensusName
                        ],
                    );
                    expect(
                        containerVariable(world, cl, "CHECKPOINT_SYNC_URLS")!.split(" ")[0],
                    ).to.equal("https://mainnet.checkpoint.sigp.io");
                });

                it("references images by digest, built from pinned upstream versions", () => {
                    for (const c of containersOf(world)) {
                        expect(c.image).to.match(/@sha256:[0-9a-f]{64}$/);
                    }
                    const builds = ofType(world, "docker-build:index:Image");
                    expect(builds.map((b) => b.inputs.buildArgs.BASE_IMAGE)).to.have.members([
                        `${pair.execution.image.repository}:${pair.execution.image.tag}@sha256:${"cd".repeat(32)}`,
                        `${pair.consensus.image.repository}:${pair.consensus.image.tag}@sha256:${"cd".repeat(32)}`,
                        `node:22-alpine@sha256:${"cd".repeat(32)}`,
                    ]);
                    for (const b of builds) {
                        // fast-sync runs on x86_64, steady on Graviton: every image has both.
                        expect(b.inputs.platforms).to.deep.equal(["linux/amd64", "linux/arm64"]);
                        expect(b.inputs.push).to.equal(true);
                        expect(b.inputs.registries[0].username).to.equal("AWS");
                    }
                });

                it("ships logs with retention, one stream prefix per container", () => {
                    for (const group of ofType(world, "aws:cloudwatch/logGroup:LogGroup")) {
                        expect(group.inputs.retentionInDays, group.name).to.equal(30);
                    }
                    expect(
                        containersOf(world).map(
                            (c) => c.logConfiguration.options["awslogs-stream-prefix"],
                        ),
                    ).to.deep.equal(["execution", "consensus", "monitor"]);
                });
            });
        }
    }

    it("lets each node's old task stop before its new one starts: host ports on a host of one", async () => {
        for (const config of [{}, { nodeCount: "2" }] as Record<string, string>[]) {
            const { world } = await runProgram(config);
            for (const task of ofType(world, "aws:ecs/taskDefinition:TaskDefinition")) {
                expect(task.inputs.networkMode, "fixed host ports").to.equal("host");
            }
            for (const group of ofType(world, "aws:autoscaling/group:Group")) {
                expect(group.inputs.maxSize, "one instance per node").to.equal(1);
            }
            for (const service of ofType(world, "aws:ecs/service:Service")) {
                const desired = service.inputs.desiredCount as number;
                const min = service.inputs.deploymentMinimumHealthyPercent as number;
                const max = service.inputs.deploymentMaximumPercent as number;
                // ECS keeps ceil(desired × min%) tasks running during a deployment, and starts at most
                // floor(desired × max%): with one task per host and fixed ports, both must allow
                // stopping the old task first, or every deploy waits forever for a port.
                expect(Math.ceil((desired * min) / 100), `${service.name} minimum`).to.equal(0);
                expect(Math.floor((desired * max) / 100), `${service.name} maximum`).to.equal(
                    desired,
                );
            }
        }
    });

    it("gives the groups descriptions no topology changes, and keeps a deployed group's: a new description replaces the group consumers hold", async () => {
        const groups = async (config: Record<string, string>) =>
            (await runProgram(config)).world.resources.filter(
                (r) => r.name === "node-access" || r.name === "node-node",
            );
        const one = await groups({});
        const two = await groups({ nodeCount: "2" });
        expect(one.map((g) => g.inputs.description)).to.deep.equal(
            two.map((g) => g.inputs.description),
        );
        for (const group of one) {
            expect(group.options.ignoreChanges, group.name).to.include("description");
        }
    });

    describe("IAM", () => {
        let world: MockWorld;
        before(async () => {
            world = (await runProgram({})).world;
        });

        it("gives the instance the ECS agent's actions on this cluster only, and Session Manager's channel actions, no SSM parameters", () => {
            const attached = ofType(
                world,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            ).filter((a) => a.name.startsWith("node-instance"));
            expect(attached, "no managed policy: its actions apply account-wide").to.deep.equal([]);
            const inline = ofType(world, "aws:iam/rolePolicy:RolePolicy").filter((p) =>
                p.name.startsWith("node-instance"),
            );
            const statements = inline.flatMap((p) => JSON.parse(p.inputs.policy).Statement);
            const cluster = one(world, "aws:ecs/cluster:Cluster").state.arn;
            const clusterName = cluster.split("/").pop();
            for (const s of statements.filter((s: any) =>
                ([].concat(s.Action)[0] as string | undefined)?.startsWith("ecs:"),
            )) {
                for (const resource of [].concat(s.Resource) as string[]) {
                    const scoped = resource === cluster || resource.includes(`/${clusterName}/`);
                    // DiscoverPollEndpoint has no resource-level permissions.
                    expect(
                        scoped || s.Action.join() === "ecs:DiscoverPollEndpoint",
                        resource,
                    ).to.equal(true);
                }
            }
            const actions = statements.flatMap((s: any) => [].concat(s.Action));
            expect(actions.filter((a: string) => !a.startsWith("ecs:"))).to.have.members([
                "ssm:UpdateInstanceInformation",
                "ssmmessages:CreateControlChannel",
                "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel",
                "ssmmessages:OpenDataChannel",
            ]);
            expect(actions.filter((a: string) => /^ssm:Get|^ssm:\*|^\*$/.test(a))).to.deep.equal(
                [],
            );
        });

        it("has no inline statement that mutates anything on * without a condition that scopes it", () => {
            for (const policy of ofType(world, "aws:iam/rolePolicy:RolePolicy")) {
                for (const s of JSON.parse(policy.inputs.policy).Statement) {
                    if (
                        (s.Resource === "*" ||
                            (Array.isArray(s.Resource) && s.Resource.includes("*"))) &&
                        s.Condition === undefined
                    ) {
                        for (const action of [].concat(s.Action)) {
                            // Session Manager's channel actions and the agent's endpoint discovery have
                            // no resource-level permissions (tests/instancePolicy.spec.ts checks the latter).
                            expect(action, `${policy.name}: ${action} on *`).to.match(
                                /^([a-z0-9]+:(Get|Describe|List|BatchGet)|ssmmessages:(Create|Open)(Control|Data)Channel|ssm:UpdateInstanceInformation|ecs:DiscoverPollEndpoint$)/,
                            );
                        }
                    }
                }
            }
        });

        it("lets the task execution role pull only this repository and write only this log group", () => {
            const policy = JSON.parse(
                ofType(world, "aws:iam/rolePolicy:RolePolicy").find(
                    (p) => p.name === "node-task-execution",
                )!.inputs.policy,
            );
            const bySid = Object.fromEntries(policy.Statement.map((s: any) => [s.Sid, s]));
            expect(bySid.PullNodeImages.Resource).to.match(
                /ecr\/repository:Repository\/image-repo$/,
            );
            expect(bySid.WriteNodeLogs.Resource).to.match(/logGroup:LogGroup\/node-logs:\*$/);
        });

        it("lets the task publish metrics to its own namespace and do nothing else", () => {
            const policy = JSON.parse(
                ofType(world, "aws:iam/rolePolicy:RolePolicy").find((p) => p.name === "node-task")!
                    .inputs.policy,
            );
            expect(policy.Statement).to.deep.equal([
                {
                    Sid: "PublishNodeMetrics",
                    Effect: "Allow",
                    Action: ["cloudwatch:PutMetricData"],
                    Resource: "*",
                    Condition: { StringEquals: { "cloudwatch:namespace": "EthereumNode" } },
                },
            ]);
            const taskRole = ofType(world, "aws:iam/role:Role").find(
                (r) => r.name === "node-task",
            )!;
            expect(
                ofType(world, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) =>
                    a.options.dependsOn.includes(taskRole.urn),
                ),
            ).to.deep.equal([]);
        });
    });

    describe("ECR", () => {
        it("sends a scan's critical findings to the alert topic, which keeps its owner's rights for the alarms", async () => {
            const { world } = await runProgram({});
            const rule = ofType(world, "aws:cloudwatch/eventRule:EventRule").find((r) =>
                r.name.endsWith("-image-findings"),
            )!;
            const pattern = JSON.parse(rule.inputs.eventPattern);
            expect(pattern["detail-type"]).to.deep.equal(["ECR Image Scan"]);
            // The repository's name is the provider's (auto-named); the rule is built from it.
            expect(rule.options.dependsOn).to.include(
                one(world, "aws:ecr/repository:Repository").urn,
            );
            expect(Object.keys(pattern.detail)).to.have.members([
                "repository-name",
                "scan-status",
                "finding-severity-counts",
            ]);
            const target = ofType(world, "aws:cloudwatch/eventTarget:EventTarget").find((t) =>
                t.name.endsWith("-image-findings"),
            )!;
            const topic = one(world, "aws:sns/topic:Topic");
            expect(target.inputs.arn).to.equal(topic.state.arn);
            const policy = JSON.parse(one(world, "aws:sns/topicPolicy:TopicPolicy").inputs.policy);
            const [owner, events] = policy.Statement;
            expect(owner.Condition.StringEquals["AWS:SourceOwner"]).to.match(/^\d{12}$/);
            expect(events.Principal).to.deep.equal({ Service: "events.amazonaws.com" });
            expect(events.Action).to.equal("sns:Publish");
            expect(events.Condition.ArnEquals["aws:SourceArn"]).to.equal(rule.state.arn);
        });

        it("scans on push, keeps tags immutable, keeps the newest images of each role apart and drops untagged ones", async () => {
            const { world } = await runProgram({});
            const repo = one(world, "aws:ecr/repository:Repository").inputs;
            expect(repo.imageScanningConfiguration.scanOnPush).to.equal(true);
            expect(repo.imageTagMutability).to.equal("IMMUTABLE");
            const rules = JSON.parse(
                one(world, "aws:ecr/lifecyclePolicy:LifecyclePolicy").inputs.policy,
            ).rules;
            const tags = ofType(world, "docker-build:index:Image").map((b) =>
                b.inputs.tags[0].split(":").pop(),
            );
            // Every image an ECR count rule could expire is counted only among images of its own role.
            for (const tag of tags) {
                const counting = rules.filter(
                    (r: any) =>
                        r.selection.countType === "imageCountMoreThan" &&
                        r.selection.tagPrefixList.some((p: string) => tag.startsWith(p)),
                );
                expect(counting, tag).to.have.length(1);
                expect(counting[0].selection.countNumber).to.equal(10);
                const role = tag.split("-")[0];
                expect(tags.filter((t: string) => t.startsWith(`${role}-`))).to.have.length(1);
            }
            expect(rules.map((r: any) => r.selection.tagStatus)).to.not.include("any");
            expect(
                rules.find((r: any) => r.selection.tagStatus === "untagged").selection,
            ).to.include({
                countType: "sinceImagePushed",
                countNumber: 1,
            });
        });
    });

    describe("config that reaches the service", () => {
        it("adds configured RPC namespaces to both HTTP and WS", async () => {
            const { world } = await runProgram({
                client: "reth-lighthouse",
                rpcApis: "txpool,debug",
            });
            const el = containersOf(world)[0].command.join(" ");
            expect(el).to.contain("--http.api eth,net,web3,txpool,debug");
            expect(el).to.contain("--ws.api eth,net,web3,txpool,debug");
        });

        it("answers only its name and localhost, with no IPC socket, on every pair", async () => {
            for (const client of Object.keys(CLIENT_PAIRS)) {
                const { world } = await runProgram({ client });
                const el = containersOf(world)[0].command.join(" ");
                expect(el, client).to.contain(
                    "--ws.origins https://rpc.eth.acme-chain.net,http://rpc.eth.acme-chain.net,http://localhost",
                );
                expect(el, client).to.contain("--ipcdisable");
                if (client.startsWith("geth")) {
                    expect(el).to.contain("--http.vhosts rpc.eth.acme-chain.net,localhost");
                    expect(el).to.not.contain("*");
                }
            }
        });

        it("has geth index logs over the whole promise and transactions over every body kept", async () => {
            const args = async (config: Record<string, string>) =>
                containersOf((await runProgram({ client: "geth-lighthouse", ...config })).world)[0]
                    .command as string[];
            // Prague: the mode keeps it from its cutoff on, so the index covers all it keeps.
            const prague = (await args({})).join(" ");
            expect(prague).to.contain("--history.chain postprague");
            expect(prague).to.contain("--history.logs 0 --history.transactions 0");
            const day = (await args({ logsFrom: "head-7200" })).join(" ");
            expect(day).to.contain("--history.logs 7200 --history.transactions 0");
            const limited = (await args({ logsMaxBlockRange: "5000" })).join(" ");
            expect(limited).to.contain("--rpc.rangelimit 5000");
        });

        it("has reth postprague keep bodies, receipts and the lookup from the network's own Prague block", async () => {
            const args = async (network: string) =>
                containersOf(
                    (await runProgram({ client: "reth-teku", network, nodeMode: "postprague" }))
                        .world,
                )[0].command.join(" ");
            for (const [network, block] of [
                ["mainnet", "22431084"],
                ["sepolia", "7836331"],
            ]) {
                const el = await args(network as string);
                expect(el, network).to.contain(
                    `--full --prune.bodies.before ${block} --prune.receipts.before ${block} --prune.transaction-lookup.before ${block}`,
                );
            }
        });

        it("keeps endpoint URLs, which can hold API keys, out of the task definition and encrypted in state, readable only by the execution role", async () => {
            const KEY = "0123456789abcdef0123456789abcdef";
            const { world, outputs } = await runProgram({
                referenceRpcUrls: [`https://eth.example.org/v3/${KEY}`],
                checkpointSyncUrls: [
                    `https://beacon.example.org/?apikey=${KEY}`,
                    `https://beacon-2.example.org/?apikey=${KEY}`,
                ],
            });
            const holders = world.resources
                .filter((r) => JSON.stringify(r.inputs).includes(KEY))
                .map((r) => r.type);
            expect(holders, "only the SSM parameters hold the key").to.deep.equal([
                "aws:ssm/parameter:Parameter",
                "aws:ssm/parameter:Parameter",
            ]);
            expect(JSON.stringify(outputs)).to.not.contain(KEY);
            const parameters = ofType(world, "aws:ssm/parameter:Parameter");
            expect(parameters.map((p) => p.inputs.type)).to.deep.equal([
                "SecureString",
                "SecureString",
            ]);
            for (const p of parameters) {
                expect(p.secretInputs, p.name).to.include("value");
            }
            const [consensus, monitor] = [containersOf(world)[1], containersOf(world)[2]];
            expect(containerVariable(world, monitor, "REFERENCE_RPC_URLS")).to.contain(KEY);
            expect(containerVariable(world, consensus, "CHECKPOINT_SYNC_URLS")).to.contain(KEY);
            const policies = ofType(world, "aws:iam/rolePolicy:RolePolicy");
            const readers = policies.filter((p) => p.inputs.policy.includes("ssm:GetParameters"));
            expect(readers.map((p) => p.name)).to.deep.equal(["node-task-execution"]);
            const read = JSON.parse(readers[0]!.inputs.policy).Statement.find(
                (s: any) => s.Sid === "ReadEndpointSecrets",
            );
            expect(read.Resource).to.have.members(parameters.map((p) => p.state.arn));
        });

        it("never leaves a key-bearing variable in plain environment for want of a parameter", () => {
            const container = { environment: [{ name: "REFERENCE_RPC_URLS", value: "https://x" }] };
            expect(() => withSecrets(container, {})).to.throw(
                "REFERENCE_RPC_URLS has a value but no secret parameter to carry it",
            );
            expect(
                withSecrets({ environment: [{ name: "REFERENCE_RPC_URLS", value: "" }] }, {}),
            ).to.deep.equal({ environment: [] });
        });

        it("restarts the task when an endpoint list changes, which ECS reads only at task start", async () => {
            const digest = async (urls: string[]) => {
                const { world } = await runProgram({ referenceRpcUrls: urls });
                return containerVariable(world, containersOf(world)[2], "SECRETS_DIGEST");
            };
            expect(await digest(["https://a.example.org"])).to.match(/^[0-9a-f]{16}$/);
            expect(await digest(["https://a.example.org"])).to.not.equal(
                await digest(["https://b.example.org"]),
            );
        });

        it("opens RPC and readiness to listed private CIDRs, and nothing else", async () => {
            const { world } = await runProgram({ rpcAllowedCidrs: ["172.31.64.0/20"] });
            const cidrRules = nodeIngress(world).filter((r) =>
                (r.cidrBlocks ?? []).includes("172.31.64.0/20"),
            );
            expect(cidrRules.map((r) => r.fromPort)).to.have.members([8545, 8546, 8080]);
        });

        it("refuses an RPC range outside the node's VPC, even a private one, at preview", async () => {
            const message = await errorOf(() =>
                runProgram({ rpcAllowedCidrs: ["172.31.64.0/20", "10.0.0.0/8"] }),
            );
            expect(message).to.contain(
                'rpcAllowedCidrs: "10.0.0.0/8" is not inside the default VPC (172.31.0.0/16); RPC may only be opened to ranges inside the node\'s VPC',
            );
            expect(message).to.not.contain("172.31.64.0/20");
            expect(
                await checkRpcCidrs(["fd00::/64"], "vpc-1", {
                    vpcCidrs: async () => ["10.0.0.0/16", "2600:1f18::/56"],
                }),
            ).to.have.length(1);
            expect(
                await checkRpcCidrs(["2600:1f18:0:10::/64"], "vpc-1", {
                    vpcCidrs: async () => ["10.0.0.0/16", "2600:1f18::/56"],
                }),
            ).to.deep.equal([]);
        });

        it("uses configured checkpoint URLs and log retention", async () => {
            const { world } = await runProgram({
                checkpointSyncUrls: ["https://a.example.org", "https://b.example.org"],
                logRetentionDays: "7",
            });
            expect(
                containerVariable(world, containersOf(world)[1], "CHECKPOINT_SYNC_URLS"),
            ).to.equal("https://a.example.org https://b.example.org");
            expect(
                ofType(world, "aws:cloudwatch/logGroup:LogGroup").map(
                    (g) => g.inputs.retentionInDays,
                ),
            ).to.deep.equal([7, 7]);
        });

        it("places the instance in a configured subnet", async () => {
            const { world } = await runProgram({
                vpcId: "vpc-0123456789abcdef0",
                subnetId: "subnet-0123456789abcdef0",
            });
            expect(
                one(world, "aws:autoscaling/group:Group").inputs.vpcZoneIdentifiers,
            ).to.deep.equal(["subnet-0123456789abcdef0"]);
            expect(world.calls.map((c) => c.token)).to.not.include("aws:ec2/getVpc:getVpc");
            expect(
                ofType(world, "aws:ec2/securityGroup:SecurityGroup").every(
                    (g) => g.inputs.vpcId === "vpc-0123456789abcdef0",
                ),
            ).to.equal(true);
        });

        it("rejects a subnet outside the chain volume's zone before creating anything", async () => {
            const { message, world } = await runFailingProgram({
                vpcId: "vpc-0123456789abcdef0",
                subnetId: "subnet-0fedcba9876543210",
            });
            expect(message).to.contain(
                'parity-mainnet:subnetId: "subnet-0fedcba9876543210" is in us-east-1b; it must be in availabilityZone us-east-1a',
            );
            expect(registered(world)).to.deep.equal([]);
        });
    });

    describe("checkSubnet", () => {
        const lookup = {
            subnet: async (id: string) =>
                id === "subnet-1" ? { availabilityZone: "us-east-1a", vpcId: "vpc-1" } : undefined,
        };
        it("accepts a subnet in the right VPC and zone", async () => {
            expect(await checkSubnet("subnet-1", "vpc-1", "us-east-1a", lookup)).to.deep.equal([]);
        });
        it("reports a subnet of another VPC and a missing subnet", async () => {
            expect(
                (await checkSubnet("subnet-1", "vpc-2", "us-east-1a", lookup))[0]!.message,
            ).to.contain("belongs to vpc-1, not to vpcId vpc-2");
            expect(
                (await checkSubnet("subnet-9", "vpc-1", "us-east-1a", lookup))[0]!.message,
            ).to.contain("does not exist");
        });
    });

    describe("userData", () => {
        const boot = {
            clusterName: "node-cluster",
            volumeId: "vol-0123456789abcdef0",
            stopTimeoutSeconds: 600,
            volumeWaitSeconds: 2460,
        };
        it("joins the cluster, keeps the host's memory from tasks, raises the stop timeout and mounts the volume", () => {
            const script = userData(boot);
            expect(script).to.contain("ECS_CLUSTER=node-cluster");
            expect(script).to.contain("ECS_CONTAINER_STOP_TIMEOUT=600s");
            expect(script).to.contain("ECS_RESERVED_MEMORY=1024");
            expect(script).to.contain(
                `VOLUME_ID=vol-0123456789abcdef0 ATTRIBUTE_NAME=${CHAIN_VOLUME_ATTRIBUTE} MOUNT_POINT=/data WAIT_SECONDS=2460 /usr/local/sbin/chain-volume`,
            );
        });

        it("refuses user data over EC2's 16 KB limit instead of registering what EC2 would reject", () => {
            expect(() => userData({ ...boot, clusterName: "c".repeat(20_000) })).to.throw(
                /^the host's user data is \d+ bytes; EC2 accepts at most 16384 before base64 encoding$/,
            );
        });

        it("fits EC2's 16 KB user-data limit, for every client pair", async () => {
            for (const client of Object.keys(CLIENT_PAIRS)) {
                const { world } = await runProgram({ client });
                const lt = one(world, "aws:ec2/launchTemplate:LaunchTemplate").inputs;
                const raw = Buffer.from(lt.userData, "base64");
                expect(raw.length, client).to.be.at.most(USER_DATA_MAX_BYTES);
            }
        });

        it("guards the users the task runs its clients as, before the volume is advertised", async () => {
            const { world } = await runProgram({});
            const lt = one(world, "aws:ec2/launchTemplate:LaunchTemplate").inputs;
            const script = Buffer.from(lt.userData, "base64").toString("utf8");
            const [, first, last] = /Environment=GUARDED_UIDS=(\d+)(?:-(\d+))?/.exec(script)!;
            for (const c of containersOf(world).slice(0, 2)) {
                const uid = Number(
                    c.environment.find((e: any) => e.name === "RUN_AS").value.split(":")[0],
                );
                expect(uid, c.name).to.be.within(Number(first), Number(last ?? first));
            }
            const guardStarts = script.indexOf("systemctl enable --now node-client-guard.service");
            expect(guardStarts).to.be.greaterThan(0);
            expect(guardStarts).to.be.lessThan(script.indexOf("VOLUME_ID="));
            // The guard's rules are IPv4: the IPv6 IMDS endpoint stays off.
            expect(lt.metadataOptions.httpProtocolIpv6 ?? "disabled").to.equal("disabled");
        });

        it("hands the boot script the attribute the service's placement constraint requires", async () => {
            const { world } = await runProgram({});
            const lt = one(world, "aws:ec2/launchTemplate:LaunchTemplate").inputs;
            const script = Buffer.from(lt.userData, "base64").toString("utf8");
            const attribute = /ATTRIBUTE_NAME=(\S+)/.exec(script)?.[1];
            const volume = /VOLUME_ID=(\S+)/.exec(script)?.[1];
            const constraint = one(world, "aws:ecs/service:Service").inputs.placementConstraints[0];
            expect(constraint.expression).to.equal(`attribute:${attribute} == ${volume}`);
        });
    });

    describe("Graviton (arm64)", () => {
        const graviton = { profiles: { steady: { instanceType: "r7g.xlarge" } } };
        const allX86 = { profiles: { steady: { instanceType: "r7i.xlarge" } } };

        it("builds every image for both platforms when the profiles run on both, so a switch rebuilds nothing", async () => {
            const { world } = await runProgram(graviton);
            const single = (await runProgram(allX86)).world;
            for (const build of ofType(single, "docker-build:index:Image")) {
                expect(build.inputs.platforms, build.name).to.deep.equal(["linux/amd64"]);
            }
            for (const build of ofType(world, "docker-build:index:Image")) {
                expect(build.inputs.platforms, build.name).to.deep.equal([
                    "linux/amd64",
                    "linux/arm64",
                ]);
                // A new platform set is a new tag: ECR's immutable tags never see the same tag twice.
                const before = ofType(single, "docker-build:index:Image").find(
                    (b) => b.name === build.name,
                )!;
                expect(build.inputs.tags[0]).to.not.equal(before.inputs.tags[0]);
            }
            expect(one(world, "aws:ec2/launchTemplate:LaunchTemplate").inputs.imageId).to.equal(
                ARCHITECTURES.x86_64.ami,
            );
        });

        it("boots the arm64 ECS-optimized AMI when the active profile is Graviton", async () => {
            const { world } = await runProgram({ ...graviton, profile: "steady" });
            expect(one(world, "aws:ec2/launchTemplate:LaunchTemplate").inputs.imageId).to.equal(
                "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
            );
        });

        it("refuses an instance whose architecture has no image", async () => {
            const { problems } = await checkInstanceTypes(
                {
                    "fast-sync": resolveProfile({
                        profile: "fast-sync",
                        client: clientPair("reth-lighthouse"),
                        network: "mainnet",
                        nodeMode: "full",
                        overrides: { instanceType: "mac2.metal" },
                        hasSnapshot: false,
                    }).resolved,
                } as any,
                { region: "us-east-1", zones: ["us-east-1a"] },
                {
                    instanceType: async () => ({ memoryMiB: 65536, architectures: ["arm64_mac"] }),
                    zonesOffering: async () => ["us-east-1a"],
                },
            );
            expect(problems).to.deep.equal([
                {
                    key: "profiles.fast-sync.instanceType",
                    message:
                        "mac2.metal runs arm64_mac processors; the node images are built for x86_64 and arm64 only",
                },
            ]);
        });
    });
});
