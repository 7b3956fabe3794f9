import { expect } from "chai";
import { CLIENT_PAIRS, pairPorts } from "../catalog/clients";
import { MONITOR_PORTS, port } from "../catalog/ports";
import {
    accessEgressFor,
    groupsFromResources,
    ingressFor,
    reachability,
    ruleCoversPort,
    GroupRules,
} from "../domain/exposure";
import { runProgram } from "./helpers";

const key = (p: { port: number; protocol: string }) => `${p.protocol}/${p.port}`;

describe("exposure: rules from the port table, reachability from the registered groups", () => {
    it("reads every way the provider writes a rule, as the policy pack does (domain/sgRules.ts)", () => {
        const groups = groupsFromResources([
            {
                type: "aws:ec2/securityGroup:SecurityGroup",
                name: "node",
                inputs: {},
                state: { id: "sg-n" },
            },
            {
                type: "aws:ec2/securityGroup:SecurityGroup",
                name: "access",
                inputs: {},
                state: { id: "sg-a" },
            },
            {
                type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                name: "classic",
                inputs: {
                    type: "ingress",
                    securityGroupId: "sg-n",
                    protocol: "tcp",
                    fromPort: 8545,
                    toPort: 8545,
                    cidrBlocks: ["0.0.0.0/0"],
                },
                state: {},
            },
            {
                type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                name: "vpc",
                inputs: {
                    securityGroupId: "sg-n",
                    ipProtocol: "tcp",
                    fromPort: 8546,
                    toPort: 8546,
                    cidrIpv6: "::/0",
                },
                state: {},
            },
        ]);
        const reach = reachability(groups, "node", "access", [
            { port: 8545, protocol: "tcp" },
            { port: 8546, protocol: "tcp" },
        ]);
        expect(reach.filter((r) => r.from === "internet").map(key)).to.deep.equal([
            "tcp/8545",
            "tcp/8546",
        ]);
    });

    describe("ingressFor", () => {
        it("opens a public port to the whole internet, v4 and v6", () => {
            const rules = ingressFor(port("p2p", 30303, "tcp", "devp2p", "public"), "sg-a", []);
            expect(rules).to.deep.equal([
                {
                    fromPort: 30303,
                    toPort: 30303,
                    protocol: "tcp",
                    description: "p2p: devp2p",
                    cidrBlocks: ["0.0.0.0/0"],
                    ipv6CidrBlocks: ["::/0"],
                },
            ]);
        });

        it("opens an access port to the access group, plus listed CIDRs split by family", () => {
            const rules = ingressFor(port("rpc", 8545, "tcp", "rpc", "access"), "sg-a", [
                "10.0.0.0/8",
                "fd00::/8",
            ]);
            expect(
                rules.map((r) => [r.securityGroups, r.cidrBlocks, r.ipv6CidrBlocks]),
            ).to.deep.equal([
                [["sg-a"], undefined, undefined],
                [undefined, ["10.0.0.0/8"], ["fd00::/8"]],
            ]);
        });

        it("opens nothing for a port not marked otherwise (host only is the default)", () => {
            expect(
                ingressFor(port("metrics", 6060, "tcp", "metrics"), "sg-a", ["10.0.0.0/8"]),
            ).to.deep.equal([]);
        });
    });

    describe("ruleCoversPort (shared with the policy pack)", () => {
        const rule = (protocol: string, fromPort?: number, toPort?: number) => ({
            protocol,
            fromPort,
            toPort,
        });
        it("reads protocol names and AWS's numbers alike, in any case", () => {
            expect(ruleCoversPort(rule("TCP", 8545, 8545), 8545, "tcp")).to.equal(true);
            expect(ruleCoversPort(rule("6", 8545, 8545), 8545, "tcp")).to.equal(true);
            expect(ruleCoversPort(rule("17", 9000, 9000), 9000, "udp")).to.equal(true);
            expect(ruleCoversPort(rule("udp", 8545, 8545), 8545, "tcp")).to.equal(false);
        });
        it("takes -1 and all as every port, and a missing range as every port of the protocol", () => {
            expect(ruleCoversPort(rule("-1", 0, 0), 8546, "tcp")).to.equal(true);
            expect(ruleCoversPort(rule("all"), 8546, "udp")).to.equal(true);
            expect(ruleCoversPort(rule("tcp"), 8546, "tcp")).to.equal(true);
            expect(ruleCoversPort(rule("tcp", 8545, 8545), 8546, "tcp")).to.equal(false);
        });
    });

    describe("reachability", () => {
        it("leaves a consumer without egress unable to reach the node (pulumi-aws drops the default egress)", () => {
            const rpc = port("rpc", 8545, "tcp", "rpc", "access");
            const groups: GroupRules[] = [
                { id: "node", name: "n", ingress: ingressFor(rpc, "access", []), egress: [] },
                { id: "access", name: "a", ingress: [], egress: [] },
            ];
            expect(reachability(groups, "n", "a", [rpc])).to.deep.equal([]);
            groups[1]!.egress = accessEgressFor([rpc], "node");
            expect(reachability(groups, "n", "a", [rpc])).to.deep.equal([
                { from: "access-group member", port: 8545, protocol: "tcp" },
            ]);
        });

        for (const [name, pair] of Object.entries(CLIENT_PAIRS)) {
            it(`${name}: an access-group member reaches RPC and readiness, the internet only P2P, nobody the rest`, async () => {
                const { world } = await runProgram({ client: name });
                const ports = [...pairPorts(pair), ...MONITOR_PORTS];
                const reach = reachability(
                    groupsFromResources(world.resources),
                    "node-node",
                    "node-access",
                    ports,
                );
                const from = (source: string) => reach.filter((r) => r.from === source).map(key);
                expect(from("access-group member")).to.have.members(
                    ports.filter((p) => p.exposure === "access").map(key),
                );
                expect(from("access-group member")).to.include.members([
                    "tcp/8545",
                    "tcp/8546",
                    "tcp/8080",
                ]);
                expect(from("internet")).to.have.members(
                    ports.filter((p) => p.exposure === "public").map(key),
                );
                const inbound = [...from("internet"), ...from("access-group member")];
                for (const guarded of ports.filter((p) => p.exposure === "host")) {
                    expect(inbound, `${guarded.name} reachable`).to.not.include(key(guarded));
                }
                // The node itself reaches the internet for P2P and checkpoint sync.
                expect(from("the node")).to.include.members(
                    ports.filter((p) => p.exposure === "public").map(key),
                );
            });
        }
    });
});
