import { loadConfig, ConfigValidationError } from "./config";
import { SyncBoostProfile, checkInstanceMemory, awsInstanceMemory } from "./components/syncBoostProfile";
import { ChainVolume } from "./components/chainVolume";
import { ParityImage } from "./components/parityImage";
import { ParityService } from "./components/parityService";
import { PrivateEndpointDns } from "./components/privateEndpointDns";

/** Composes the node: validated config first, then the five components, then the stack outputs. */
async function main() {
    const config = loadConfig();
    // Instance types are checked against AWS data for both profiles before anything is registered.
    const memory = await checkInstanceMemory(config.resolved, config.region, awsInstanceMemory);
    if (memory.problems.length > 0) {
        throw new ConfigValidationError(memory.problems, config.project);
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
        vpcId: config.vpcId,
        subnetId: config.subnetId,
        availabilityZone: chain.availabilityZone,
        instanceType: sizing.spec.instanceType,
        tags,
    });
    const endpoint = new PrivateEndpointDns("endpoint", { dnsName: config.dnsName, privateZone: false, vpcId: node.vpcId, tags });

    return {
        profile: config.profile,
        instanceType: sizing.instanceType,
        volume: sizing.volume,
        chainVolumeId: chain.volumeId,
        repositoryUrl: image.repositoryUrl,
        clusterName: node.clusterName,
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
