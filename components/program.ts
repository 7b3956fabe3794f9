import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { loadConfig, StackConfig } from "../config";
import { NodeSpec, preflight } from "../domain/preflight";
import { DeploymentPlan } from "../domain/deployment";
import { awsLookups } from "./awsLookups";
import { deployedState, DeploymentOutput } from "./deployedState";
import { NodeNetwork, resolveNetwork } from "./network";
import { newestStackSnapshot } from "./snapshots";
import { seedableSnapshotTags } from "../domain/volumeContents";
import { SyncBoostProfile } from "./syncBoostProfile";
import { ChainVolume } from "./chainVolume";
import { ParityImage } from "./parityImage";
import { ParityService } from "./parityService";
import { PrivateEndpointDns } from "./privateEndpointDns";
import { CLIENT_TAG, NETWORK_TAG, NODE_MODE_TAG, STACK_TAG, stackTagValue } from "../catalog/tags";

/** The stack's tags: its id and what its volumes and snapshots hold (network, client pair, mode). */
function stackTags(config: StackConfig) {
    const stackId = stackTagValue(config.project, config.stack);
    // A node that joins later is seeded only from a snapshot whose tags say it can use its database.
    const tags = {
        [STACK_TAG]: stackId,
        [NETWORK_TAG]: config.network,
        [CLIENT_TAG]: config.client.name,
        [NODE_MODE_TAG]: config.nodeMode,
    };
    return { stackId, tags };
}

/** One chain volume per planned node, under the names and sources the deployment plan chose. */
function createChainVolumes(
    spec: NodeSpec,
    sizing: SyncBoostProfile,
    ids: ReturnType<typeof stackTags>,
) {
    const { config, deployment } = spec;
    // A node that joins later starts from the stack's newest snapshot when no restore source is set.
    const newestSnapshot =
        deployment.balanced && !config.chainSnapshotId
            ? newestStackSnapshot(ids.stackId, seedableSnapshotTags(config))
            : undefined;
    return deployment.nodes.map((planned) => {
        const chain = new ChainVolume(planned.chainName, {
            availabilityZone: planned.zone,
            volume: sizing.spec.volume,
            snapshotId: config.chainSnapshotId,
            generation: planned.generation,
            seedSnapshotId: planned.key ? newestSnapshot : undefined,
            node: planned.key,
            pinsRestoreSource: planned.index === 0,
            snapshots: {
                intervalHours: config.snapshotIntervalHours,
                retainCount: config.snapshotRetainCount,
            },
            stackId: ids.stackId,
            tags: ids.tags,
        });
        return { planned, chain };
    });
}

/** What the next run's pre-flight reads back: each node's zone, volume and contents, the balancer's zones. */
function deploymentOutput(
    nodes: ReturnType<typeof createChainVolumes>,
    deployment: DeploymentPlan,
    config: StackConfig,
    image: ParityImage,
): DeploymentOutput {
    return {
        nodes: nodes.map(({ planned, chain }) => ({
            key: planned.key ?? "",
            zone: planned.zone,
            volumeId: chain.volumeId,
            source: planned.source,
            ...(planned.generation ? { generation: planned.generation } : {}),
            contents: planned.contents,
        })),
        balancerZones: deployment.balancerZones,
        releases: {
            execution: config.releases.execution.version,
            consensus: config.releases.consensus.version,
        },
        images: image.upstreamImages,
    };
}

