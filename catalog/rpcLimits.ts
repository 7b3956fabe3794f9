/**
 * The gas one eth_call or eth_estimateGas may burn, the same on every pair: both clients take
 * `--rpc.gascap` and default to this, set explicitly so a release that moves its default cannot
 * move one pair's answers away from the other's.
 */
export const RPC_GAS_CAP = {
    value: 50_000_000,
    source: "go-ethereum v1.17.10 eth/ethconfig/config.go:74 RPCGasCap, cmd/utils/flags.go:653 --rpc.gascap; reth v2.5.1 crates/rpc/rpc-server-types/src/constants.rs:104 RPC_DEFAULT_GAS_CAP, crates/node/core/src/args/rpc_server.rs:581 --rpc.gascap",
};
