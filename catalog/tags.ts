/** Tag keys the program, the lifecycle handler, DLM and IAM conditions agree on. */
export const STACK_TAG = "parity:stack";
/** Marks the chain volume; its value is the stack id, so DLM and IAM select exactly this stack's volume. */
export const CHAIN_VOLUME_TAG = "parity:chain-volume";
/** The STACK_TAG value: the program tags with it and the snapshot tool searches by it. */
export const stackTagValue = (project: string, stack: string) => `${project}/${stack}`;