/** The node or nodes: ParityService over the volumes, images, network and name made before it. */
function createService(
    spec: NodeSpec,
    parts: {
        sizing: SyncBoostProfile;
        nodes: ReturnType<typeof createChainVolumes>;
        network: NodeNetwork;
        image: ParityImage;
        endpoint: PrivateEndpointDns;
        ids: ReturnType<typeof stackTags>;
    },
): ParityService {
    const { config, deployment } = spec;
    const { sizing, network, image } = parts;
    return new ParityService("node", {
        client: config.client,
        network: config.network,
        nodeMode: config.nodeMode,
        rpcApis: config.rpcApis,
        logsFrom: config.logsFrom,
        logsMaxBlockRange: config.logsMaxBlockRange,
        rpcAllowedCidrs: config.rpcAllowedCidrs,
        checkpointSyncUrls: config.checkpointSyncUrls,
        checkpointConfirmations: config.checkpointConfirmations,
        peers: config.peers,
        vpcId: network.vpcId,
        nodes: parts.nodes.map(({ planned, chain }, i) => ({
            name: planned.name,
            subnetId: network.subnetIds[i]!,
            chainVolumeId: chain.volumeId,
            deployed: planned.deployed,
        })),
        balancerSubnetIds: deployment.balanced ? network.balancerSubnetIds : undefined,
        instanceType: sizing.spec.instanceType,
        architecture: spec.architecture,
        memory: sizing.memory,
        images: {
            execution: image.executionImage,
            consensus: image.consensusImage,
            monitor: image.monitorImage,
            repositoryArn: image.repositoryArn,
            repositoryName: image.repositoryName,
        },
        stackId: parts.ids.stackId,
        identity: { project: config.project, stack: config.stack },
        readiness: { maxHeadAgeSeconds: config.maxHeadAgeSeconds, minPeers: config.minPeers },
        diskAlarmPercent: spec.diskAlarmPercent,
        referenceRpcUrls: config.referenceRpcUrls,
        alertEmail: config.alertEmail,
        zoneId: parts.endpoint.zoneId,
        dnsName: config.dnsName,
        logRetentionDays: config.logRetentionDays,
        awsProvider: config.awsProvider,
        tags: parts.ids.tags,
    });
}

/**
 * The program: one pre-flight check of everything, then the five components and the outputs. The
 * entry point (index.ts) hands it to the Pulumi runtime; the offline engine imports and runs it.
 */
export async function runNode() {
    // Every config, sizing and AWS problem is reported at once, before anything is registered.
    const reading = loadConfig();
    const { project, stack } = reading.config;
    const self = { organization: pulumi.getOrganization(), project, stack };
    const spec = await preflight(reading, awsLookups, await deployedState(self));
    spec.warnings.forEach((w) => void pulumi.log.warn(w));
    const { config, deployment } = spec;
    const ids = stackTags(config);
    const sizing = new SyncBoostProfile("sizing", { resolved: spec.active, memory: spec.memory });
    const nodes = createChainVolumes(spec, sizing, ids);
    const network = resolveNetwork(config, {
        nodes: deployment.nodes.map((n) => n.zone),
        balancer: deployment.balancerZones,
    });
    const endpoint = new PrivateEndpointDns("endpoint", {
        dnsName: config.dnsName,
        privateZone: config.privateZone,
        vpcId: network.vpcId,
        stack: config.stack,
        tags: ids.tags,
    });
    const image = new ParityImage("image", {
        client: config.client,
        contextDir: path.join(__dirname, "..", "docker"),
        monitorBuildDir: path.join(__dirname, "..", ".build", "monitor"),
        platforms: spec.platforms,
        keepImages: 10,
        upstream: spec.upstream,
        tags: ids.tags,
    });
    const node = createService(spec, { sizing, nodes, network, image, endpoint, ids });
    const chain = nodes[0]!.chain;
    return {
        profile: config.profile,
        instanceType: sizing.instanceType,
        volume: sizing.volume,
        chainVolumeId: chain.volumeId,
        // Read back by the next run's pre-flight (components/deployedState.ts).
        chainVolumeSource: config.chainSnapshotId ?? "fresh",
        chainVolumeSizeGiB: sizing.spec.volume.sizeGiB,
        nodeCount: nodes.length,
        chainVolumeIds: nodes.map((n) => n.chain.volumeId),
        deployment: deploymentOutput(nodes, deployment, config, image),
        repositoryUrl: image.repositoryUrl,
        executionImage: image.executionImage,
        consensusImage: image.consensusImage,
        monitorImage: image.monitorImage,
        clusterName: node.clusterName,
        serviceName: node.serviceName,
        alertTopicArn: node.alertTopicArn,
        dashboardName: node.dashboardName,
        logGroupName: node.logGroupName,
        targetGroupArns: node.targetGroupArns,
        nodeSecurityGroupId: node.nodeSecurityGroupId,
        accessSecurityGroupId: node.accessSecurityGroupId,
        zoneId: endpoint.zoneId,
        nameServers: endpoint.nameServers,
        nameServersCsv: endpoint.nameServers.apply((ns) => ns.join(",")),
        rpcUrl: endpoint.rpcUrl,
        wsUrl: endpoint.wsUrl,
    };
}
