import { expect } from "chai";
import brokenProgram = require("./fixtures/brokenProgram");
import {
    policies,
    noPublicGuardedIngress,
    noPublicGuardedListener,
    noPublicBalancerToGuardedPort,
    noUnsafeRpcNamespaces,
    noPublicSsh,
    imdsv2Required,
    ebsEncrypted,
    logRetention,
    ecrScanOnPush,
    DEFAULT_GUARDED_PORTS,
} from "../policy/policies";
import * as aws from "@pulumi/aws";
import { validateStackResourcesOfType } from "@pulumi/policy";
import { evaluate, Policy, Subject } from "../offline/policyRunner";
import { checkStack, subjectsOf, main as policyMain } from "../tools/policyCheck";
import { readStackConfig } from "../offline/stackFile";
import { CLIENT_PAIRS } from "../catalog/clients";
import { PROFILE_NAMES } from "../catalog/profiles";
import { PROJECT, captureIo, runProgram } from "./helpers";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const VPC_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const messagesOf = async (policy: Policy, subjects: Subject[], config = {}) =>
    (await evaluate([policy], subjects, config)).map((v) => v.message);

describe("policy pack", () => {
    it("exports its policies from policy/policies.ts with unique names", () => {
        expect(new Set(policies.map((p) => p.name)).size).to.equal(policies.length);
        expect(
            policies.filter((p) => p.enforcementLevel === "mandatory").map((p) => p.name),
        ).to.have.members([
            "no-public-rpc-ingress",
            "no-public-rpc-listener",
            "no-public-balancer-to-rpc",
            "no-unsafe-rpc-namespaces",
        ]);
    });

    describe("no-public-rpc-ingress (every form of ingress, pass and fail)", () => {
        const forms: [string, Subject, Subject, string][] = [
            [
                "inline ingress on a security group",
                {
                    type: SG,
                    name: "sg",
                    props: {
                        ingress: [
                            {
                                protocol: "tcp",
                                fromPort: 8545,
                                toPort: 8545,
                                cidrBlocks: ["0.0.0.0/0"],
                            },
                        ],
                    },
                },
                {
                    type: SG,
                    name: "sg",
                    props: {
                        ingress: [
                            {
                                protocol: "tcp",
                                fromPort: 8545,
                                toPort: 8545,
                                securityGroups: ["sg-access"],
                            },
                        ],
                    },
                },
                "sg (aws:ec2/securityGroup:SecurityGroup) ingress[0] [tcp 8545] opens port 8545 to 0.0.0.0/0",
            ],
            [
                "aws.ec2.SecurityGroupRule",
                {
                    type: SG_RULE,
                    name: "rule",
                    props: {
                        type: "ingress",
                        protocol: "tcp",
                        fromPort: 8546,
                        toPort: 8546,
                        cidrBlocks: ["203.0.113.0/24"],
                    },
                },
                {
                    type: SG_RULE,
                    name: "rule",
                    props: {
                        type: "egress",
                        protocol: "tcp",
                        fromPort: 8546,
                        toPort: 8546,
                        cidrBlocks: ["0.0.0.0/0"],
                    },
                },
                "rule (aws:ec2/securityGroupRule:SecurityGroupRule) rule [tcp 8546] opens port 8546 to 203.0.113.0/24",
            ],
            [
                "aws.vpc.SecurityGroupIngressRule",
                {
                    type: VPC_INGRESS,
                    name: "v",
                    props: {
                        ipProtocol: "tcp",
                        fromPort: 8551,
                        toPort: 8551,
                        cidrIpv4: "0.0.0.0/0",
                    },
                },
                {
                    type: VPC_INGRESS,
                    name: "v",
                    props: {
                        ipProtocol: "tcp",
                        fromPort: 8551,
                        toPort: 8551,
                        cidrIpv4: "10.0.0.0/16",
                    },
                },
                "v (aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule) rule [tcp 8551] opens port 8551 to 0.0.0.0/0",
            ],
            [
                "a port range that covers a guarded port",
                {
                    type: SG,
                    name: "range",
                    props: {
                        ingress: [
                            {
                                protocol: "tcp",
                                fromPort: 5000,
                                toPort: 5100,
                                cidrBlocks: ["0.0.0.0/0"],
                            },
                        ],
                    },
                },
                {
                    type: SG,
                    name: "range",
                    props: {
                        ingress: [
                            {
                                protocol: "tcp",
                                fromPort: 30000,
                                toPort: 30400,
                                cidrBlocks: ["0.0.0.0/0"],
                            },
                        ],
                    },
                },
                "range (aws:ec2/securityGroup:SecurityGroup) ingress[0] [tcp 5000-5100] opens port 5052 to 0.0.0.0/0",
            ],
            [
                "protocol -1 (all traffic)",
                {
                    type: SG_RULE,
                    name: "all",
                    props: {
                        type: "ingress",
                        protocol: "-1",
                        fromPort: 0,
                        toPort: 0,
                        cidrBlocks: ["0.0.0.0/0"],
                    },
                },
                {
                    type: SG_RULE,
                    name: "all",
                    props: {
                        type: "ingress",
                        protocol: "-1",
                        fromPort: 0,
                        toPort: 0,
                        cidrBlocks: ["172.31.0.0/16"],
                    },
                },
                "all (aws:ec2/securityGroupRule:SecurityGroupRule) rule [-1 0] opens port 8545 to 0.0.0.0/0",
            ],
            [
                "protocol all on the vpc rule",
                { type: VPC_INGRESS, name: "all6", props: { ipProtocol: "all", cidrIpv6: "::/0" } },
                {
                    type: VPC_INGRESS,
                    name: "all6",
                    props: { ipProtocol: "all", cidrIpv6: "fd00::/8" },
                },
                "all6 (aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule) rule [all 0-65535] opens port 8545 to ::/0",
            ],
            [
                "IPv6 on an inline rule",
                {
                    type: SG,
                    name: "v6",
                    props: {
                        ingress: [
                            {
                                protocol: "tcp",
                                fromPort: 6060,
                                toPort: 6060,
                                ipv6CidrBlocks: ["2001:db8::/32"],
                            },
                        ],
                    },
                },
                {
                    type: SG,
                    name: "v6",
                    props: {
                        ingress: [
                            {
                                protocol: "udp",
                                fromPort: 8545,
                                toPort: 8545,
                                ipv6CidrBlocks: ["::/0"],
                            },
                        ],
                    },
                },
                "v6 (aws:ec2/securityGroup:SecurityGroup) ingress[0] [tcp 6060] opens port 6060 to 2001:db8::/32",
            ],
            [
                "a managed prefix list in inline ingress",
                {
                    type: SG,
                    name: "pl",
                    props: {
                        ingress: [
                            {
                                protocol: "tcp",
                                fromPort: 8545,
                                toPort: 8545,
                                prefixListIds: ["pl-0123456789abcdef0"],
                            },
                        ],
                    },
                },
                {
                    type: SG,
                    name: "pl",
                    props: {
                        ingress: [
                            {
                                protocol: "tcp",
                                fromPort: 30303,
                                toPort: 30303,
                                prefixListIds: ["pl-0123456789abcdef0"],
                            },
                        ],
                    },
                },
                "pl (aws:ec2/securityGroup:SecurityGroup) ingress[0] [tcp 8545] opens port 8545 to prefix list pl-0123456789abcdef0 (its ranges cannot be checked; list it in privatePrefixLists if it is private)",
            ],
            [
                "a managed prefix list in an aws.ec2.SecurityGroupRule",
                {
                    type: SG_RULE,
                    name: "plr",
                    props: {
                        type: "ingress",
                        protocol: "tcp",
                        fromPort: 8546,
                        toPort: 8546,
                        prefixListIds: ["pl-0123456789abcdef0"],
                    },
                },
                {
                    type: SG_RULE,
                    name: "plr",
                    props: {
                        type: "egress",
                        protocol: "tcp",
                        fromPort: 8546,
                        toPort: 8546,
                        prefixListIds: ["pl-0123456789abcdef0"],
                    },
                },
                "plr (aws:ec2/securityGroupRule:SecurityGroupRule) rule [tcp 8546] opens port 8546 to prefix list pl-0123456789abcdef0 (its ranges cannot be checked; list it in privatePrefixLists if it is private)",
            ],
            [
                "a managed prefix list in an aws.vpc.SecurityGroupIngressRule",
                {
                    type: VPC_INGRESS,
                    name: "plv",
                    props: {
                        ipProtocol: "tcp",
                        fromPort: 8545,
                        toPort: 8545,
                        prefixListId: "pl-0123456789abcdef0",
                    },
                },
                {
                    type: VPC_INGRESS,
                    name: "plv",
                    props: {
                        ipProtocol: "tcp",
                        fromPort: 443,
                        toPort: 443,
                        prefixListId: "pl-0123456789abcdef0",
                    },
                },
                "plv (aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule) rule [tcp 8545] opens port 8545 to prefix list pl-0123456789abcdef0 (its ranges cannot be checked; list it in privatePrefixLists if it is private)",
            ],
            [
                "the VPC's default security group (aws.ec2.DefaultSecurityGroup)",
                {
                    type: DEFAULT_SG,
                    name: "default",
                    props: {
                        ingress: [
                            {
                                protocol: "tcp",
                                fromPort: 8545,
                                toPort: 8546,
                                cidrBlocks: ["0.0.0.0/0"],
                            },
                        ],
                    },
                },
                {
                    type: DEFAULT_SG,
                    name: "default",
                    props: {
                        ingress: [
                            {
                                protocol: "tcp",
                                fromPort: 8545,
                                toPort: 8546,
                                cidrBlocks: ["10.0.0.0/8"],
                            },
                        ],
                    },
                },
                "default (aws:ec2/defaultSecurityGroup:DefaultSecurityGroup) ingress[0] [tcp 8545-8546] opens port 8545 to 0.0.0.0/0",
            ],
        ];
        for (const [form, failing, passing, message] of forms) {
            it(`rejects ${form}, naming the resource, rule, port and CIDR`, async () => {
                expect(await messagesOf(noPublicGuardedIngress, [failing])).to.include(message);
            });
            it(`accepts the safe variant of ${form}`, async () => {
                expect(await messagesOf(noPublicGuardedIngress, [passing])).to.deep.equal([]);
            });
        }

        it("accepts a prefix list named private in policy config", async () => {
            const pl: Subject = {
                type: VPC_INGRESS,
                name: "plv",
                props: { ipProtocol: "tcp", fromPort: 8545, toPort: 8545, prefixListId: "pl-1" },
            };
            expect(
                await messagesOf(noPublicGuardedIngress, [pl], {
                    "no-public-rpc-ingress": { privatePrefixLists: ["pl-1"] },
                }),
            ).to.deep.equal([]);
        });

        it("counts a range inside the VPC (policy config vpcCidrs) as private", async () => {
            const cgnat: Subject = {
                type: SG,
                name: "cgnat",
                props: {
                    ingress: [
                        {
                            protocol: "tcp",
                            fromPort: 8545,
                            toPort: 8545,
                            cidrBlocks: ["100.64.0.0/24"],
                        },
                    ],
                },
            };
            expect(await messagesOf(noPublicGuardedIngress, [cgnat])).to.have.length(1);
            expect(
                await messagesOf(noPublicGuardedIngress, [cgnat], {
                    "no-public-rpc-ingress": { vpcCidrs: ["100.64.0.0/16"] },
                }),
            ).to.deep.equal([]);
        });

        it("takes the guarded port list from policy config", async () => {
            const p2p: Subject = {
                type: SG,
                name: "p2p",
                props: {
                    ingress: [
                        {
                            protocol: "tcp",
                            fromPort: 30303,
                            toPort: 30303,
                            cidrBlocks: ["0.0.0.0/0"],
                        },
                    ],
                },
            };
            expect(await messagesOf(noPublicGuardedIngress, [p2p])).to.deep.equal([]);
            expect(
                await messagesOf(noPublicGuardedIngress, [p2p], {
                    "no-public-rpc-ingress": { guardedPorts: [30303] },
                }),
            ).to.have.length(1);
        });
    });

    describe("no-public-rpc-listener", () => {
        const lb = (internal: boolean | undefined): Subject => ({
            type: "aws:lb/loadBalancer:LoadBalancer",
            name: "lb",
            urn: "urn:lb",
            props: { internal, arn: "arn:lb" },
        });
        const listener = (port: number, target: Subject): Subject => ({
            type: "aws:lb/listener:Listener",
            name: "listener",
            urn: "urn:listener",
            props: { port, loadBalancerArn: undefined },
            propertyDependencies: { loadBalancerArn: [target] },
        });

        it("rejects an internet-facing load balancer listening on a guarded port", async () => {
            const publicLb = lb(false);
            expect(
                await messagesOf(noPublicGuardedListener, [publicLb, listener(8545, publicLb)]),
            ).to.deep.equal([
                "listener (listener) on internet-facing load balancer lb listens on port 8545 from 0.0.0.0/0",
            ]);
        });
        it("treats a load balancer without `internal` as internet-facing (the AWS default), matched by ARN", async () => {
            const defaultLb = lb(undefined);
            const byArn: Subject = {
                type: "aws:lb/listener:Listener",
                name: "listener",
                props: { port: 8546, loadBalancerArn: "arn:lb" },
            };
            expect(await messagesOf(noPublicGuardedListener, [defaultLb, byArn])).to.have.length(1);
        });
        it("accepts an internal load balancer, and a public one on another port", async () => {
            const internalLb = lb(true);
            expect(
                await messagesOf(noPublicGuardedListener, [internalLb, listener(8545, internalLb)]),
            ).to.deep.equal([]);
            const publicLb = lb(false);
            expect(
                await messagesOf(noPublicGuardedListener, [publicLb, listener(443, publicLb)]),
            ).to.deep.equal([]);
        });
    });

    describe("no-public-rpc-listener: forwarding and classic load balancers", () => {
        const publicLb: Subject = {
            type: "aws:lb/loadBalancer:LoadBalancer",
            name: "lb",
            urn: "urn:lb",
            props: { internal: false, arn: "arn:lb", securityGroups: ["sg-lb"] },
        };
        const group = (port: number): Subject => ({
            type: "aws:lb/targetGroup:TargetGroup",
            name: "tg",
            urn: "urn:tg",
            props: { port, protocol: "TCP", arn: "arn:tg" },
        });
        const on443: Subject = {
            type: "aws:lb/listener:Listener",
            name: "tls",
            urn: "urn:tls",
            props: {
                port: 443,
                loadBalancerArn: "arn:lb",
                defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
            },
        };

        it("rejects an internet-facing load balancer on 443 that forwards to a target group on 8545", async () => {
            expect(
                await messagesOf(noPublicGuardedListener, [publicLb, group(8545), on443]),
            ).to.deep.equal([
                "tls (listener) on internet-facing load balancer lb forwards port 443 to target group tg on port 8545",
            ]);
            expect(
                await messagesOf(noPublicGuardedListener, [publicLb, group(8080), on443]),
            ).to.have.length(1);
            expect(
                await messagesOf(noPublicGuardedListener, [publicLb, group(3000), on443]),
            ).to.deep.equal([]);
        });

        it("rejects an internet-facing classic ELB in front of a guarded port, and accepts an internal one", async () => {
            const elb = (internal: boolean): Subject => ({
                type: "aws:elb/loadBalancer:LoadBalancer",
                name: "classic",
                urn: "urn:classic",
                props: {
                    internal,
                    listeners: [
                        {
                            lbPort: 80,
                            lbProtocol: "tcp",
                            instancePort: 8545,
                            instanceProtocol: "tcp",
                        },
                    ],
                },
            });
            expect(await messagesOf(noPublicGuardedListener, [elb(false)])).to.deep.equal([
                "classic (internet-facing classic load balancer) listens on 80 for instance port 8545",
            ]);
            expect(await messagesOf(noPublicGuardedListener, [elb(true)])).to.deep.equal([]);
        });
    });

    describe("no-public-balancer-to-rpc", () => {
        const lbGroup: Subject = {
            type: SG,
            name: "lb-sg",
            urn: "urn:lb-sg",
            props: { id: "sg-lb" },
        };
        const balancer = (internal: boolean): Subject => ({
            type: "aws:lb/loadBalancer:LoadBalancer",
            name: "lb",
            urn: "urn:lb",
            props: { internal, securityGroups: [undefined] },
            propertyDependencies: { securityGroups: [lbGroup] },
        });
        const nodeRule: Subject = {
            type: VPC_INGRESS,
            name: "node-from-lb",
            urn: "urn:rule",
            props: {
                ipProtocol: "tcp",
                fromPort: 8545,
                toPort: 8545,
                referencedSecurityGroupId: "sg-lb",
            },
        };

        it("rejects a node group that admits a public balancer's group on a guarded port", async () => {
            expect(
                await messagesOf(noPublicBalancerToGuardedPort, [
                    lbGroup,
                    balancer(false),
                    nodeRule,
                ]),
            ).to.deep.equal([
                "node-from-lb (aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule) rule admits lb-sg, the group of an internet-facing load balancer, on port 8545",
            ]);
            const inline: Subject = {
                type: SG,
                name: "node",
                urn: "urn:node",
                props: {
                    ingress: [
                        { protocol: "tcp", fromPort: 8546, toPort: 8546, securityGroups: [] },
                    ],
                },
                propertyDependencies: { ingress: [lbGroup] },
            };
            expect(
                await messagesOf(noPublicBalancerToGuardedPort, [lbGroup, balancer(false), inline]),
            ).to.have.length(1);
        });

        it("accepts an internal balancer's group, and a public one's on an unguarded port", async () => {
            expect(
                await messagesOf(noPublicBalancerToGuardedPort, [
                    lbGroup,
                    balancer(true),
                    nodeRule,
                ]),
            ).to.deep.equal([]);
            const web = { ...nodeRule, props: { ...nodeRule.props, fromPort: 443, toPort: 443 } };
            expect(
                await messagesOf(noPublicBalancerToGuardedPort, [lbGroup, balancer(false), web]),
            ).to.deep.equal([]);
        });
    });

    describe("no-unsafe-rpc-namespaces", () => {
        const task = (command: string[]): Subject => ({
            type: "aws:ecs/taskDefinition:TaskDefinition",
            name: "task",
            props: { containerDefinitions: JSON.stringify([{ name: "execution", command }]) },
        });

        it("rejects a task definition serving admin, or debug on geth, in either flag form", async () => {
            expect(
                await messagesOf(noUnsafeRpcNamespaces, [
                    task(["geth", "--http.api", "eth,debug", "--ws.api=eth,admin"]),
                ]),
            ).to.deep.equal([
                "task (aws:ecs/taskDefinition:TaskDefinition) container execution serves the debug namespace over RPC",
                "task (aws:ecs/taskDefinition:TaskDefinition) container execution serves the admin namespace over RPC",
            ]);
            expect(
                await messagesOf(noUnsafeRpcNamespaces, [
                    task(["reth", "node", "--http.api", "personal"]),
                ]),
            ).to.have.length(1);
        });

        it("accepts debug on reth, whose profile and file methods do nothing", async () => {
            expect(
                await messagesOf(noUnsafeRpcNamespaces, [
                    task(["reth", "node", "--http.api", "eth,debug,trace"]),
                ]),
            ).to.deep.equal([]);
        });
    });

    describe("advisory policies", () => {
        const cases: [string, typeof noPublicSsh, Subject, Subject, RegExp][] = [
            [
                "no-public-ssh",
                noPublicSsh,
                {
                    type: SG,
                    name: "ssh",
                    props: {
                        ingress: [
                            {
                                protocol: "tcp",
                                fromPort: 22,
                                toPort: 22,
                                cidrBlocks: ["0.0.0.0/0"],
                            },
                        ],
                    },
                },
                {
                    type: SG,
                    name: "ssh",
                    props: {
                        ingress: [
                            {
                                protocol: "tcp",
                                fromPort: 22,
                                toPort: 22,
                                cidrBlocks: ["10.0.0.0/8"],
                            },
                        ],
                    },
                },
                /ssh .* opens port 22 to 0.0.0.0\/0/,
            ],
            [
                "imdsv2-required on a launch template",
                imdsv2Required,
                {
                    type: "aws:ec2/launchTemplate:LaunchTemplate",
                    name: "lt",
                    props: { metadataOptions: { httpTokens: "optional" } },
                },
                {
                    type: "aws:ec2/launchTemplate:LaunchTemplate",
                    name: "lt",
                    props: { metadataOptions: { httpTokens: "required" } },
                },
                /lt .* metadataOptions.httpTokens is "optional"; set it to "required"/,
            ],
            [
                "imdsv2-required on an instance",
                imdsv2Required,
                { type: "aws:ec2/instance:Instance", name: "i", props: {} },
                {
                    type: "aws:ec2/instance:Instance",
                    name: "i",
                    props: { metadataOptions: { httpTokens: "required" } },
                },
                /i .* metadataOptions.httpTokens is "unset"/,
            ],
            [
                "ebs-encrypted on a volume",
                ebsEncrypted,
                { type: "aws:ebs/volume:Volume", name: "vol", props: { encrypted: false } },
                { type: "aws:ebs/volume:Volume", name: "vol", props: { encrypted: true } },
                /vol .* is not encrypted/,
            ],
            [
                "ebs-encrypted in a launch template",
                ebsEncrypted,
                {
                    type: "aws:ec2/launchTemplate:LaunchTemplate",
                    name: "lt",
                    props: {
                        blockDeviceMappings: [
                            { deviceName: "/dev/xvda", ebs: { encrypted: "false" } },
                        ],
                    },
                },
                {
                    type: "aws:ec2/launchTemplate:LaunchTemplate",
                    name: "lt",
                    props: {
                        blockDeviceMappings: [
                            { deviceName: "/dev/xvda", ebs: { encrypted: "true" } },
                        ],
                    },
                },
                /lt .* blockDeviceMappings\[0\] \(\/dev\/xvda\) is not encrypted/,
            ],
            [
                "log-retention",
                logRetention,
                { type: "aws:cloudwatch/logGroup:LogGroup", name: "logs", props: {} },
                {
                    type: "aws:cloudwatch/logGroup:LogGroup",
                    name: "logs",
                    props: { retentionInDays: 30 },
                },
                /logs .* keeps logs forever/,
            ],
            [
                "ecr-scan-on-push",
                ecrScanOnPush,
                { type: "aws:ecr/repository:Repository", name: "repo", props: {} },
                {
                    type: "aws:ecr/repository:Repository",
                    name: "repo",
                    props: { imageScanningConfiguration: { scanOnPush: true } },
                },
                /repo .* does not scan on push/,
            ],
        ];
        for (const [name, policy, failing, passing, message] of cases) {
            it(`${name}: reports the bad resource, passes the good one, advisory by default`, async () => {
                const violations = await evaluate([policy], [failing, passing]);
                expect(violations).to.have.length(1);
                expect(violations[0]!.message).to.match(message);
                expect(violations[0]!.enforcementLevel).to.equal("advisory");
            });
        }

        it("can be made mandatory, or disabled, through policy config", async () => {
            const bad: Subject = {
                type: "aws:cloudwatch/logGroup:LogGroup",
                name: "logs",
                props: {},
            };
            expect(
                (await evaluate([logRetention], [bad], { "log-retention": "mandatory" }))[0]!
                    .enforcementLevel,
            ).to.equal("mandatory");
            expect(
                (
                    await evaluate([logRetention], [bad], {
                        "log-retention": { enforcementLevel: "mandatory" },
                    })
                )[0]!.enforcementLevel,
            ).to.equal("mandatory");
            expect(
                await evaluate([logRetention], [bad], { "log-retention": "disabled" }),
            ).to.deep.equal([]);
        });
    });

    describe("the whole program", () => {
        for (const profile of PROFILE_NAMES) {
            for (const client of Object.keys(CLIENT_PAIRS)) {
                it(`passes every policy for ${profile} / ${client}, advisory ones included`, async () => {
                    const { world } = await runProgram({ profile, client });
                    expect(await evaluate(policies, subjectsOf(world))).to.deep.equal([]);
                });
            }
        }

        it("reads the committed mainnet stack file", () => {
            expect(readStackConfig("mainnet")[`${PROJECT}:network`]).to.equal("mainnet");
            expect(() => readStackConfig("nope")).to.throw(
                /no stack file for stack "nope"; known stacks: .*mainnet/,
            );
        });

        it("fails a deliberately broken program with the expected messages", async () => {
            const { violations } = await checkStack(readStackConfig("mainnet"), {}, brokenProgram);
            const mandatory = violations
                .filter((v) => v.enforcementLevel === "mandatory")
                .map((v) => v.message);
            expect(mandatory).to.include(
                "open-rpc (aws:ec2/securityGroup:SecurityGroup) ingress[0] [tcp 8000-9000] opens port 8545 to 0.0.0.0/0",
            );
            expect(mandatory).to.include(
                "rpc-listener (listener) on internet-facing load balancer public-lb listens on port 8546 from 0.0.0.0/0",
            );
        });

        it("`npm run policy` exits 1 on a mandatory violation and prints the table", async () => {
            const { io, out, err } = captureIo();
            const code = await policyMain(["--stack", "mainnet"], io, brokenProgram);
            expect(code).to.equal(1);
            expect(out.join("\n")).to.match(/mandatory\s+no-public-rpc-ingress\s+open-rpc/);
            expect(err[0]).to.equal("running the program for stack mainnet under mocks …");
        });
    });

    describe("the offline runner behaves like Pulumi's analyzer", () => {
        const volume: Subject = {
            type: "aws:ebs/volume:Volume",
            name: "v",
            props: { encrypted: false },
        };
        const repo: Subject = { type: "aws:ecr/repository:Repository", name: "r", props: {} };

        it("runs a typed policy only on its own type, matched by type token", async () => {
            expect(await messagesOf(ecrScanOnPush, [volume, repo])).to.deep.equal([
                "r (aws:ecr/repository:Repository) does not scan on push; set imageScanningConfiguration.scanOnPush: true",
            ]);
        });

        it("runs a typed stack policy over the resources of its type", async () => {
            const countVolumes: Policy = {
                name: "count-volumes",
                description: "test",
                enforcementLevel: "mandatory",
                validateStack: validateStackResourcesOfType(
                    aws.ebs.Volume,
                    (volumes, _args, report) => report(`${volumes.length} volume(s)`),
                ),
            };
            expect(
                await messagesOf(countVolumes, [volume, repo, { ...volume, name: "w" }]),
            ).to.deep.equal(["2 volume(s)"]);
        });

        it("reports a policy that throws on one resource, and still checks the others", async () => {
            const fragile: Policy = {
                name: "fragile",
                description: "test",
                enforcementLevel: "advisory",
                validateResource: (args, report) => {
                    if (args.name === "boom") {
                        throw new Error("props.missing is undefined");
                    }
                    report(`checked ${args.name}`);
                },
            };
            const violations = await evaluate([fragile], [{ ...volume, name: "boom" }, repo]);
            expect(violations).to.deep.equal([
                {
                    policy: "fragile",
                    enforcementLevel: "mandatory",
                    resource: "boom",
                    message: "policy threw (pulumi preview would fail): props.missing is undefined",
                },
                {
                    policy: "fragile",
                    enforcementLevel: "advisory",
                    resource: "r",
                    message: "checked r",
                },
            ]);
        });

        it("guards exactly the ports no client marks public", () => {
            expect(DEFAULT_GUARDED_PORTS).to.deep.equal([5052, 5054, 6060, 8080, 8545, 8546, 8551]);
        });
    });
});
