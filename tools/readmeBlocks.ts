import * as fs from "fs";
import * as path from "path";
import { buildPlan, formatPlan } from "./plan";
import { pricedServingTable } from "./servingTable";
import { configTable } from "../config/keyDocs";
import { releaseCatalogTable } from "../domain/releaseRows";
import { CliSpec, Io, parseCli, runAsProcess, withProgress } from "./cli";

/**
 * `npm run readme`: rewrites the README's generated blocks from the code that produces them: the
 * committed mainnet stack's plan, the priced serving table, the configuration table and the release
 * table.
 * tests/readme.spec.ts fails while any block differs.
 */

const README = path.join(__dirname, "..", "README.md");

const CLI: CliSpec = {
    command: "npm run readme --",
    summary:
        "Rewrites the README's generated blocks (plan:mainnet, serving, config-keys, releases).",
    flags: {},
    examples: ["npm run readme"],
};

/** The text between `<!-- name -->` and `<!-- /name -->` replaced by body. */
export function replaceBlock(text: string, name: string, body: string): string {
    const open = `<!-- ${name} -->\n`;
    const close = `\n<!-- /${name} -->`;
    const start = text.indexOf(open);
    const end = start < 0 ? -1 : text.indexOf(close, start);
    if (end < 0) {
        throw new Error(`README.md has no block between ${open.trim()} and ${close.trim()}`);
    }
    return text.slice(0, start + open.length) + body + text.slice(end);
}

/** Each generated block's body, by its marker name. */
async function readmeBlocks(): Promise<Record<string, string>> {
    const plan = formatPlan(await buildPlan("mainnet"));
    return {
        "plan:mainnet": `\`\`\`\n${plan}\n\`\`\``,
        serving: (await pricedServingTable()).join("\n"),
        "config-keys": configTable().join("\n"),
        releases: releaseCatalogTable().join("\n"),
    };
}

async function main(argv: string[], io: Io): Promise<number> {
    if (parseCli(CLI, argv, io) === undefined) {
        return 0;
    }
    const blocks = await withProgress(io, "pricing the README's plan and pairs under mocks", () =>
        readmeBlocks(),
    );
    const text = Object.entries(blocks).reduce(
        (t, [name, body]) => replaceBlock(t, name, body),
        fs.readFileSync(README, "utf8"),
    );
    fs.writeFileSync(README, text);
    io.out(`README.md: rewrote ${Object.keys(blocks).join(", ")}`);
    return 0;
}

if (require.main === module) {
    runAsProcess("readme", main);
}
