import * as pulumi from "@pulumi/pulumi";

/** What the stack's last deployment exported, read before anything else is decided. */
export interface DeployedState {
    /** `fresh` or the snapshot the deployed chain volume was restored from; undefined before the first deploy. */
    chainVolumeSource?: string;
    chainVolumeSizeGiB?: number;
    nodeCount?: number;
}

/** The stack reads its own last outputs (an empty stack answers nothing). */
export async function deployedState(): Promise<DeployedState> {
    const self = new pulumi.StackReference(
        `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`,
    );
    const source = (await self.getOutputDetails("chainVolumeSource")).value;
    const size = (await self.getOutputDetails("chainVolumeSizeGiB")).value;
    const nodes = (await self.getOutputDetails("nodeCount")).value;
    return {
        nodeCount: typeof nodes === "number" ? nodes : undefined,
        chainVolumeSource: typeof source === "string" ? source : undefined,
        chainVolumeSizeGiB: typeof size === "number" ? size : undefined,
    };
}
