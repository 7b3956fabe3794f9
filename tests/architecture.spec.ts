import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/**
 * The layout is the architecture: imports point down (entry points → offline engine → components →
 * domain logic → config parsing → catalogs), never in circles, and every source file outside tests/
 * does one job in under 300 lines, with no function over 100.
 */

const ROOT = path.join(__dirname, "..");
const SKIP = new Set(["node_modules", "tests", ".cache", ".build", "bin", ".git"]);

/** Higher layers may import lower ones and their own; never the other way round. */
const LAYERS: [RegExp, number, string][] = [
    [/^(index\.ts|tools\/|policy\/|handlers\/|monitor\/|examples\/)/, 6, "entry point"],
    [/^offline\//, 5, "offline engine"],
    [/^components\//, 4, "component"],
    [/^domain\//, 3, "domain logic"],
    [/^(config|runtime)\//, 2, "config parsing"],
    [/^catalog\//, 1, "catalog"],
];

function sourceFiles(dir = ROOT): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return SKIP.has(entry.name) ? [] : sourceFiles(full);
        }
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")
            ? [path.relative(ROOT, full)]
            : [];
    });
}

function layerOf(file: string): { rank: number; name: string } {
    const found = LAYERS.find(([pattern]) => pattern.test(file));
    if (!found) {
        throw new Error(`${file} belongs to no layer; add its folder to LAYERS`);
    }
    return { rank: found[1], name: found[2] };
}

/** The project files a file imports (static imports and re-exports). */
function importsOf(file: string): string[] {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']/g)].map(
        (m) => m[1]!,
    );
    return specifiers
        .filter((s) => s.startsWith("."))
        .map((s) => {
            const base = path.join(path.dirname(file), s);
            const candidates = [`${base}.ts`, path.join(base, "index.ts")];
            const hit = candidates.find((c) => fs.existsSync(path.join(ROOT, c)));
            if (!hit) {
                throw new Error(`${file} imports ${s}, which resolves to no .ts file`);
            }
            return path.normalize(hit);
        });
}

/** The names a file exports by declaration (`export const|function|class|interface|type|enum`). */
function exportedNames(file: string, text: string): string[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    return source.statements.flatMap((st) => {
        const modifiers = ts.canHaveModifiers(st) ? (ts.getModifiers(st) ?? []) : [];
        if (!modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
            return [];
        }
        if (ts.isVariableStatement(st)) {
            return st.declarationList.declarations.map((d) => d.name.getText());
        }
        const named = st as ts.Statement & { name?: ts.Identifier };
        return named.name ? [named.name.text] : [];
    });
}

