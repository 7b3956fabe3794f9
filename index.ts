import { loadConfig, ConfigValidationError } from "./config";
import {
    SyncBoostProfile,
    checkInstanceMemory,
    awsInstanceMemory,
} from "./components/syncBoostProfile";
import { ChainVolume } from "./components/chainVolume";
import { ParityImage } from "./components/parityImage";
import { ParityService, checkSubnet, awsSubnet } from "./components/parityService";
import { PrivateEndpointDns } from "./components/privateEndpointDns";
import { resolveNetwork } from "./lib/network";
import { STACK_TAG } from "./catalog/tags";

/** Composes the node: validated config first, then the five components, then the stack outputs. */
async function main() {
    const config = loadConfig();
    // Instance types and the subnet are checked against AWS before anything is registered.
    const memory = await checkInstanceMemory(config.resolved, config.region, awsInstanceMemory);
    const subnetProblems =
        config.subnetId && config.vpcId
            ? await checkSubnet(config.subnetId, config.vpcId, config.availabilityZone, awsSubnet)
            : [];
    if (memory.problems.length + subnetProblems.length > 0) {
        throw new ConfigValidationError([...memory.problems, ...subnetProblems], config.project);
    }
    const active = config.resolved[config.profile];
    const stackId = `${config.project}/${config.stack}`;
    const tags = {
        [STACK_TAG]: stackId,
        "parity:network": config.network,
        "parity:client": config.client.name,
        "parity:nodeMode": config.nodeMode,
    };

    const sizing = new SyncBoostProfile("sizing", {
        profile: config.profile,
        client: config.client,
        network: config.network,
        nodeMode: config.nodeMode,
        overrides: config.profiles[config.profile],
        hasSnapshot: config.chainSnapshotId !== undefined,
        instanceMemoryMiB: memory.memoryMiB[active.instanceType] ?? active.requiredMemoryMiB,
    });
    const chain = new ChainVolume("chain", {
        availabilityZone: config.availabilityZone,
        volume: sizing.spec.volume,
        snapshotId: config.chainSnapshotId,
        snapshots: {
            intervalHours: config.snapshotIntervalHours,
            retainCount: config.snapshotRetainCount,
        },
        volumeTagValue: stackId,
        tags,
    });
    const network = resolveNetwork(config);
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
        vpcId: network.vpcId,
        subnetId: network.subnetId,
        availabilityZone: chain.availabilityZone,
        instanceType: sizing.spec.instanceType,
        memory: sizing.memory,
        images: {
            execution: image.executionImage,
            consensus: image.consensusImage,
            monitor: image.monitorImage,
            repositoryArn: image.repositoryArn,
        },
        chainVolumeId: chain.volumeId,
        stackId,
        readiness: { maxHeadAgeSeconds: config.maxHeadAgeSeconds, minPeers: config.minPeers },
        referenceRpcUrls: config.referenceRpcUrls,
        alertEmail: config.alertEmail,
        zoneId: endpoint.zoneId,
        dnsName: config.dnsName,
        logRetentionDays: config.logRetentionDays,
        tags,
    });

    return {
        profile: config.profile,
        instanceType: sizing.instanceType,
        volume: sizing.volume,
        chainVolumeId: chain.volumeId,
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
