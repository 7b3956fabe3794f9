import { DEFAULT_LOGS_MAX_BLOCK_RANGE } from "../catalog/logIndexes";
import { KeySpec } from "./keyRules";

/** The keys that shape what the node serves and where it starts from (part of config/keys.ts's table). */
export const SERVING_KEY_SPECS = {
    rpcApis: {
        key: "rpcApis",
        defaultDoc: "`eth,net,web3`",
        allowedDoc: "comma-separated namespaces the client serves; never `admin` or `personal`",
        readBy: "domain/containers.ts",
        shapes: "`--http.api`, `--ws.api`",
    },
    logsMaxBlockRange: {
        key: "logsMaxBlockRange",
        rule: {
            type: "integer",
            default: DEFAULT_LOGS_MAX_BLOCK_RANGE.value,
            range: [0, 10_000_000],
            note: "0: no cap",
        },
        defaultDoc: `${DEFAULT_LOGS_MAX_BLOCK_RANGE.value.toLocaleString("en-US")} (reth's own cap; geth is given the same)`,
        readBy: "domain/containers.ts",
        shapes: "the blocks one `eth_getLogs` filter may span (`to − from`), the same on every pair: geth `--rpc.rangelimit`, reth `--rpc.max-blocks-per-filter`; neither caps the logs in a response",
    },
    rpcAllowedCidrs: {
        key: "rpcAllowedCidrs",
        defaultDoc: "none",
        allowedDoc:
            "list of private CIDRs (RFC 1918 / RFC 4193) inside the node's VPC (checked at preview against its ranges) that may call 8545/8546 besides the access group",
        readBy: "components/service/securityGroups.ts",
        shapes: "node security group",
    },
    checkpointSyncUrls: {
        key: "checkpointSyncUrls",
        defaultDoc: "the client's known public endpoints",
        allowedDoc: "list of https URLs, tried in order",
        readBy: "domain/containers.ts",
        shapes: "the consensus entrypoint",
    },
    checkpointConfirmations: {
        key: "checkpointConfirmations",
        rule: {
            type: "integer",
            default: 1,
            range: [0, 10],
            note: "0: trust the first that answers",
        },
        readBy: "domain/containers.ts",
        shapes: "how many other `checkpointSyncUrls` must confirm the chosen provider's finalized checkpoint (the same block at the same epoch, or the block held) before a consensus client syncs from it (fewer URLs than this + 1 are refused)",
    },
} satisfies Record<string, KeySpec>;
