/** Ethereum networks a stack can join. Testnets are cheap rehearsals of a mainnet stack. */
export const NETWORKS = ["mainnet", "sepolia", "hoodi"] as const;
export type Network = (typeof NETWORKS)[number];

/** Node modes; each execution client lists the ones it supports. */
export const NODE_MODES = ["full", "minimal", "archive"] as const;
export type NodeMode = (typeof NODE_MODES)[number];
