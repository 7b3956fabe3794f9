import * as fs from "fs";
import * as path from "path";
import { DOCUMENTS } from "../tools/readmeBlocks";

/** The README and the pages of docs/, read once, for the tests that keep them equal to the code. */

const ROOT = path.join(__dirname, "..");

export const DOC: Record<string, string> = Object.fromEntries(
    DOCUMENTS.map((doc) => [doc, fs.readFileSync(path.join(ROOT, doc), "utf8")]),
);

/** Every document, one after the other. */
export const ALL_DOCS = Object.values(DOC).join("\n");

/** A section of a document: from its heading to the next heading of the same level. */
export function section(doc: string, heading: string): string {
    const text = DOC[doc];
    if (text === undefined) {
        throw new Error(`no document ${doc}`);
    }
    const level = heading.split(" ")[0]!;
    const start = text.indexOf(`\n${heading}\n`);
    if (start < 0) {
        throw new Error(`${doc} has no heading ${heading}`);
    }
    const rest = text.slice(start + heading.length + 2);
    const end = rest.search(new RegExp(`\\n${level} `));
    return end < 0 ? rest : rest.slice(0, end);
}
