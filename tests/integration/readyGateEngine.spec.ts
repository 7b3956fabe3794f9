import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as http from "http";
import { spawn } from "child_process";
import * as pulumi from "@pulumi/pulumi";
import {
    AutoScalingClient,
    CreateAutoScalingGroupCommand,
    DescribeAutoScalingGroupsCommand,
} from "@aws-sdk/client-auto-scaling";
import {
    ElasticLoadBalancingV2Client,
    CreateTargetGroupCommand,
    RegisterTargetsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { EC2Client, CreateLaunchTemplateCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { readyGateProvider, GateInputs } from "../../components/service/readyGate";
import { awsProviderSettings } from "../../config/awsProvider";
import { sharedMoto, localClientConfig, Moto } from "../moto";
import { listen, LocalServer } from "../localServers";

/**
 * The readiness gate as `pulumi up` runs it: Pulumi serializes the provider into the resource's
 * state, and its dynamic-provider host loads that text in a fresh Node process (with the deployer's
 * environment, not the stack's aws:* config) and calls create, diff and update. Here the same text
 * runs in a fresh process against moto's Auto Scaling, ELBv2 and STS. moto 5.2.5 has no
 * DescribeInstanceRefreshes, so a small endpoint in front of its Auto Scaling answers that one call
 * (scripted) and forwards the rest.
 */

const ROOT = path.join(__dirname, "..", "..");
const HOST = path.join(__dirname, "..", "fixtures", "dynamicProviderHost.js");
const OTHER_ACCOUNT = "111111111111";

function autoscalingFront(motoUrl: string, refreshes: string[]): Promise<LocalServer> {
    return listen((req, res) => {
        let body = "";
        req.on("data", (d) => (body += d));
        req.on("end", () => {
            if (new URLSearchParams(body).get("Action") === "DescribeInstanceRefreshes") {
                const status = refreshes.shift() ?? "Successful";
                res.writeHead(200, { "content-type": "text/xml" }).end(
                    `<DescribeInstanceRefreshesResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><DescribeInstanceRefreshesResult><InstanceRefreshes><member><InstanceRefreshId>r-1</InstanceRefreshId><Status>${status}</Status></member></InstanceRefreshes></DescribeInstanceRefreshesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeInstanceRefreshesResponse>`,
                );
                return;
            }
            const forward = http.request(
                `${motoUrl}${req.url}`,
                { method: req.method, headers: req.headers },
                (answer) => {
                    res.writeHead(answer.statusCode ?? 500, answer.headers);
                    answer.pipe(res);
                },
            );
            forward.end(body);
        });
    });
}

/** Runs one provider method in a fresh Node process, as the engine's host would. */
function runInHost(
    providerFile: string,
    method: string,
    args: unknown[],
): Promise<{ code: number; out: string; err: string; ms: number }> {
    const started = Date.now();
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [HOST, providerFile, method, JSON.stringify(args)], {
            cwd: ROOT,
            // The deployer's own credentials: the default account, which is not the stack's.
            env: {
                PATH: process.env.PATH ?? "",
                AWS_ACCESS_KEY_ID: "testing",
                AWS_SECRET_ACCESS_KEY: "testing",
                AWS_EC2_METADATA_DISABLED: "true",
            },
        });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("exit", (code) =>
            resolve({ code: code ?? -1, out, err, ms: Date.now() - started }),
        );
    });
}

