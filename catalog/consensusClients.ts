import { port, ENGINE_API_PORT } from "./ports";
import {
    ConsensusClient,
    RunContext,
    Sourced,
    BEACON_API_PORT,
    CL_METRICS_PORT,
} from "./clientTypes";
import { testnetDisk } from "./disk";
import { LIGHTHOUSE_RELEASES } from "./releases/lighthouse";
import { TEKU_RELEASES } from "./releases/teku";

/**
 * The fewest peers a beacon node's gossip can work with, whichever client: gossipsub keeps each
 * topic's mesh between D_low and D_high peers and, below D_low, keeps grafting and never settles.
 * A floor only: it does not show that a node with this many peers stays at head.
 */
export const GOSSIP_MESH_LOW: Sourced<number> & { name: string } = {
    value: 6,
    name: "gossipsub's mesh low watermark D_low",
    source: "consensus-specs phase0/p2p-interface.md:503-505 (ethereum/consensus-specs a08d8a6): gossipsub D 8, D_low 6, D_high 12; these peers must also cover the SAMPLES_PER_SLOT = 8 column subnets a non-validating node samples (fulu/das-core.md:162), so more are needed in practice",
};

/** teku's DEFAULT_P2P_PEERS_LOWER_BOUND (DiscoveryConfig.java, Consensys/teku 26.8.0). */
const TEKU_DEFAULT_LOWER_BOUND = 64;

/**
 * Checkpoint-sync servers answer the standard beacon API, so every consensus client can use them
 * (eth-clients/checkpoint-sync-endpoints endpoints/mainnet.yaml, sepolia.yaml at 1602279, hoodi.yaml
 * at 22cc666). At least two per network: a provider's checkpoint is used only once another confirms it.
 */
const CHECKPOINT_SYNC_URLS = {
    mainnet: [
        "https://mainnet.checkpoint.sigp.io",
        "https://beaconstate.ethstaker.cc",
        "https://sync-mainnet.beaconcha.in",
    ],
    sepolia: [
        "https://sepolia.checkpoint.sigp.io",
        "https://checkpoint-sync.sepolia.ethpandaops.io",
    ],
    hoodi: ["https://hoodi.checkpoint.sigp.io", "https://hoodi.beaconstate.ethstaker.cc"],
};

/**
 * What the consensus clients share: the standard beacon API, its checkpoint servers, and the ports:
 * both listen for libp2p on 9000 (TCP), discv5 on 9000 (UDP) and QUIC on 9001 by default.
 */
const beaconNode = () => ({
    beaconApiPort: BEACON_API_PORT,
    checkpointSyncUrls: CHECKPOINT_SYNC_URLS,
    ports: [
        port("cl-p2p-tcp", 9000, "tcp", "libp2p", "public"),
        port("cl-p2p-udp", 9000, "udp", "discv5", "public"),
        port("cl-quic", 9001, "udp", "libp2p QUIC", "public"),
        port("beacon-api", BEACON_API_PORT, "tcp", "beacon node REST API"),
        port("cl-metrics", CL_METRICS_PORT, "tcp", "consensus client Prometheus metrics"),
    ],
    livenessCommand: `curl -sf -m 5 -o /dev/null http://127.0.0.1:${BEACON_API_PORT}/eth/v1/node/version || exit 1`,
});

/**
 * A consensus database: measured on mainnet in April 2026; blobs are pruned after a fixed window,
 * so only the finalized-state store grows.
 */
const consensusDisk = (mainnetGiB: number, source: string) => ({
    mainnet: {
        measuredGiB: mainnetGiB,
        measuredOn: "2026-04",
        source,
        growthGiBPerMonth: 1,
        growthSource: "estimate: no published rate; blobs are pruned after a fixed window",
    },
    ...testnetDisk(80, 60),
});

