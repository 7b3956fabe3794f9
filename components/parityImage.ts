import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as dockerBuild from "@pulumi/docker-build";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as esbuild from "esbuild";
import { ClientPair } from "../catalog/clients";
import { UpstreamImage } from "../domain/upstreamDigests";
import { IMAGE_ROLES, ImageRole, upstreamImages } from "../catalog/images";

export interface ParityImageArgs {
    client: ClientPair;
    /** Folder with one build context per image kind: node/ (the clients' wrapper) and monitor/. */
    contextDir: string;
    /** Folder the monitor bundle is written to, as its image's build context. */
    monitorBuildDir: string;
    /** The image platforms the instances need (linux/amd64, linux/arm64). */
    platforms: string[];
    /** How many images of each role the ECR lifecycle policy keeps. */
    keepImages: number;
    /** Each role's upstream image and the digest the pre-flight resolved and checked for it. */
    upstream: Record<ImageRole, UpstreamImage>;
    tags: Record<string, string>;
}

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
        path.join(__dirname, "..", "docker", "monitor", "Dockerfile"),
        path.join(outDir, "Dockerfile"),
    );
    bundled.add(outDir);
    return outDir;
}

/** Every file under a folder, as sorted relative paths. */
function filesUnder(dir: string, prefix = ""): string[] {
    return fs
        .readdirSync(path.join(dir, prefix), { withFileTypes: true })
        .flatMap((entry) => {
            const relative = path.join(prefix, entry.name);
            return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
        })
        .sort();
}

/**
 * Short hash of a whole build context (names and contents): any change to what the build can see
 * gets a new tag, so a rebuild never collides with an immutable tag already in ECR.
 */
export function contextHash(dir: string): string {
    const hash = crypto.createHash("sha256");
    for (const file of filesUnder(dir)) {
        hash.update(file)
            .update("\0")
            .update(fs.readFileSync(path.join(dir, file)));
    }
    return hash.digest("hex").slice(0, 12);
}

/**
 * ECR lifecycle policy: the newest `keep` images of each role, counted apart (they change at
 * different rates, so one count could expire the image a running task uses), and untagged layers
 * of interrupted pushes after a day.
 */
export function repositoryLifecyclePolicy(keep: number): string {
    return JSON.stringify({
        rules: [
            ...IMAGE_ROLES.map((role, i) => ({
                rulePriority: i + 1,
                description: `keep the newest ${keep} ${role} images`,
                selection: {
                    tagStatus: "tagged",
                    tagPrefixList: [`${role}-`],
                    countType: "imageCountMoreThan",
                    countNumber: keep,
                },
                action: { type: "expire" },
            })),
            {
                rulePriority: IMAGE_ROLES.length + 1,
                description: "expire untagged images after a day",
                selection: {
                    tagStatus: "untagged",
                    countType: "sinceImagePushed",
                    countUnit: "days",
                    countNumber: 1,
                },
                action: { type: "expire" },
            },
        ],
    });
}

/** The node's container images: pinned upstream clients wrapped with our entrypoint, pushed to ECR. */
export class ParityImage extends pulumi.ComponentResource {
    public readonly repositoryUrl: pulumi.Output<string>;
    public readonly repositoryArn: pulumi.Output<string>;
    public readonly repositoryName: pulumi.Output<string>;
    /** Each role's upstream image and the digest its tag served (read back by the next run). */
    public readonly upstreamImages: Record<ImageRole, UpstreamImage>;
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
            { repository: repository.name, policy: repositoryLifecyclePolicy(args.keepImages) },
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
        const nodeContext = path.join(args.contextDir, "node");

        const upstreamRefs = upstreamImages(args.client);
        const build = (role: (typeof IMAGE_ROLES)[number], context: string) => {
            const upstream = upstreamRefs[role];
            const hash = contextHash(context);
            // The image and digest the pre-flight resolved and checked: exactly what was reviewed is built on.
            const { image: upstreamName, digest } = args.upstream[role];
            const baseName = upstream.repository.split("/").pop();
            // Everything that changes what is pushed is in the tag, the platforms included, so a new
            // build never meets an immutable tag already in ECR.
            const arches = args.platforms.map((p) => p.split("/")[1]).join("-");
            const tag = pulumi.interpolate`${role}-${baseName}-${upstream.tag}-${arches}-${hash}-${digest.replace("sha256:", "").slice(0, 12)}`;
            const image = new dockerBuild.Image(
                `${name}-${role}`,
                {
                    context: { location: context },
                    dockerfile: { location: path.join(context, "Dockerfile") },
                    buildArgs: { BASE_IMAGE: pulumi.interpolate`${upstreamName}@${digest}` },
                    platforms: args.platforms as dockerBuild.Platform[],
                    push: true,
                    registries: [registry],
                    tags: [pulumi.interpolate`${repository.repositoryUrl}:${tag}`],
                    // A preview needs no Docker daemon or multi-platform builder; `pulumi up` builds.
                    buildOnPreview: false,
                },
                // An image built before keeps its setting until its tag changes: updating it in
                // place would push the same tag again, which the immutable repository refuses.
                { parent: this, ignoreChanges: ["buildOnPreview"] },
            );
            return pulumi.interpolate`${repository.repositoryUrl}@${image.digest}`;
        };

        this.repositoryUrl = repository.repositoryUrl;
        this.repositoryArn = repository.arn;
        this.repositoryName = repository.name;
        this.executionImage = build("execution", nodeContext);
        this.consensusImage = build("consensus", nodeContext);
        this.monitorImage = build("monitor", bundleMonitor(args.monitorBuildDir));
        this.upstreamImages = args.upstream;
        this.registerOutputs({
            upstreamImages: this.upstreamImages,
            repositoryUrl: this.repositoryUrl,
            repositoryArn: this.repositoryArn,
            repositoryName: this.repositoryName,
            executionImage: this.executionImage,
            consensusImage: this.consensusImage,
            monitorImage: this.monitorImage,
        });
    }
}