describe("the readiness gate as the engine runs it (serialized, in a fresh process, against moto)", function () {
    this.timeout(120000);
    let moto: Moto;
    let front: LocalServer;
    const refreshes: string[] = [];
    let providerFile: string;
    let dir: string;

    before(async () => {
        moto = await sharedMoto();
        front = await autoscalingFront(moto.url, refreshes);
        const serialized = await pulumi.runtime.serializeFunction(() => readyGateProvider, {
            allowSecrets: true,
        });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "gate-"));
        providerFile = path.join(dir, "provider.js");
        fs.writeFileSync(providerFile, serialized.text);
    });
    after(async () => {
        await front.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A group of one instance and two target groups, in the account these credentials reach. */
    async function nodeIn(
        credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
        name: string,
    ) {
        const config = { ...localClientConfig(moto.url), credentials };
        const ec2 = new EC2Client(config);
        const elb = new ElasticLoadBalancingV2Client(config);
        const autoscaling = new AutoScalingClient(config);
        const vpc = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId!;
        const template = await ec2.send(
            new CreateLaunchTemplateCommand({
                LaunchTemplateName: `lt-${name}`,
                LaunchTemplateData: { ImageId: "ami-12c6146b", InstanceType: "r7g.xlarge" },
            }),
        );
        const targetGroups = await Promise.all(
            [8545, 8546].map(
                async (port) =>
                    (
                        await elb.send(
                            new CreateTargetGroupCommand({
                                Name: `${name}-${port}`,
                                Protocol: "TCP",
                                Port: port,
                                VpcId: vpc,
                                TargetType: "instance",
                            }),
                        )
                    ).TargetGroups![0]!.TargetGroupArn!,
            ),
        );
        await autoscaling.send(
            new CreateAutoScalingGroupCommand({
                AutoScalingGroupName: name,
                LaunchTemplate: { LaunchTemplateId: template.LaunchTemplate!.LaunchTemplateId! },
                MinSize: 1,
                MaxSize: 1,
                AvailabilityZones: ["us-east-1a"],
            }),
        );
        const groups = await autoscaling.send(
            new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
        );
        const instanceId = groups.AutoScalingGroups![0]!.Instances![0]!.InstanceId!;
        const register = () =>
            Promise.all(
                targetGroups.map((arn) =>
                    elb.send(
                        new RegisterTargetsCommand({
                            TargetGroupArn: arn,
                            Targets: [{ Id: instanceId, Port: 8545 }],
                        }),
                    ),
                ),
            );
        return { targetGroups, instanceId, register };
    }

    /** The gate's inputs as the program builds them from the stack's aws:* config. */
    function gateInputs(
        groupName: string,
        targetGroupArns: string[],
        aws: Record<string, string>,
        changes: Partial<GateInputs> = {},
    ): GateInputs {
        const endpoints = JSON.stringify([
            { autoscaling: front.url, elbv2: moto.url, sts: moto.url, cloudwatch: moto.url },
        ]);
        return {
            aws: awsProviderSettings({
                "aws:region": "us-east-1",
                "aws:endpoints": endpoints,
                ...aws,
            }),
            groupName,
            targetGroupArns,
            taskDefinitionArn: "td:1",
            launchTemplateVersion: "1",
            timeoutSeconds: 60,
            pollSeconds: 1,
            settleSeconds: 0,
            readyMetric: readyMetricOf(groupName),
            ...changes,
        };
    }

    const readyMetricOf = (groupName: string) => ({
        namespace: "EthereumNode",
        dimensions: { Stack: "parity-mainnet/test", Network: "mainnet", Node: groupName },
    });

    /** The node's monitor reported it ready a minute ago: it served before the change. */
    async function hasServed(groupName: string): Promise<void> {
        const metric = readyMetricOf(groupName);
        await new CloudWatchClient(localClientConfig(moto.url)).send(
            new PutMetricDataCommand({
                Namespace: metric.namespace,
                MetricData: [
                    {
                        MetricName: "Ready",
                        Value: 1,
                        Timestamp: new Date(Date.now() - 60_000),
                        Dimensions: Object.entries(metric.dimensions).map(([Name, Value]) => ({
                            Name,
                            Value,
                        })),
                    },
                ],
            }),
        );
    }

    it("creates without waiting, and diffs a new task definition as a change", async () => {
        const olds = gateInputs("g", ["tg"], {});
        const news = { ...olds, taskDefinitionArn: "td:2" };
        const created = await runInHost(providerFile, "create", [olds]);
        expect(created.code, created.err).to.equal(0);
        expect(JSON.parse(created.out).id).to.equal("g-ready");
        const diff = await runInHost(providerFile, "diff", ["g-ready", olds, news]);
        expect(JSON.parse(diff.out)).to.deep.equal({ changes: true });
    });

    it("on an update, waits through the instance refresh until the node is healthy in both target groups", async () => {
        const node = await nodeIn(
            { accessKeyId: "testing", secretAccessKey: "testing" },
            "gate-wait",
        );
        await hasServed("gate-wait");
        refreshes.push("InProgress", "InProgress");
        const olds = gateInputs("gate-wait", node.targetGroups, {});
        const update = runInHost(providerFile, "update", [
            "gate-wait-ready",
            olds,
            { ...olds, launchTemplateVersion: "2" },
        ]);
        setTimeout(() => void node.register(), 3000);
        const result = await update;
        expect(result.code, result.err).to.equal(0);
        expect(result.ms, "it waited for the targets").to.be.at.least(3000);
        expect(refreshes, "it asked about the refresh").to.deep.equal([]);
    });

    it("gives up after its timeout with the designed message, naming what it saw", async () => {
        const node = await nodeIn(
            { accessKeyId: "testing", secretAccessKey: "testing" },
            "gate-late",
        );
        await hasServed("gate-late");
        const olds = gateInputs("gate-late", node.targetGroups, {}, { timeoutSeconds: 3 });
        const result = await runInHost(providerFile, "update", [
            "gate-late-ready",
            olds,
            { ...olds, taskDefinitionArn: "td:2" },
        ]);
        expect(result.code).to.equal(1);
        expect(result.err).to.equal(
            `node gate-late did not become ready behind the load balancer within 3 s (${node.instanceId} is unused / unused); the nodes after it were left untouched. Check its /ready reasons, then run pulumi up again`,
        );
    });

    it("lets a node that never served (still on its first sync) through once it runs again, without waiting for readiness", async () => {
        const node = await nodeIn(
            { accessKeyId: "testing", secretAccessKey: "testing" },
            "gate-syncing",
        );
        const olds = gateInputs("gate-syncing", node.targetGroups, {}, { timeoutSeconds: 30 });
        const result = await runInHost(providerFile, "update", [
            "gate-syncing-ready",
            olds,
            { ...olds, taskDefinitionArn: "td:2" },
        ]);
        expect(result.code, result.err).to.equal(0);
        expect(result.ms, "not the 30 s timeout").to.be.below(20000);
    });

    it("uses the stack's role for another account, and fails fast without it", async () => {
        const sts = new STSClient(localClientConfig(moto.url));
        const role = `arn:aws:iam::${OTHER_ACCOUNT}:role/deployer`;
        const assumed = await sts.send(
            new AssumeRoleCommand({ RoleArn: role, RoleSessionName: "setup" }),
        );
        const c = assumed.Credentials!;
        const node = await nodeIn(
            {
                accessKeyId: c.AccessKeyId!,
                secretAccessKey: c.SecretAccessKey!,
                sessionToken: c.SessionToken!,
            },
            "gate-other",
        );
        await node.register();
        const withRole = gateInputs("gate-other", node.targetGroups, {
            "aws:assumeRoles": JSON.stringify([{ roleArn: role, sessionName: "gate" }]),
        });
        const ok = await runInHost(providerFile, "update", [
            "gate-other-ready",
            withRole,
            { ...withRole, taskDefinitionArn: "td:2" },
        ]);
        expect(ok.code, ok.err).to.equal(0);

        const withoutRole = gateInputs("gate-other", node.targetGroups, {});
        const refused = await runInHost(providerFile, "update", [
            "gate-other-ready",
            withoutRole,
            { ...withoutRole, taskDefinitionArn: "td:2" },
        ]);
        expect(refused.code).to.equal(1);
        expect(refused.ms, "no polling until the timeout").to.be.below(30000);
        expect(refused.err).to.match(
            /^node gate-other: no such Auto Scaling group in us-east-1 for the credentials the gate used \(the default chain\)/,
        );
    });
});
