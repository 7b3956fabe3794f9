/** Tag keys the program, the lifecycle handler, DLM and IAM conditions agree on. */
export const STACK_TAG = "parity:stack";
/** Marks the chain volume; its value is the stack id, so DLM and IAM select exactly this stack's volume. */
export const CHAIN_VOLUME_TAG = "parity:chain-volume";
