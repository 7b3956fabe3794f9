import * as pulumi from "@pulumi/pulumi";
import { loadConfig } from "./config";
import { preflight } from "./domain/preflight";
import { awsLookups } from "./components/awsLookups";
import { deployedState } from "./components/deployedState";
import { resolveNetwork } from "./components/network";
import { newestStackSnapshot } from "./components/snapshots";
import { SyncBoostProfile } from "./components/syncBoostProfile";
import { ChainVolume } from "./components/chainVolume";
import { ParityImage } from "./components/parityImage";
import { ParityService } from "./components/parityService";
import { PrivateEndpointDns } from "./components/privateEndpointDns";
import { STACK_TAG, stackTagValue } from "./catalog/tags";

/** Composes the node: one pre-flight check of everything, then the five components and the outputs. */
async function main() {
    // Every config, sizing and AWS problem is reported at once, before anything is registered.
    const spec = await preflight(loadConfig(), awsLookups, await deployedState());
    spec.warnings.forEach((w) => void pulumi.log.warn(w));
    const { config, active } = spec;
    const stackId = stackTagValue(config.project, config.stack);
    const tags = {
        [STACK_TAG]: stackId,
        "parity:network": config.network,
        "parity:client": config.client.name,
        "parity:nodeMode": config.nodeMode,
    };

    const sizing = new SyncBoostProfile("sizing", { resolved: active, memory: spec.memory });
    const deployedNodes = spec.deployedNodeCount;
    // A node that joins later starts from the stack's newest snapshot when no restore source is set.
    const newestSnapshot =
        spec.zones.length > 1 && !config.chainSnapshotId ? newestStackSnapshot(stackId) : undefined;
    const nodes = spec.zones.map((availabilityZone, i) => {
        const key = i === 0 ? undefined : `n${i + 1}`;
        const chain = new ChainVolume(key ? `chain-${key}` : "chain", {
            availabilityZone,
            volume: sizing.spec.volume,
            snapshotId: config.chainSnapshotId,
            seedSnapshotId: key ? newestSnapshot : undefined,
            node: key,
            pinsRestoreSource: i === 0,
            snapshots: {
                intervalHours: config.snapshotIntervalHours,
                retainCount: config.snapshotRetainCount,
            },
            stackId,
            tags,
        });
        return { key, availabilityZone, chain, deployed: i < deployedNodes };
    });
    const network = resolveNetwork(config, spec.zones);
    const endpoint = new PrivateEndpointDns("endpoint", {
        dnsName: config.dnsName,
        privateZone: config.privateZone,
        vpcId: network.vpcId,
        tags,
    });
    const image = new ParityImage("image", {
        client: config.client,
        contextDir: `${__dirname}/docker`,
        monitorBuildDir: `${__dirname}/.build/monitor`,
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
        nodes: nodes.map((n, i) => ({
            name: n.key ? `node-${n.key}` : "node",
            subnetId: network.subnetIds[i]!,
            chainVolumeId: n.chain.volumeId,
            volumeTagValue: n.chain.volumeTagValue,
            deployed: n.deployed,
        })),
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
        readiness: { maxHeadAgeSeconds: config.maxHeadAgeSeconds, minPeers: config.minPeers },
        diskAlarmPercent: spec.diskAlarmPercent,
        referenceRpcUrls: config.referenceRpcUrls,
        alertEmail: config.alertEmail,
        zoneId: endpoint.zoneId,
        dnsName: config.dnsName,
        logRetentionDays: config.logRetentionDays,
        tags,
    });
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
        repositoryUrl: image.repositoryUrl,
        executionImage: image.executionImage,
        consensusImage: image.consensusImage,
        monitorImage: image.monitorImage,
        clusterName: node.clusterName,
        serviceName: node.serviceName,
        alertTopicArn: node.alertTopicArn,
        dashboardName: node.dashboardName,
        nodeSecurityGroupId: node.nodeSecurityGroupId,
        accessSecurityGroupId: node.accessSecurityGroupId,
        zoneId: endpoint.zoneId,
        nameServers: endpoint.nameServers,
        nameServersCsv: endpoint.nameServers.apply((ns) => ns.join(",")),
        rpcUrl: endpoint.rpcUrl,
        wsUrl: endpoint.wsUrl,
    };
}

export = main();
