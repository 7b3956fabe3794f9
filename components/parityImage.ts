import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ClientPair } from "../catalog/clients";

export interface ParityImageArgs {
    client: ClientPair;
    /** Folder with the Dockerfiles and entrypoints. */
    contextDir: string;
    /** How many images the ECR lifecycle policy keeps. */
    keepImages: number;
    tags: Record<string, string>;
}

/** The node's container images: pinned upstream clients wrapped with our entrypoint, pushed to ECR. */
export class ParityImage extends pulumi.ComponentResource {
    public readonly repositoryUrl: pulumi.Output<string>;

    constructor(name: string, args: ParityImageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("parity:image:ParityImage", name, {}, opts);
        const repository = new aws.ecr.Repository(
            `${name}-repo`,
            {
                imageScanningConfiguration: { scanOnPush: true },
                imageTagMutability: "IMMUTABLE",
                forceDelete: true,
                tags: args.tags,
            },
            { parent: this },
        );
        this.repositoryUrl = repository.repositoryUrl;
        this.registerOutputs({ repositoryUrl: this.repositoryUrl });
    }
}
