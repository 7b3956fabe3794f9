/** Tag keys the program, the lifecycle handler, DLM and IAM conditions agree on. */
export const STACK_TAG = "parity:stack";
/** Marks the chain volume; its value is the stack id, so DLM and IAM select exactly this stack's volume. */
export const CHAIN_VOLUME_TAG = "parity:chain-volume";
/** The STACK_TAG value: the program tags with it and the snapshot tool searches by it. */
export const stackTagValue = (project: string, stack: string) => `${project}/${stack}`;
/** Every resource and snapshot carries the stack's network, client pair and node mode as tags. */
export const NETWORK_TAG = "parity:network";
export const CLIENT_TAG = "parity:client";
export const NODE_MODE_TAG = "parity:nodeMode";
