import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parseConfig } from "../config";
import { PROJECT } from "./helpers";

/** Reads the flat `config:` map of a stack file (scalars only; commented lines are ignored). */
function readStackConfig(file: string): Record<string, string> {
    const config: Record<string, string> = {};
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
        const m = /^ {2}([\w-]+:[\w-]+): *(.*)$/.exec(line);
        if (m) {
            config[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
        }
    }
    return config;
}

describe("committed stack files", () => {
    for (const file of ["Pulumi.mainnet.yaml", "Pulumi.hoodi.yaml"]) {
        it(`${file} is a valid config`, () => {
            const all = readStackConfig(path.join(__dirname, "..", file));
            const raw = Object.fromEntries(
                Object.entries(all)
                    .filter(([k]) => k.startsWith(`${PROJECT}:`))
                    .map(([k, v]) => [k.slice(PROJECT.length + 1), v]),
            );
            expect(Object.keys(raw)).to.include("dnsName");
            const config = parseConfig(raw, { project: PROJECT, stack: "s", region: all["aws:region"] });
            expect(config.network).to.equal(file === "Pulumi.mainnet.yaml" ? "mainnet" : "hoodi");
        });
    }
});
