/** Ethereum networks a stack can join. Testnets are cheap rehearsals of a mainnet stack. */
export const NETWORKS = ["mainnet", "sepolia", "hoodi"] as const;
export type Network = (typeof NETWORKS)[number];

/**
 * Node modes; each execution client lists the ones it supports. `postprague` keeps bodies, receipts
 * and transaction lookup from Prague on (reth; geth's post-Prague mode is its `minimal`).
 */
export const NODE_MODES = ["full", "minimal", "archive", "postprague"] as const;
export type NodeMode = (typeof NODE_MODES)[number];
