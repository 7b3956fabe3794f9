/**
 * Protocol facts shared by the monitor and the planner. Source: the consensus specs
 * (SECONDS_PER_SLOT = 12 on mainnet, sepolia and hoodi); after the merge one slot carries at most
 * one execution block.
 */
export const SECONDS_PER_SLOT = 12;
