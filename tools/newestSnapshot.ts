import { EC2Client, DescribeSnapshotsCommand, Snapshot } from "@aws-sdk/client-ec2";
import { PROJECT, readStackConfig } from "../offline/stackFile";
import { STACK_TAG, stackTagValue } from "../catalog/tags";
import { CliSpec, Io, parseCli, runAsProcess, UsageError } from "./cli";

/**
 * `npm run newest-snapshot -- --stack mainnet`: prints the newest completed snapshot of this stack's
 * chain volume (scheduled, final or pinned), ready for `pulumi config set chainSnapshotId`.
 * Uses the AWS SDK's standard credential chain; the region comes from the stack file.
 */

export function newest(snapshots: Snapshot[]): Snapshot | undefined {
    return snapshots
        .filter((s) => s.State === "completed")
        .sort((a, b) => (b.StartTime?.getTime() ?? 0) - (a.StartTime?.getTime() ?? 0))[0];
}

export async function newestSnapshot(
    ec2: EC2Client,
    stackId: string,
): Promise<Snapshot | undefined> {
    const snapshots: Snapshot[] = [];
    let NextToken: string | undefined;
    do {
        const page = await ec2.send(
            new DescribeSnapshotsCommand({
                OwnerIds: ["self"],
                Filters: [{ Name: `tag:${STACK_TAG}`, Values: [stackId] }],
                NextToken,
            }),
        );
        snapshots.push(...(page.Snapshots ?? []));
        NextToken = page.NextToken;
    } while (NextToken);
    return newest(snapshots);
}

export const CLI: CliSpec = {
    command: "npm run -s newest-snapshot --",
    summary:
        "Prints the id of the newest completed snapshot of the stack's chain volume on stdout, or an error on stderr with a non-zero exit. Uses the AWS SDK's standard credentials; the region comes from the stack file (or AWS_REGION).",
    flags: {
        stack: {
            type: "string",
            value: "NAME",
            description: "stack whose snapshots to search",
            default: "mainnet",
        },
    },
    examples: [
        'id=$(npm run -s newest-snapshot -- --stack mainnet) && pulumi config set chainSnapshotId "$id"',
    ],
};

export async function main(
    argv: string[],
    io: Io,
    ec2For: (region: string) => EC2Client = (region) => new EC2Client({ region }),
): Promise<number> {
    const values = parseCli(CLI, argv, io);
    if (values === undefined) {
        return 0;
    }
    const stack = String(values.stack);
    const region = process.env.AWS_REGION ?? readStackConfig(stack)["aws:region"];
    if (!region) {
        throw new UsageError(
            `stack ${stack} has no aws:region; set AWS_REGION or the stack's aws:region`,
        );
    }
    const stackId = stackTagValue(PROJECT, stack);
    const snapshot = await newestSnapshot(ec2For(region), stackId);
    if (!snapshot?.SnapshotId) {
        io.err(`no completed snapshot tagged ${STACK_TAG}=${stackId} in ${region}`);
        return 1;
    }
    io.err(
        `newest: ${snapshot.SnapshotId} from ${snapshot.StartTime?.toISOString()} (${snapshot.VolumeSize} GiB) — ${snapshot.Description ?? ""}`,
    );
    io.out(snapshot.SnapshotId);
    return 0;
}

if (require.main === module) {
    runAsProcess("newest-snapshot", main);
}
