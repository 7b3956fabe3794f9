import { Network } from "../../catalog/networks";

/** EIP-155 chain ids (each network's genesis config; geth prints them at start as `network=`). */
export const CHAIN_IDS: Record<Network, number> = { mainnet: 1, sepolia: 11155111, hoodi: 560048 };
