import { expect } from "chai";
import { parseConfig, namespaceConfig, readConfig } from "../config";
import { preflight } from "../domain/preflight";
import { INSTANCE_TYPES } from "../catalog/instances";
import { knownStacks, readStackConfig } from "../offline/stackFile";
import { nameViolations } from "./awsNameRules";
import { PROJECT, runConfig } from "./helpers";

describe("committed stack files", () => {
    it("include mainnet and its sepolia rehearsal", () => {
        expect(knownStacks()).to.include.members(["mainnet", "sepolia"]);
    });

    it("rehearse on sepolia the pair and node mode mainnet runs", () => {
        const settings = (stack: string) => {
            const raw = namespaceConfig(readStackConfig(stack), PROJECT);
            return { client: raw.client, nodeMode: raw.nodeMode };
        };
        expect(settings("sepolia")).to.deep.equal(settings("mainnet"));
    });

    it("mainnet holds every client minimum and the measured use at head with no allowUndersized and no warning", async () => {
        const all = readStackConfig("mainnet");
        const raw = namespaceConfig(all, PROJECT);
        expect(raw.profiles).to.equal(undefined);
        const lookups = {
            instanceType: async (type: string) => ({
                memoryMiB: INSTANCE_TYPES[type]!.memoryMiB,
                architectures: [INSTANCE_TYPES[type]!.architecture],
                ebs: INSTANCE_TYPES[type]!.ebs,
            }),
            zonesOffering: async () => ["us-east-1a"],
            subnet: async () => undefined,
            vpcCidrs: async () => ["172.31.0.0/16"],
            registryDigest: async () => `sha256:${"cd".repeat(32)}`,
            snapshot: async () => undefined,
            volume: async () => undefined,
        };
        const spec = await preflight(
            readConfig(raw, { project: PROJECT, stack: "mainnet", region: all["aws:region"] }),
            lookups,
        );
        // Only the warning that geth's IOPS at head are assumed (no measurement exists).
        expect(spec.warnings).to.have.length(1);
        expect(spec.warnings[0]).to.match(
            /^profiles\.steady\.iops: 3000 IOPS for Geth at head is assumed, not measured/,
        );
        expect(spec.resolved.steady.instanceType).to.equal("r6g.xlarge");
    });

    for (const stack of knownStacks()) {
        it(`Pulumi.${stack}.yaml is a valid config that runs the whole program and holds no name AWS would reject`, async () => {
            const all = readStackConfig(stack);
            const raw = namespaceConfig(all, PROJECT);
            const config = parseConfig(raw, { project: PROJECT, stack, region: all["aws:region"] });
            expect(config.network).to.equal(stack);
            const { world } = await runConfig(all);
            expect(world.resources.length).to.be.greaterThan(30);
            expect(nameViolations(world.resources)).to.deep.equal([]);
        });
    }
});
