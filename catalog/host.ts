/**
 * Facts of the node's host that the program, the boot script and the containers must agree on;
 * each is defined here once and handed to the others.
 */

/** Where the chain volume is mounted on the host and in the containers. */
export const DATA_DIR = "/data";

/** The JWT secret both clients share, on the chain volume. */
export const JWT_PATH = `${DATA_DIR}/jwt.hex`;

/**
 * The ECS instance attribute the boot script sets once the chain volume is mounted; the task's
 * placement constraint requires it (bootstrap/chain-volume.sh receives the name as ATTRIBUTE_NAME).
 */
export const CHAIN_VOLUME_ATTRIBUTE = "parity.chain-volume";

/** ECS-optimized Amazon Linux 2023, resolved by EC2 at launch so a new AMI never forces a replacement by itself. */
export const ECS_AMI =
    "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
