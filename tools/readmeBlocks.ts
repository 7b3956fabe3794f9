import * as fs from "fs";
import * as path from "path";
import { buildPlan, formatPlan } from "./plan";
import { pricedServingTable } from "./servingTable";
import { configTable } from "../config/keyDocs";
import { releaseCatalogTable } from "../domain/releaseRows";
import { CliSpec, Io, parseCli, runAsProcess, withProgress } from "./cli";

/**
 * `npm run readme`: rewrites the generated blocks of the README and docs/ from the code that produces
 * them: the committed mainnet stack's plan, the priced serving table, the configuration table and the
 * release table, each in whichever document holds its markers. tests/readme.spec.ts fails while any
 * block differs.
 */

const ROOT = path.join(__dirname, "..");

/** The documents that may hold generated blocks: the README and every page of docs/. */
export const DOCUMENTS = [
    "README.md",
    ...fs
        .readdirSync(path.join(ROOT, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`),
];

const CLI: CliSpec = {
    command: "npm run readme --",
    summary:
        "Rewrites the generated blocks of the README and docs/ (plan:mainnet, serving, config-keys, releases).",
    flags: {},
    examples: ["npm run readme"],
};

const markers = (name: string) => [`<!-- ${name} -->\n`, `\n<!-- /${name} -->`] as const;

/** Whether a text holds a block's markers. */
export const holdsBlock = (text: string, name: string) => {
    const [open, close] = markers(name);
    const start = text.indexOf(open);
    return start >= 0 && text.indexOf(close, start) >= 0;
};

/** The text between `<!-- name -->` and `<!-- /name -->` replaced by body. */
export function replaceBlock(text: string, name: string, body: string): string {
    const [open, close] = markers(name);
    if (!holdsBlock(text, name)) {
        throw new Error(`the text has no block between ${open.trim()} and ${close.trim()}`);
    }
    const start = text.indexOf(open);
    const end = text.indexOf(close, start);
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
    const texts = new Map(
        DOCUMENTS.map((doc) => [doc, fs.readFileSync(path.join(ROOT, doc), "utf8")]),
    );
    for (const [name, body] of Object.entries(blocks)) {
        const doc = DOCUMENTS.find((d) => holdsBlock(texts.get(d)!, name));
        if (doc === undefined) {
            throw new Error(
                `no document has a block between <!-- ${name} --> and <!-- /${name} -->`,
            );
        }
        texts.set(doc, replaceBlock(texts.get(doc)!, name, body));
        io.out(`${doc}: rewrote ${name}`);
    }
    for (const [doc, text] of texts) {
        fs.writeFileSync(path.join(ROOT, doc), text);
    }
    return 0;
}

if (require.main === module) {
    runAsProcess("readme", main);
}
