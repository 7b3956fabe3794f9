import { port, ENGINE_API_PORT } from "./ports";
import { ConsensusClient, RunContext, BEACON_API_PORT, CL_METRICS_PORT } from "./clientTypes";
import { testnetDisk } from "./disk";

/** Consensus clients, pinned; each figure carries its source beside it. */

export const CONSENSUS_CLIENTS = {
    lighthouse: {
        displayName: "Lighthouse",
        // lighthouse Dockerfile: FROM ubuntu:22.04.
        image: { repository: "sigp/lighthouse", tag: "v8.2.2", family: "ubuntu" },
        launch: {
            binary: "lighthouse",
            externalIpFlag: "--enr-address={ip}",
            checkpointSyncFlag: "--checkpoint-sync-url={url}",
            // lighthouse creates <datadir>/beacon at the start of its configuration, before any download.
            databaseDir: "beacon",
        },
        minMemoryMiB: 4 * 1024,
        memoryAtHeadMiB: {
            value: 14 * 1024,
            source: "eth-docker ResourceUsage.md (lighthouse 8.1.3, Apr 2026): ~14 GiB",
        },
        peerArgs: (count: number) => ["--target-peers", String(count)],
        defaultPeers: {
            value: 200,
            source: "lighthouse's own default: beacon_node/lighthouse_network/src/peer_manager/config.rs DEFAULT_TARGET_PEERS = 200 (sigp/lighthouse commit da6b0c1, v8 series; it was 100 in 2024)",
        },
        egressPerPeer: {
            lowGiB: 4.5,
            highGiB: 4.5,
            source: "philipmw/eth-staking-on-aws: lighthouse alone sent ~11 MB/min (482 GB/month); its peer count is not given, lighthouse's then default of 100 is assumed",
        },
        stopTimeoutSeconds: 120,
        beaconApiPort: BEACON_API_PORT,
        diskGiB: {
            mainnet: {
                measuredGiB: 20,
                measuredOn: "2026-04",
                source: "eth-docker ResourceUsage.md (lighthouse 8.1.3): ~20 GiB, default blob window",
                // Blobs are pruned after a fixed window, so only the finalized-state store grows.
                growthGiBPerMonth: 1,
                growthSource: "estimate: no published rate; blobs are pruned after a fixed window",
            },
            ...testnetDisk(80, 60),
        },
        checkpointSyncUrls: {
            mainnet: [
                "https://mainnet.checkpoint.sigp.io",
                "https://beaconstate.ethstaker.cc",
                "https://sync-mainnet.beaconcha.in",
            ],
            sepolia: ["https://sepolia.checkpoint.sigp.io"],
            hoodi: ["https://hoodi.checkpoint.sigp.io"],
        },
        ports: [
            port("cl-p2p-tcp", 9000, "tcp", "libp2p", "public"),
            port("cl-p2p-udp", 9000, "udp", "discv5", "public"),
            port("cl-quic", 9001, "udp", "libp2p QUIC", "public"),
            port("beacon-api", BEACON_API_PORT, "tcp", "beacon node REST API"),
            port("cl-metrics", CL_METRICS_PORT, "tcp", "consensus client Prometheus metrics"),
        ],
        livenessCommand: `curl -sf -m 5 -o /dev/null http://127.0.0.1:${BEACON_API_PORT}/eth/v1/node/version || exit 1`,
        args: (ctx: RunContext) => [
            "bn",
            "--network",
            ctx.network,
            "--datadir",
            ctx.dataDir,
            "--execution-endpoint",
            `http://127.0.0.1:${ENGINE_API_PORT}`,
            "--execution-jwt",
            ctx.jwtPath,
            "--listen-address",
            "0.0.0.0",
            "--port",
            "9000",
            "--quic-port",
            "9001",
            "--disable-upnp",
            "--http",
            "--http-address",
            "127.0.0.1",
            "--http-port",
            String(BEACON_API_PORT),
            "--metrics",
            "--metrics-address",
            "127.0.0.1",
            "--metrics-port",
            String(CL_METRICS_PORT),
        ],
    },
} satisfies Record<string, ConsensusClient>;
