import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as docker from "@pulumi/docker";
import * as dockerBuild from "@pulumi/docker-build";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { ClientPair, ImageRef } from "../catalog/clients";

export interface ParityImageArgs {
    client: ClientPair;
    /** Folder with the Dockerfiles and entrypoints. */
    contextDir: string;
    /** How many images the ECR lifecycle policy keeps. */
    keepImages: number;
    tags: Record<string, string>;
}

/** Files that make up the node image, besides the upstream base. */
export const NODE_IMAGE_FILES = ["node.Dockerfile", "node-entrypoint.sh"];

/** Short content hash of the given files: a new build gets a new immutable tag. */
export function contentHash(dir: string, files: string[]): string {
    const hash = crypto.createHash("sha256");
    for (const file of files) {
        hash.update(file).update(fs.readFileSync(path.join(dir, file)));
    }
    return hash.digest("hex").slice(0, 12);
}

/** ECR lifecycle policy that expires all but the newest `keep` images. */
export function lifecyclePolicy(keep: number): string {
    return JSON.stringify({
        rules: [
            {
                rulePriority: 1,
                description: `keep the newest ${keep} images`,
                selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keep },
                action: { type: "expire" },
            },
        ],
    });
}

/** The node's container images: pinned upstream clients wrapped with our entrypoint, pushed to ECR. */
export class ParityImage extends pulumi.ComponentResource {
    public readonly repositoryUrl: pulumi.Output<string>;
    public readonly repositoryArn: pulumi.Output<string>;
    /** `repository@sha256:…` references; tasks never use a moving tag. */
    public readonly executionImage: pulumi.Output<string>;
    public readonly consensusImage: pulumi.Output<string>;

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
        new aws.ecr.LifecyclePolicy(`${name}-lifecycle`, { repository: repository.name, policy: lifecyclePolicy(args.keepImages) }, { parent: this });

        const auth = aws.ecr.getAuthorizationTokenOutput({ registryId: repository.registryId }, { parent: this });
        const registry = { address: repository.repositoryUrl, username: auth.userName, password: pulumi.secret(auth.password) };
        const filesHash = contentHash(args.contextDir, NODE_IMAGE_FILES);

        const build = (role: string, upstream: ImageRef): pulumi.Output<string> => {
            const upstreamName = `${upstream.repository}:${upstream.tag}`;
            // Resolving the digest pins exactly what was reviewed, even if upstream re-tags.
            const digest = docker.getRegistryImageOutput({ name: upstreamName }, { parent: this }).sha256Digest;
            const clientName = upstream.repository.split("/").pop();
            const tag = pulumi.interpolate`${role}-${clientName}-${upstream.tag}-${filesHash}-${digest.apply((d) => d.replace("sha256:", "").slice(0, 12))}`;
            const image = new dockerBuild.Image(
                `${name}-${role}`,
                {
                    context: { location: args.contextDir },
                    dockerfile: { location: path.join(args.contextDir, "node.Dockerfile") },
                    buildArgs: { BASE_IMAGE: pulumi.interpolate`${upstreamName}@${digest}` },
                    platforms: ["linux/amd64"],
                    push: true,
                    registries: [registry],
                    tags: [pulumi.interpolate`${repository.repositoryUrl}:${tag}`],
                },
                { parent: this },
            );
            return pulumi.interpolate`${repository.repositoryUrl}@${image.digest}`;
        };

        this.repositoryUrl = repository.repositoryUrl;
        this.repositoryArn = repository.arn;
        this.executionImage = build("execution", args.client.execution.image);
        this.consensusImage = build("consensus", args.client.consensus.image);
        this.registerOutputs({ repositoryUrl: this.repositoryUrl, repositoryArn: this.repositoryArn, executionImage: this.executionImage, consensusImage: this.consensusImage });
    }
}