/** Consensus clients, pinned; each figure carries its source beside it. */
export const CONSENSUS_CLIENTS = {
    lighthouse: {
        displayName: "Lighthouse",
        // lighthouse Dockerfile: FROM ubuntu:22.04.
        image: { repository: "sigp/lighthouse", tag: LIGHTHOUSE_RELEASES.pin, family: "ubuntu" },
        launch: {
            binary: "lighthouse",
            externalIpFlag: "--enr-address={ip}",
            checkpointSyncFlag: "--checkpoint-sync-url={url}",
            // lighthouse creates <datadir>/beacon at the start of its configuration, before any download.
            databaseDir: "beacon",
        },
        releases: LIGHTHOUSE_RELEASES,
        minMemoryMiB: 4 * 1024,
        memoryAtHeadMiB: {
            value: 14 * 1024,
            // One measurement (the same table said ~5 GiB in 2024). Lighthouse's own book asks for
            // 32 GB with an execution client and calls 16 GB "rather limited" (book/src/installation.md,
            // commit 2e0eb6d, last updated April 2023): with geth, 32 GiB either way.
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
        diskGiB: consensusDisk(
            20,
            "eth-docker ResourceUsage.md (lighthouse 8.1.3): ~20 GiB, default blob window",
        ),
        ...beaconNode(),
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
    teku: {
        displayName: "Teku",
        // Consensys/teku docker/jdk25/Dockerfile (26.8.0): FROM ubuntu:24.04, with curl; the image
        // tag is a manifest of arm64 and amd64 builds (build.gradle manifestDocker).
        image: { repository: "consensys/teku", tag: TEKU_RELEASES.pin, family: "ubuntu" },
        launch: {
            // On PATH through the image's ENV PATH=/opt/teku/bin.
            binary: "teku",
            externalIpFlag: "--p2p-advertised-ip={ip}",
            checkpointSyncFlag: "--checkpoint-sync-url={url}",
            // Storage opens <data-path>/beacon/db before the initial state is fetched; with a
            // stored chain the checkpoint URL is ignored (BeaconChainController.java:669-674).
            databaseDir: "beacon/db",
            // A restore from an old snapshot, or weeks stopped: teku exits instead of resuming.
            staleDatabase: {
                value: "Cannot sync outside of weak subjectivity period",
                source: "teku 26.8.0 services/beaconchain/src/main/java/tech/pegasys/teku/services/beaconchain/WeakSubjectivityInitializer.java:177",
            },
        },
        releases: TEKU_RELEASES,
        // A soft reservation for placement: the JVM sizes its heap from the memory it sees.
        minMemoryMiB: 4 * 1024,
        memoryAtHeadMiB: {
            value: 10 * 1024,
            source: "eth-docker ResourceUsage.md (teku 26.4.0, Apr 2026): ~10 GiB",
        },
        // Teku targets a range; the lower bound may not exceed the upper.
        peerArgs: (count: number) => [
            `--p2p-peer-upper-bound=${count}`,
            `--p2p-peer-lower-bound=${Math.min(count, TEKU_DEFAULT_LOWER_BOUND)}`,
        ],
        defaultPeers: {
            value: 100,
            source: "teku's own default: networking/p2p/.../discovery/DiscoveryConfig.java DEFAULT_P2P_PEERS_UPPER_BOUND = 100 (Consensys/teku 26.8.0)",
        },
        egressPerPeer: {
            lowGiB: 4.5,
            highGiB: 4.5,
            source: "no teku measurement found; gossip volume is the protocol's, so lighthouse's figure per peer is assumed (philipmw/eth-staking-on-aws: ~482 GB/month at 100 peers); against it, teku full nodes used 80–100 Mbps and lighthouse ~20 on a PeerDAS devnet at 72 blobs a block (Sunnyside Labs, 2025-06, quoted in Consensys/teku#9745, open), a devnet figure that is not scaled to mainnet here",
        },
        stopTimeoutSeconds: 120,
        diskGiB: consensusDisk(
            80,
            "eth-docker ResourceUsage.md (teku 26.4.0): ~80 GiB, default blob window",
        ),
        ...beaconNode(),
        // Teku's command is the beacon node itself: no subcommand. Booleans take `=true`, as an
        // option of arity 0..1 would otherwise read the next word.
        args: (ctx: RunContext) => [
            `--network=${ctx.network}`,
            `--data-path=${ctx.dataDir}`,
            `--ee-endpoint=http://127.0.0.1:${ENGINE_API_PORT}`,
            `--ee-jwt-secret-file=${ctx.jwtPath}`,
            "--p2p-interface=0.0.0.0",
            "--p2p-port=9000",
            "--p2p-quic-port=9001",
            // The image sets TEKU_REST_API_INTERFACE and TEKU_METRICS_INTERFACE to 0.0.0.0; teku
            // reads an environment variable only for an option the command line leaves out. Its
            // default host allowlist (127.0.0.1, localhost) admits the monitor and the health
            // check, which call 127.0.0.1.
            "--rest-api-enabled=true",
            "--rest-api-interface=127.0.0.1",
            `--rest-api-port=${BEACON_API_PORT}`,
            "--metrics-enabled=true",
            "--metrics-interface=127.0.0.1",
            `--metrics-port=${CL_METRICS_PORT}`,
        ],
    },
} satisfies Record<string, ConsensusClient>;
