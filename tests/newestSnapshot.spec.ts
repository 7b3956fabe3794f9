import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import { EC2Client, CreateVolumeCommand, CreateSnapshotCommand } from "@aws-sdk/client-ec2";
import { newestSnapshot, newest } from "../tools/newestSnapshot";
import { startMoto, localClientConfig, Moto } from "./moto";
import { STACK_TAG } from "../catalog/tags";

describe("npm run newest-snapshot against moto server", function () {
    this.timeout(120000);
    let moto: Moto;
    let ec2: EC2Client;
    before(async () => {
        moto = await startMoto();
        ec2 = new EC2Client(localClientConfig(moto.url));
    });
    after(() => moto.stop());
    beforeEach(() => moto.reset());

    async function snapshot(stackId: string): Promise<string> {
        const volume = await ec2.send(
            new CreateVolumeCommand({ AvailabilityZone: "us-east-1a", Size: 10 }),
        );
        const snap = await ec2.send(
            new CreateSnapshotCommand({
                VolumeId: volume.VolumeId!,
                TagSpecifications: [
                    { ResourceType: "snapshot", Tags: [{ Key: STACK_TAG, Value: stackId }] },
                ],
            }),
        );
        await new Promise((r) => setTimeout(r, 1100)); // distinct start times
        return snap.SnapshotId!;
    }

    it("finds the newest completed snapshot of this stack, ignoring other stacks", async () => {
        await snapshot("parity-mainnet/mainnet");
        const latest = await snapshot("parity-mainnet/mainnet");
        await snapshot("parity-mainnet/hoodi");
        expect((await newestSnapshot(ec2, "parity-mainnet/mainnet"))?.SnapshotId).to.equal(latest);
        expect(await newestSnapshot(ec2, "parity-mainnet/other")).to.equal(undefined);
    });

    it("skips snapshots that are not completed", () => {
        const t = (s: number) => new Date(s * 1000);
        expect(
            newest([
                { SnapshotId: "a", State: "completed", StartTime: t(1) },
                { SnapshotId: "b", State: "pending", StartTime: t(2) },
            ])?.SnapshotId,
        ).to.equal("a");
    });

    it("prints only the id on stdout, for `pulumi config set chainSnapshotId $(…)`", async () => {
        const id = await snapshot("parity-mainnet/mainnet");
        const result = spawnSync(
            "npm",
            ["run", "-s", "newest-snapshot", "--", "--stack", "mainnet"],
            {
                cwd: path.join(__dirname, ".."),
                encoding: "utf8",
                env: {
                    ...process.env,
                    AWS_ENDPOINT_URL: moto.url,
                    AWS_ACCESS_KEY_ID: "testing",
                    AWS_SECRET_ACCESS_KEY: "testing",
                    AWS_REGION: "us-east-1",
                },
            },
        );
        expect(result.status, result.stderr).to.equal(0);
        expect(result.stdout.trim()).to.equal(id);
        expect(result.stderr).to.contain(`pulumi config set chainSnapshotId ${id}`);
    });
});
