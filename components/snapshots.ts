import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { STACK_TAG } from "../catalog/tags";

/**
 * The newest completed snapshot of this stack's chain data (scheduled, final or pinned) whose tags
 * say it holds what the node needs (network, client pair, node mode); undefined if none.
 */
export function newestStackSnapshot(
    stackId: string,
    contentsTags: Record<string, string>,
): pulumi.Output<string | undefined> {
    // The provider lists them newest first ("sorted by creation time in descending order").
    return aws.ebs
        .getSnapshotIdsOutput({
            owners: ["self"],
            filters: [
                { name: `tag:${STACK_TAG}`, values: [stackId] },
                { name: "status", values: ["completed"] },
                ...Object.entries(contentsTags).map(([key, value]) => ({
                    name: `tag:${key}`,
                    values: [value],
                })),
            ],
        })
        .ids.apply((ids: string[]) => ids[0]);
}
