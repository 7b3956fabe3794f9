import { expect } from "chai";
import { EC2Client, CreateVolumeCommand, CreateSnapshotCommand } from "@aws-sdk/client-ec2";
import { newestSnapshot, newest, main } from "../../tools/newestSnapshot";
import { sharedMoto, localClientConfig, Moto } from "../moto";
import { captureIo, errorOf } from "../helpers";
import { STACK_TAG } from "../../catalog/tags";

describe("npm run newest-snapshot against moto server", function () {
    this.timeout(120000);
    let moto: Moto;
    let ec2: EC2Client;
    before(async () => {
        moto = await sharedMoto();
        ec2 = new EC2Client(localClientConfig(moto.url));
    });
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
        return snap.SnapshotId!;
    }

    it("finds this stack's completed snapshot by its tag, ignoring other stacks", async () => {
        const mainnet = await snapshot("parity-mainnet/mainnet");
        await snapshot("parity-mainnet/sepolia");
        expect((await newestSnapshot(ec2, "parity-mainnet/mainnet"))?.SnapshotId).to.equal(mainnet);
        expect(await newestSnapshot(ec2, "parity-mainnet/other")).to.equal(undefined);
    });

    it("picks the newest by start time (faked timestamps, not sleeps)", () => {
        const t = (s: number) => new Date(s * 1000);
        expect(
            newest([
                { SnapshotId: "old", State: "completed", StartTime: t(1) },
                { SnapshotId: "new", State: "completed", StartTime: t(3) },
                { SnapshotId: "mid", State: "completed", StartTime: t(2) },
            ])?.SnapshotId,
        ).to.equal("new");
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

    describe("the command", () => {
        const run = async (argv: string[]) => {
            const { io, out, err } = captureIo();
            const code = await main(argv, io, () => ec2);
            return { code, out, err };
        };

        it("prints only the id on stdout, for `pulumi config set chainSnapshotId $(…)`", async () => {
            const id = await snapshot("parity-mainnet/mainnet");
            const { code, out, err } = await run(["--stack", "mainnet"]);
            expect(code).to.equal(0);
            expect(out).to.deep.equal([id]);
            expect(err.join("\n")).to.contain(`newest: ${id}`);
        });

        it("prints nothing on stdout and exits 1 when the stack has no snapshot", async () => {
            const { code, out, err } = await run(["--stack", "mainnet"]);
            expect(code).to.equal(1);
            expect(out).to.deep.equal([]);
            expect(err).to.deep.equal([
                `no completed snapshot tagged ${STACK_TAG}=parity-mainnet/mainnet in us-east-1`,
            ]);
        });

        it("answers --help without calling AWS, and refuses unknown flags and missing values", async () => {
            const { io, out } = captureIo();
            const code = await main(["--help"], io, () => {
                throw new Error("--help must not call AWS");
            });
            expect(code).to.equal(0);
            expect(out[0]).to.match(/^usage: npm run -s newest-snapshot -- \[options\]/);
            expect(out[0]).to.contain("examples:");
            expect(await errorOf(() => run(["--stak", "sepolia"]))).to.match(
                /Unknown option '--stak'/,
            );
            expect(await errorOf(() => run(["--stack"]))).to.match(/--stack.*argument missing/);
            expect(await errorOf(() => run(["--stack", "nope"]))).to.match(
                /^no stack file for stack "nope"; known stacks: /,
            );
        });
    });
});
