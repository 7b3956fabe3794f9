import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as docker from "@pulumi/docker";
import * as dockerBuild from "@pulumi/docker-build";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as esbuild from "esbuild";
import { ClientPair, ImageRef } from "../catalog/clients";

export interface ParityImageArgs {
    client: ClientPair;
    /** Folder with the Dockerfiles and entrypoints. */
    contextDir: string;
    /** Folder the monitor bundle is written to, as its image's build context. */
    monitorBuildDir: string;
    /** How many images the ECR lifecycle policy keeps. */
    keepImages: number;
    tags: Record<string, string>;
}

/** Files that make up the node image, besides the upstream base. */
export const NODE_IMAGE_FILES = ["node.Dockerfile", "node-entrypoint.sh"];

/** The monitor's base image, pinned by tag here and by digest at build time. */
export const MONITOR_BASE: ImageRef = { repository: "node", tag: "22-alpine" };

/**
 * Bundles monitor/main.ts with its AWS SDK client into one file, in a build folder that becomes the
 * monitor image's context (the repository's own files stay untouched). Returns the folder.
 */
const bundled = new Set<string>();

export function bundleMonitor(outDir: string): string {
    // Once per process: the sources do not change while a program (or a test run) is running.
    if (bundled.has(outDir)) {
        return outDir;
    }
    fs.mkdirSync(outDir, { recursive: true });
    esbuild.buildSync({
        entryPoints: [path.join(__dirname, "..", "monitor", "main.ts")],
        bundle: true,
        platform: "node",
        target: "node22",
        format: "cjs",
        outfile: path.join(outDir, "monitor.js"),
        logLevel: "silent",
    });
    fs.copyFileSync(
        path.join(__dirname, "..", "docker", "monitor.Dockerfile"),
        path.join(outDir, "Dockerfile"),
    );
    bundled.add(outDir);
    return outDir;
}

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
    public readonly monitorImage: pulumi.Output<string>;

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
        new aws.ecr.LifecyclePolicy(
            `${name}-lifecycle`,
            { repository: repository.name, policy: lifecyclePolicy(args.keepImages) },
            { parent: this },
        );

        const auth = aws.ecr.getAuthorizationTokenOutput(
            { registryId: repository.registryId },
            { parent: this },
        );
        const registry = {
            address: repository.repositoryUrl,
            username: auth.userName,
            password: pulumi.secret(auth.password),
        };
        const filesHash = contentHash(args.contextDir, NODE_IMAGE_FILES);

        const build = (
            role: string,
            upstream: ImageRef,
            context: string,
            dockerfile: string,
            hash: string,
        ): pulumi.Output<string> => {
            const upstreamName = `${upstream.repository}:${upstream.tag}`;
            // Resolving the digest pins exactly what was reviewed, even if upstream re-tags.
            const digest = docker.getRegistryImageOutput(
                { name: upstreamName },
                { parent: this },
            ).sha256Digest;
            const baseName = upstream.repository.split("/").pop();
            const tag = pulumi.interpolate`${role}-${baseName}-${upstream.tag}-${hash}-${digest.apply((d) => d.replace("sha256:", "").slice(0, 12))}`;
            const image = new dockerBuild.Image(
                `${name}-${role}`,
                {
                    context: { location: context },
                    dockerfile: { location: path.join(context, dockerfile) },
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
        this.executionImage = build(
            "execution",
            args.client.execution.image,
            args.contextDir,
            "node.Dockerfile",
            filesHash,
        );
        this.consensusImage = build(
            "consensus",
            args.client.consensus.image,
            args.contextDir,
            "node.Dockerfile",
            filesHash,
        );
        const monitorDir = bundleMonitor(args.monitorBuildDir);
        this.monitorImage = build(
            "monitor",
            MONITOR_BASE,
            monitorDir,
            "Dockerfile",
            contentHash(monitorDir, ["Dockerfile", "monitor.js"]),
        );
        this.registerOutputs({
            repositoryUrl: this.repositoryUrl,
            repositoryArn: this.repositoryArn,
            executionImage: this.executionImage,
            consensusImage: this.consensusImage,
            monitorImage: this.monitorImage,
        });
    }
}
