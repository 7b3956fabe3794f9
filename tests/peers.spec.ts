import { expect } from "chai";
import { runProgram, one, MockWorld, flagValue } from "./helpers";
import { CLIENT_PAIRS, clientPair } from "../catalog/clients";

const commandOf = (world: MockWorld, role: string): string[] =>
    JSON.parse(
        one(world, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions,
    ).find((c: { name: string }) => c.name === role).command;

/** A flag's name, without an attached `=value`. */
const flagName = (arg: string) => arg.split("=")[0]!;

describe("peer limits", () => {
    for (const name of Object.keys(CLIENT_PAIRS)) {
        it(`passes ${name} its default peer limits with each client's own flag`, async () => {
            const pair = clientPair(name);
            const { world } = await runProgram({ client: name });
            // The first flag of each client's peer arguments carries its limit or target.
            const elFlag = flagName(pair.execution.peerArgs(0)[0]!);
            const clFlag = flagName(pair.consensus.peerArgs(0)[0]!);
            // Each client's own default, from its catalog record.
            expect(flagValue(commandOf(world, "execution"), elFlag)).to.equal(
                String(pair.execution.defaultPeers.value),
            );
            expect(flagValue(commandOf(world, "consensus"), clFlag)).to.equal(
                String(pair.consensus.defaultPeers.value),
            );
        });
    }

    it("passes the configured limits: geth --maxpeers, lighthouse --target-peers", async () => {
        const { world } = await runProgram({
            client: "geth-lighthouse",
            executionMaxPeers: "25",
            consensusTargetPeers: "60",
        });
        expect(flagValue(commandOf(world, "execution"), "--maxpeers")).to.equal("25");
        expect(flagValue(commandOf(world, "consensus"), "--target-peers")).to.equal("60");
    });

    it("gives teku a target below its default lower bound of 64 as both bounds: teku needs lower ≤ upper", async () => {
        const { world } = await runProgram({ client: "geth-teku", consensusTargetPeers: "40" });
        const command = commandOf(world, "consensus");
        expect(flagValue(command, "--p2p-peer-upper-bound")).to.equal("40");
        expect(flagValue(command, "--p2p-peer-lower-bound")).to.equal("40");
    });

    it("keeps teku's own lower bound of 64 under a larger target", async () => {
        const { world } = await runProgram({ client: "geth-teku", consensusTargetPeers: "150" });
        const command = commandOf(world, "consensus");
        expect(flagValue(command, "--p2p-peer-upper-bound")).to.equal("150");
        expect(flagValue(command, "--p2p-peer-lower-bound")).to.equal("64");
    });
});
