import { expect } from "chai";
import { runProgram, one, ofType, containerVariable } from "./helpers";
import { alarmSpecs } from "../components/monitoring/alarms";
import { diskAlarmPercent } from "../domain/diskAlarm";
import { CLIENT_PAIRS, diskNeed, supportedModes } from "../catalog/clients";
import { NETWORKS } from "../catalog/networks";
import { DAYS_PER_MONTH, DISK_WARNING_DAYS } from "../catalog/disk";
import { NODE_METRIC_UNITS } from "../catalog/metrics";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

describe("node monitoring in the program", () => {
    it("raises the eight alarms, all to the alert topic, with dimensions for the stack and network", async () => {
        const { world } = await runProgram({ maxHeadAgeSeconds: "90", minPeers: "5" });
        const alarms = ofType(world, ALARM);
        const byName = Object.fromEntries(
            alarms.map((a) => [a.name.replace("node-", ""), a.inputs]),
        );
        expect(Object.keys(byName)).to.have.members([
            "not-ready",
            "head-age",
            "peers",
            "monitor-missing",
            "history",
            "logs",
            "fork-readiness",
            "disk",
        ]);
        for (const alarm of alarms) {
            expect(alarm.inputs.alarmActions).to.deep.equal([
                "arn:aws:mock:us-east-1:123456789012:aws:sns/topic:Topic/node-alerts",
            ]);
            expect(alarm.inputs.dimensions).to.deep.equal({
                Stack: "parity-mainnet/test",
                Network: "mainnet",
            });
            expect(alarm.inputs.evaluationPeriods * alarm.inputs.period).to.equal(300);
        }
        expect(byName["not-ready"]).to.include({
            metricName: "Ready",
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
        });
        expect(byName["head-age"]).to.include({
            metricName: "HeadAgeSeconds",
            comparisonOperator: "GreaterThanThreshold",
            threshold: 90,
        });
        expect(byName.peers).to.include({
            metricName: "PeerCount",
            comparisonOperator: "LessThanThreshold",
            threshold: 5,
        });
        expect(byName["monitor-missing"]).to.include({
            statistic: "SampleCount",
            treatMissingData: "breaching",
        });
        // The default stack: geth-lighthouse minimal on mainnet, 960 GiB: 95 % still leaves a month of growth.
        expect(byName.disk).to.include({ metricName: "VolumeUsedPercent", threshold: 95 });
        expect(byName.history, "published at head only: a syncing node is no breach").to.include({
            metricName: "HistoryServed",
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "notBreaching",
        });
    });

    it("the disk alarm fires when 30 days of growth remain, between 50 % and 95 %", () => {
        // 35.7 GiB a month: 35.2 GiB in 30 days.
        expect(diskAlarmPercent(660, 35.7)).to.equal(94); // 1 − 35.2 / 660 = 94.7 %
        expect(diskAlarmPercent(100, 35.7)).to.equal(64);
        expect(diskAlarmPercent(10, 35.7)).to.equal(50);
        expect(diskAlarmPercent(2000, 35.7)).to.equal(95);
    });

    it("the disk alarm leaves a month of growth free, and stays quiet on every default volume at deploy", () => {
        for (const pair of Object.values(CLIENT_PAIRS)) {
            for (const network of NETWORKS) {
                for (const mode of supportedModes(pair, network)) {
                    const need = diskNeed(pair, network, mode);
                    const percent = diskAlarmPercent(need.recommendedGiB, need.growthGiBPerMonth);
                    const where = `${pair.name} ${network} ${mode}`;
                    expect((100 * need.minGiB) / need.recommendedGiB, where).to.be.below(percent);
                    const freeGiB = need.recommendedGiB * (1 - percent / 100);
                    const monthOfGrowth =
                        (need.growthGiBPerMonth * DISK_WARNING_DAYS) / DAYS_PER_MONTH;
                    expect(freeGiB, where).to.be.at.least(monthOfGrowth);
                }
            }
        }
    });

    it("only the monitor-missing alarm treats missing data as a failure", () => {
        expect(
            alarmSpecs({ maxHeadAgeSeconds: 60, minPeers: 3, diskAlarmPercent: 90 })
                .filter((a) => a.treatMissingData === "breaching")
                .map((a) => a.name),
        ).to.deep.equal(["monitor-missing"]);
    });

    it("subscribes alertEmail to the topic, and nobody without it", async () => {
        expect(
            ofType((await runProgram({})).world, "aws:sns/topicSubscription:TopicSubscription"),
        ).to.deep.equal([]);
        const { world } = await runProgram({ alertEmail: "ops@example.org" });
        expect(one(world, "aws:sns/topicSubscription:TopicSubscription").inputs).to.include({
            protocol: "email",
            endpoint: "ops@example.org",
        });
    });

    it("draws a dashboard of the node metrics, EBS IOPS, throughput and queue length, CPU and memory", async () => {
        const { world, outputs } = await runProgram({});
        const body = JSON.parse(
            one(world, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody,
        );
        const metrics = body.widgets.flatMap((w: any) =>
            w.properties.metrics.map((m: string[]) => `${m[0]}/${m[1]}`),
        );
        // Every metric the monitor publishes has a line.
        for (const name of Object.keys(NODE_METRIC_UNITS)) {
            expect(metrics).to.include(`EthereumNode/${name}`);
        }
        expect(metrics).to.include.members([
            "AWS/EBS/VolumeReadOps",
            "AWS/EBS/VolumeWriteOps",
            "AWS/EBS/VolumeReadBytes",
            "AWS/EBS/VolumeWriteBytes",
            "AWS/EBS/VolumeQueueLength",
            "AWS/EC2/CPUUtilization",
            "ECS/ContainerInsights/MemoryUtilized",
        ]);
        const ebs = body.widgets.find((w: any) => w.properties.title === "EBS IOPS").properties
            .metrics[0];
        expect(ebs).to.deep.equal(["AWS/EBS", "VolumeReadOps", "VolumeId", "chain-data-id"]);
        expect(outputs.dashboardName).to.equal("parity-mainnet-test-node");
    });

    it("draws every node on the dashboard: its metrics, its volume and its instance", async () => {
        const { world } = await runProgram({ nodeCount: "2" });
        const body = JSON.parse(
            one(world, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody,
        );
        const lines = (title: string) =>
            body.widgets.find((w: any) => w.properties.title.startsWith(title)).properties.metrics;
        expect(lines("EBS queue length").map((m: string[]) => m[3])).to.deep.equal([
            "chain-data-id",
            "chain-n2-data-id",
        ]);
        expect(lines("CPU").map((m: string[]) => m[3])).to.have.length(2);
        expect(lines("Head block").map((m: string[]) => m.at(-1))).to.deep.equal([
            "node",
            "node-n2",
        ]);
    });

    it("passes the reference endpoints to the monitor", async () => {
        const { world } = await runProgram({
            referenceRpcUrls: ["https://a.example.org", "https://b.example.org"],
        });
        const monitor = JSON.parse(
            one(world, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions,
        )[2];
        expect(containerVariable(world, monitor, "REFERENCE_RPC_URLS")).to.equal(
            "https://a.example.org https://b.example.org",
        );
    });
});
