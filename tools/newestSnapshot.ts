import { EC2Client, DescribeSnapshotsCommand, Snapshot } from "@aws-sdk/client-ec2";
import { readStackConfig } from "./policyCheck";
import { PROJECT } from "../lib/mockProgram";
import { STACK_TAG } from "../catalog/tags";

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

async function main(args: string[]): Promise<number> {
    const i = args.indexOf("--stack");
    const stack = i >= 0 ? (args[i + 1] ?? "") : "mainnet";
    const region = process.env.AWS_REGION ?? readStackConfig(stack)["aws:region"];
    const stackId = `${PROJECT}/${stack}`;
    const snapshot = await newestSnapshot(new EC2Client({ region }), stackId);
    if (!snapshot) {
        console.error(`no completed snapshot tagged ${STACK_TAG}=${stackId} in ${region}`);
        return 1;
    }
    console.error(
        `newest: ${snapshot.SnapshotId} from ${snapshot.StartTime?.toISOString()} (${snapshot.VolumeSize} GiB) — ${snapshot.Description ?? ""}`,
    );
    console.error(
        `restore with: pulumi config set chainSnapshotId ${snapshot.SnapshotId} && pulumi up`,
    );
    console.log(snapshot.SnapshotId);
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (e) => {
            console.error(`newest-snapshot failed: ${(e as Error).message}`);
            process.exit(2);
        },
    );
}
