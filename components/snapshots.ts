import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { STACK_TAG } from "../catalog/tags";

/**
 * The newest completed snapshot of this stack's chain data (scheduled, final or pinned) whose tags
 * say it holds what the node needs (network, execution client, node mode); undefined if none.
 */
export function newestStackSnapshot(
    stackId: string,
    matchingTags: Record<string, string[]>,
): pulumi.Output<string | undefined> {
    // The provider lists them newest first ("sorted by creation time in descending order").
    return aws.ebs
        .getSnapshotIdsOutput({
            owners: ["self"],
            filters: [
                { name: `tag:${STACK_TAG}`, values: [stackId] },
                { name: "status", values: ["completed"] },
                ...Object.entries(matchingTags).map(([key, values]) => ({
                    name: `tag:${key}`,
                    values,
                })),
            ],
        })
        .ids.apply((ids: string[]) => ids[0]);
}
