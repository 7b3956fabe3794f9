/**
 * Facts of the node's host that the program, the boot script and the containers must agree on;
 * each is defined here once and handed to the others.
 */

/** Where the chain volume is mounted on the host and in the containers. */
export const DATA_DIR = "/data";

/**
 * The ECS instance attribute the boot script sets once the chain volume is mounted; the task's
 * placement constraint requires it (bootstrap/chain-volume.sh receives the name as ATTRIBUTE_NAME).
 */
export const CHAIN_VOLUME_ATTRIBUTE = "parity.chain-volume";

/**
 * The CPU architectures the node runs on, by AWS's name: the image platform docker builds for it,
 * and the ECS-optimized Amazon Linux 2023 AMI (resolved by EC2 at launch from its public SSM
 * parameter, so a new AMI never forces a replacement by itself). Every pinned client and the
 * monitor's base publish images for both: ethereum/client-go publishes amd64, arm64 and riscv64;
 * reth's release check requires amd64 and arm64; lighthouse's release workflow publishes amd64 and
 * arm64; teku's manifestDocker task (build.gradle) joins its arm64 and amd64 images under each tag;
 * node:22-alpine is multi-arch.
 */
export const ARCHITECTURES = {
    x86_64: {
        platform: "linux/amd64",
        ami: "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
    },
    arm64: {
        platform: "linux/arm64",
        ami: "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
    },
} as const;

export type Architecture = keyof typeof ARCHITECTURES;