describe("architecture", () => {
    const files = sourceFiles();

    it("has every import point down or within its layer", () => {
        const upward: string[] = [];
        for (const file of files) {
            const from = layerOf(file);
            for (const target of importsOf(file)) {
                const to = layerOf(target);
                if (to.rank > from.rank) {
                    upward.push(`${file} (${from.name}) imports ${target} (${to.name})`);
                }
            }
        }
        expect(upward).to.deep.equal([]);
    });

    it("has no import cycles", () => {
        const graph = new Map(files.map((f) => [f, importsOf(f)]));
        const cycles: string[] = [];
        const state = new Map<string, "visiting" | "done">();
        const visit = (file: string, trail: string[]) => {
            if (state.get(file) === "done") return;
            if (state.get(file) === "visiting") {
                cycles.push([...trail.slice(trail.indexOf(file)), file].join(" → "));
                return;
            }
            state.set(file, "visiting");
            for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
            state.set(file, "done");
        };
        files.forEach((f) => visit(f, []));
        expect(cycles).to.deep.equal([]);
    });

    it("keeps every source file outside tests/ under 300 lines", () => {
        const long = files
            .map(
                (f) => [f, fs.readFileSync(path.join(ROOT, f), "utf8").split("\n").length] as const,
            )
            .filter(([, lines]) => lines > 300)
            .map(([f, lines]) => `${f}: ${lines} lines`);
        expect(long).to.deep.equal([]);
    });

    it("names only paths that exist when a comment points into this repository", () => {
        // A path counts when it starts with one of the repository's own folders.
        const folders = fs
            .readdirSync(ROOT, { withFileTypes: true })
            .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !SKIP.has(e.name))
            .map((e) => e.name)
            .concat("tests");
        const pathLike = new RegExp(
            `(?<![\\w./-])((?:${folders.join("|")})/[\\w./-]*\\.(?:ts|sh|md|json|yaml|js|py|mjs))\\b`,
            "g",
        );
        const missing: string[] = [];
        for (const file of [
            ...files,
            "docker/node/node-entrypoint.sh",
            "bootstrap/chain-volume.sh",
        ]) {
            const text = fs.readFileSync(path.join(ROOT, file), "utf8");
            const comments = text.match(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|^\s*#[^\n]*/gm) ?? [];
            for (const comment of comments) {
                for (const [, named] of comment.matchAll(pathLike)) {
                    if (!fs.existsSync(path.join(ROOT, named!))) {
                        missing.push(`${file}: ${named}`);
                    }
                }
            }
        }
        expect(missing).to.deep.equal([]);
    });

    it("keeps every function outside tests/ under 100 lines", () => {
        const long: string[] = [];
        for (const file of files) {
            const source = ts.createSourceFile(
                file,
                fs.readFileSync(path.join(ROOT, file), "utf8"),
                ts.ScriptTarget.Latest,
                true,
            );
            const visit = (node: ts.Node) => {
                if (ts.isFunctionLike(node) && "body" in node && node.body) {
                    const line = (at: number) => source.getLineAndCharacterOfPosition(at).line;
                    const lines = line(node.end) - line(node.getStart()) + 1;
                    if (lines > 100) {
                        const name = node.name?.getText() ?? ts.SyntaxKind[node.kind];
                        long.push(`${file}:${line(node.getStart()) + 1} ${name}: ${lines} lines`);
                    }
                }
                ts.forEachChild(node, visit);
            };
            visit(source);
        }
        expect(long).to.deep.equal([]);
    });

    it("exports nothing production does not use: test-only code lives under tests/", () => {
        const texts = new Map(files.map((f) => [f, fs.readFileSync(path.join(ROOT, f), "utf8")]));
        const unused = files.flatMap((file) =>
            exportedNames(file, texts.get(file)!)
                .filter((name) => {
                    // Used when production code names it anywhere besides its own declaration.
                    const word = new RegExp(`\\b${name}\\b`, "g");
                    const uses = [...texts.values()].reduce(
                        (n, text) => n + (text.match(word) ?? []).length,
                        0,
                    );
                    return uses <= 1;
                })
                .map((name) => `${file}: ${name}`),
        );
        expect(unused).to.deep.equal([]);
    });

    it("would see an export that only tests use", () => {
        const text = "export const onlyForTests = 1;\nexport function used() {}\nused();\n";
        expect(exportedNames("x.ts", text)).to.deep.equal(["onlyForTests", "used"]);
    });

    it("spells the tag keys AWS sees only in catalog/tags.ts", () => {
        // A type token has two colons (parity:image:ParityImage); a tag key has one.
        const literal = /["'`](?:tag:)?parity:[A-Za-z-]+["'`]/g;
        const found = files
            .filter((f) => f !== "catalog/tags.ts")
            .flatMap((f) =>
                [...fs.readFileSync(path.join(ROOT, f), "utf8").matchAll(literal)].map(
                    (m) => `${f}: ${m[0]}`,
                ),
            );
        expect(found).to.deep.equal([]);
    });

    it("keeps test helpers out of production code", () => {
        const offenders = files.filter((f) =>
            importsOf(f).some((target) => target.startsWith("tests/")),
        );
        expect(offenders).to.deep.equal([]);
    });
});
