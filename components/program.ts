import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { loadConfig } from "../config";
import { preflight } from "../domain/preflight";
import { awsLookups } from "./awsLookups";
import { deployedState, DeploymentOutput } from "./deployedState";
import { resolveNetwork } from "./network";
import { newestStackSnapshot } from "./snapshots";
import { SyncBoostProfile } from "./syncBoostProfile";
import { ChainVolume } from "./chainVolume";
import { ParityImage } from "./parityImage";
import { ParityService } from "./parityService";
import { PrivateEndpointDns } from "./privateEndpointDns";
import { CLIENT_TAG, NETWORK_TAG, NODE_MODE_TAG, STACK_TAG, stackTagValue } from "../catalog/tags";

/**
 * The program: one pre-flight check of everything, then the five components and the outputs. The
 * entry point (index.ts) hands it to the Pulumi runtime; the offline engine imports and runs it.
 */
export async function runNode() {
    // Every config, sizing and AWS problem is reported at once, before anything is registered.
    const spec = await preflight(loadConfig(), awsLookups, await deployedState());
    spec.warnings.forEach((w) => void pulumi.log.warn(w));
    const { config, active, deployment } = spec;
    const stackId = stackTagValue(config.project, config.stack);
    // What the volumes and snapshots hold; a node that joins later is seeded only from a match.
    const contentsTags = {
        [NETWORK_TAG]: config.network,
        [CLIENT_TAG]: config.client.name,
        [NODE_MODE_TAG]: config.nodeMode,
    };
    const tags = { [STACK_TAG]: stackId, ...contentsTags };

    const sizing = new SyncBoostProfile("sizing", { resolved: active, memory: spec.memory });
    // A node that joins later starts from the stack's newest snapshot when no restore source is set.
    const newestSnapshot =
        deployment.balanced && !config.chainSnapshotId
            ? newestStackSnapshot(stackId, contentsTags)
            : undefined;
    const nodes = deployment.nodes.map((planned) => {
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
            stackId,
            tags,
        });
        return { planned, chain };
    });
    const network = resolveNetwork(config, {
        nodes: deployment.nodes.map((n) => n.zone),
        balancer: deployment.balancerZones,
    });
    const endpoint = new PrivateEndpointDns("endpoint", {
        dnsName: config.dnsName,
        privateZone: config.privateZone,
        vpcId: network.vpcId,
        stack: config.stack,
        tags,
    });
    const image = new ParityImage("image", {
        client: config.client,
        contextDir: path.join(__dirname, "..", "docker"),
        monitorBuildDir: path.join(__dirname, "..", ".build", "monitor"),
        platforms: spec.platforms,
        keepImages: 10,
        tags,
    });
    const node = new ParityService("node", {
        client: config.client,
        network: config.network,
        nodeMode: config.nodeMode,
        rpcApis: config.rpcApis,
        rpcAllowedCidrs: config.rpcAllowedCidrs,
        checkpointSyncUrls: config.checkpointSyncUrls,
        peers: config.peers,
        vpcId: network.vpcId,
        nodes: nodes.map(({ planned, chain }, i) => ({
            name: planned.name,
            subnetId: network.subnetIds[i]!,
            chainVolumeId: chain.volumeId,
            volumeTagValue: chain.volumeTagValue,
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
        },
        stackId,
        identity: { project: config.project, stack: config.stack },
        readiness: { maxHeadAgeSeconds: config.maxHeadAgeSeconds, minPeers: config.minPeers },
        diskAlarmPercent: spec.diskAlarmPercent,
        referenceRpcUrls: config.referenceRpcUrls,
        alertEmail: config.alertEmail,
        zoneId: endpoint.zoneId,
        dnsName: config.dnsName,
        logRetentionDays: config.logRetentionDays,
        awsProvider: config.awsProvider,
        tags,
    });
    const chain = nodes[0]!.chain;
    const deployed: DeploymentOutput = {
        nodes: nodes.map(({ planned, chain }) => ({
            key: planned.key ?? "",
            zone: planned.zone,
            volumeId: chain.volumeId,
            source: planned.source,
            ...(planned.generation ? { generation: planned.generation } : {}),
            contents: planned.contents,
        })),
        balancerZones: deployment.balancerZones,
    };

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
        // Read back by the next run's pre-flight: each node's zone and what its volume holds.
        deployment: deployed,
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
