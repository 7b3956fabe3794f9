import { expect } from "chai";
import { runProgram, one } from "./helpers";

const ZONE = "aws:route53/zone:Zone";

describe("PrivateEndpointDns in the program", () => {
    it("creates a private zone for dnsName by default, in the default VPC, which destroy can remove with its record", async () => {
        const { world } = await runProgram({});
        const zone = one(world, ZONE).inputs;
        expect(zone.name).to.equal("rpc.eth.acme-chain.net");
        expect(zone.vpcs).to.deep.equal([{ vpcId: "vpc-0default0000000000" }]);
        expect(zone.forceDestroy).to.equal(true);
    });

    it("creates a public zone only when privateZone is false", async () => {
        const { world } = await runProgram({ privateZone: "false" });
        expect(one(world, ZONE).inputs.vpcs).to.equal(undefined);
    });

    it("associates the private zone with a configured VPC", async () => {
        const { world } = await runProgram({
            vpcId: "vpc-0123456789abcdef0",
            subnetId: "subnet-0123456789abcdef0",
        });
        expect(one(world, ZONE).inputs.vpcs).to.deep.equal([{ vpcId: "vpc-0123456789abcdef0" }]);
    });

    it("exports what the seed exported: name servers (list and joined), zone, access group, and the URLs", async () => {
        const { outputs } = await runProgram({});
        expect(outputs.nameServers).to.deep.equal(["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"]);
        expect(outputs.nameServersCsv).to.equal("ns-1.awsdns-01.org,ns-2.awsdns-02.net");
        expect(outputs.zoneId).to.equal("ZENDPOINT-ZONE");
        expect(outputs.accessSecurityGroupId).to.equal("node-access-id");
        expect(outputs.rpcUrl).to.equal("http://rpc.eth.acme-chain.net:8545");
        expect(outputs.wsUrl).to.equal("ws://rpc.eth.acme-chain.net:8546");
    });
});
