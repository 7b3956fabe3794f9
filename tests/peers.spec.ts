import { expect } from "chai";
import { runProgram, one, MockWorld } from "./helpers";
import { CLIENT_PAIRS, clientPair } from "../catalog/clients";

const commandOf = (world: MockWorld, role: string): string[] =>
    JSON.parse(
        one(world, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions,
    ).find((c: { name: string }) => c.name === role).command;

/** The value that follows a flag in a command line. */
const valueAfter = (command: string[], flag: string) => command[command.indexOf(flag) + 1];

describe("peer limits", () => {
    for (const name of Object.keys(CLIENT_PAIRS)) {
        it(`passes ${name} its default peer limits with each client's own flag`, async () => {
            const pair = clientPair(name);
            const { world } = await runProgram({ client: name });
            const [elFlag] = pair.execution.peerArgs(0);
            const [clFlag] = pair.consensus.peerArgs(0);
            // Each client's own default, from its catalog record.
            expect(valueAfter(commandOf(world, "execution"), elFlag!)).to.equal(
                String(pair.execution.defaultPeers.value),
            );
            expect(valueAfter(commandOf(world, "consensus"), clFlag!)).to.equal(
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
        expect(valueAfter(commandOf(world, "execution"), "--maxpeers")).to.equal("25");
        expect(valueAfter(commandOf(world, "consensus"), "--target-peers")).to.equal("60");
    });
});
