import * as fs from "fs";
import * as path from "path";
import { replaceBlock } from "../tools/readmeBlocks";
import { refusedTransition, runTransition, Transition } from "./transition";
import { disruptions } from "./transitionInvariants";
import { Effect, Row, TRANSITIONS } from "./transitionRows";

/**
 * docs/operations.md's transition table, written from what the harness observes for each row of
 * tests/transitionRows.ts: the effect, every resource the change replaces, what it deletes and what
 * it leaves in AWS, and a refusal's reason in the program's own words. `npm run docs:transitions`
 * rewrites the block; tests/transitions.spec.ts fails while it differs.
 */

export const DOC = "docs/operations.md";
export const BLOCK = "transitions";

export type Observed =
    | { refused: true; message: string; registered: number }
    | { refused: false; transition: Transition };

const observations = new Map<Row, Promise<Observed>>();

/** What the second run's cloud answers differently: a registry that serves a re-pushed tag. */
const later = (row: Row) => (row.registryAfter ? { registryDigests: row.registryAfter } : {});

/** A row run once per process: the spec's tests and the table share the run. */
export function observe(row: Row): Promise<Observed> {
    let found = observations.get(row);
    if (found === undefined) {
        found =
            row.effect === "refused"
                ? refusedTransition(row.from, row.to, {}, later(row)).then((r) => ({
                      refused: true as const,
                      message: r.message,
                      registered: r.registered.length,
                  }))
                : runTransition(row.from, row.to, {}, later(row)).then((transition) => ({
                      refused: false as const,
                      transition,
                  }));
        observations.set(row, found);
    }
    return found;
}

const nodeNames = (t: Transition): string[] =>
    (t.after.outputs.deployment?.nodes ?? []).map((n: { key?: string }) =>
        n.key ? `node-${n.key}` : "node",
    );

/** What a change does, from its steps, strongest first. */
export function effectOf(t: Transition): Effect {
    const nodes = (run: Transition["before"]) => (run.outputs.deployment?.nodes ?? []).length;
    const disrupted = nodeNames(t).map((n) => disruptions(t, n));
    if (nodes(t.before) !== nodes(t.after)) {
        return "nodes added or removed";
    }
    if (t.steps.some((s) => s.type === "aws:ebs/volume:Volume" && s.op === "create")) {
        return "new volume";
    }
    if (disrupted.some((steps) => steps.some((s) => s.type.includes("autoscaling")))) {
        return "instance replacement";
    }
    if (disrupted.some((steps) => steps.length > 0)) {
        return "task restart";
    }
    if (t.steps.some((s) => s.type === "aws:route53/zone:Zone" && s.op === "replace")) {
        return "zone replacement";
    }
    return t.steps.some((s) => s.op !== "same") ? "in place" : "no change";
}

/** `TaskDefinition \`node-task\`` for `aws:ecs/taskDefinition:TaskDefinition` node-task. */
const resource = (s: { type: string; name: string }) => `${s.type.split(":").pop()} \`${s.name}\``;

/** Each node taken out of service: its instance when the group rolls it, else its task. */
function rolled(t: Transition): string[] {
    return nodeNames(t).flatMap((node) => {
        const steps = disruptions(t, node);
        if (steps.length === 0) {
            return [];
        }
        const what = steps.some((s) => s.type.includes("autoscaling")) ? "instance" : "task";
        return [`the ${what} of \`${node}\``];
    });
}

/** `MetricAlarm ×7, Invocation` for the steps of one kind, grouped by type. */
function countedByType(steps: { type: string }[]): string {
    const counts = new Map<string, number>();
    for (const s of steps) {
        const type = s.type.split(":").pop()!;
        counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    return [...counts]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, n]) => (n > 1 ? `${type} ×${n}` : type))
        .join(", ");
}

/**
 * What a change takes down or away: the nodes it rolls, every resource it replaces, what it deletes
 * and what it leaves in AWS (retained on delete).
 */
export function replacedCell(t: Transition): string {
    const of = (op: string) => t.steps.filter((s) => s.op === op);
    const parts = [
        [...rolled(t), ...of("replace").map(resource).sort()].join(", "),
        of("delete").length > 0 ? `deletes ${countedByType(of("delete"))}` : "",
        of("forget").length > 0
            ? `left in AWS: ${of("forget").map(resource).sort().join(", ")}`
            : "",
    ].filter((p) => p !== "");
    return parts.length > 0 ? parts.join("; ") : "none";
}

/** A refusal's reason: the preview's problem the row expects, to its first clause. */
export function refusalReason(message: string, expected: RegExp): string {
    const problem = message.split("\n").find((l) => l.startsWith("  - ") && expected.test(l));
    if (problem === undefined) {
        throw new Error(`the refusal names no problem matching ${expected}: ${message}`);
    }
    const text = problem.replace(/^ {2}- [^:]+:[^:]+: /, "");
    return text.split(/; |\. | \(/)[0]!;
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** The table's rows, one per transition row, from the observed runs. */
export async function transitionTable(): Promise<string[]> {
    const lines = [
        "| Key | Change | Effect | Taken down or replaced | Safe recipe or note |",
        "|---|---|---|---|---|",
    ];
    for (const row of TRANSITIONS) {
        const seen = await observe(row);
        const effect = seen.refused
            ? `**refused**: ${refusalReason(seen.message, row.refusal!)}`
            : `**${effectOf(seen.transition)}**`;
        const replaced = seen.refused ? "none" : replacedCell(seen.transition);
        lines.push(
            `| \`${row.key}\` | ${cell(row.what)} | ${cell(effect)} | ${replaced} | ${cell(row.note ?? "")} |`,
        );
    }
    return lines;
}

async function main(): Promise<void> {
    const file = path.join(__dirname, "..", DOC);
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, replaceBlock(text, BLOCK, (await transitionTable()).join("\n")));
    process.stdout.write(`${DOC}: rewrote ${BLOCK}\n`);
}

if (require.main === module) {
    main().catch((e) => {
        process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
    });
}
