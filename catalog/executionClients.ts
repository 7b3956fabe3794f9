import { ExecutionClient } from "./clientTypes";
import { GETH } from "./geth";
import { RETH } from "./reth";

/** Execution clients, pinned: catalog/reth.ts and catalog/geth.ts. */
export const EXECUTION_CLIENTS = { reth: RETH, geth: GETH } satisfies Record<
    string,
    ExecutionClient
>;
