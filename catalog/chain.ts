/**
 * Protocol facts shared by the monitor and the planner. Source: the consensus specs
 * (SECONDS_PER_SLOT = 12 on mainnet, sepolia and hoodi); after the merge one slot carries at most
 * one execution block.
 */
export const SECONDS_PER_SLOT = 12;

/**
 * Blocks a second an execution client replays when catching up on EBS: the one measurement found.
 * It is old geth on lighter blocks than today's; a faster case is assumed beside it.
 */
export const CATCH_UP_ON_EBS: { value: number; source: string } = {
    value: 2,
    source: "go-ethereum#22528 (2021): geth 1.9.25 on EBS gp3 at 6000 IOPS, catching up a day behind, imported 16 blocks in 8.174 s (~2 blocks/s, 24 Mgas/s); the only measurement on EBS found, with older geth and lighter blocks than today's",
};
