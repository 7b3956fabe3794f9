/**
 * The gas one eth_call or eth_estimateGas may burn, the same on every pair: both clients take
 * `--rpc.gascap` and default to this, set explicitly so a release that moves its default cannot
 * move one pair's answers away from the other's.
 */
export const RPC_GAS_CAP = {
    value: 50_000_000,
    source: "go-ethereum v1.17.10 eth/ethconfig/config.go:74 RPCGasCap, cmd/utils/flags.go:653 --rpc.gascap; reth v2.5.1 crates/rpc/rpc-server-types/src/constants.rs:104 RPC_DEFAULT_GAS_CAP, crates/node/core/src/args/rpc_server.rs:581 --rpc.gascap",
};

/**
 * The largest request body one RPC call may send, in MiB, the same on every pair: geth's own default
 * (reth's is 15). Both flags take MiB and multiply by 1024 × 1024. reth applies it to HTTP and
 * WebSocket; geth's WebSocket keeps its fixed 32 MiB read limit (rpc/websocket.go wsDefaultReadLimit),
 * which no flag sets.
 */
export const RPC_REQUEST_BODY_MIB = {
    value: 5,
    source: "go-ethereum v1.17.10 node/defaults.go:70 HTTPBodyLimit, cmd/utils/flags.go:883 --rpc.http-body-limit (×1024×1024 at :1403); reth v2.5.1 crates/node/core/src/args/rpc_server.rs:35 RPC_DEFAULT_MAX_REQUEST_SIZE_MB 15, --rpc.max-request-size (×1024×1024 in crates/rpc/rpc-builder/src/config.rs:136, for HTTP and WS at :177)",
};
