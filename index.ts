import { loadConfig, ConfigValidationError } from "./config";
import { SyncBoostProfile, checkInstanceMemory, awsInstanceMemory } from "./components/syncBoostProfile";
import { ChainVolume } from "./components/chainVolume";
import { ParityImage } from "./components/parityImage";
import { ParityService, checkSubnet, awsSubnet } from "./components/parityService";
import { PrivateEndpointDns } from "./components/privateEndpointDns";

/** Composes the node: validated config first, then the five components, then the stack outputs. */
async function main() {
    const config = loadConfig();
    // Instance types and the subnet are checked against AWS before anything is registered.
    const memory = await checkInstanceMemory(config.resolved, config.region, awsInstanceMemory);
    const subnetProblems = config.subnetId && config.vpcId ? await checkSubnet(config.subnetId, config.vpcId, config.availabilityZone, awsSubnet) : [];
    if (memory.problems.length + subnetProblems.length > 0) {
        throw new ConfigValidationError([...memory.problems, ...subnetProblems], config.project);
    }
    const active = config.resolved[config.profile];
    const tags = {
        "parity:stack": `${config.project}/${config.stack}`,
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
        instanceMemoryMiB: memory.memoryMiB[active.instanceType],
    });
    const chain = new ChainVolume("chain", {
        availabilityZone: config.availabilityZone,
        volume: sizing.spec.volume,
        snapshotId: config.chainSnapshotId,
        tags,
    });
    const image = new ParityImage("image", { client: config.client, contextDir: `${__dirname}/docker`, keepImages: 10, tags });
    const node = new ParityService("node", {
        client: config.client,
        network: config.network,
        nodeMode: config.nodeMode,
        rpcApis: config.rpcApis,
        rpcAllowedCidrs: config.rpcAllowedCidrs,
        checkpointSyncUrls: config.checkpointSyncUrls,
        vpcId: config.vpcId,
        subnetId: config.subnetId,
        availabilityZone: chain.availabilityZone,
        instanceType: sizing.spec.instanceType,
        memory: sizing.memory,
        images: { execution: image.executionImage, consensus: image.consensusImage, repositoryArn: image.repositoryArn },
        chainVolumeId: chain.volumeId,
        logRetentionDays: config.logRetentionDays,
        tags,
    });
    const endpoint = new PrivateEndpointDns("endpoint", { dnsName: config.dnsName, privateZone: false, vpcId: node.vpcId, tags });

    return {
        profile: config.profile,
        instanceType: sizing.instanceType,
        volume: sizing.volume,
        chainVolumeId: chain.volumeId,
        repositoryUrl: image.repositoryUrl,
        executionImage: image.executionImage,
        consensusImage: image.consensusImage,
        clusterName: node.clusterName,
        serviceName: node.serviceName,
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
