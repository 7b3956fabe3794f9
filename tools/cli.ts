import { parseArgs } from "util";

/**
 * What the command-line tools share: strict argument parsing (Node's util.parseArgs: unknown flags
 * and missing values are errors), `--help` with examples, exit codes, and a progress line on stderr.
 * Exit codes: 0 done, 1 a finding (a mandatory violation, no snapshot), 2 bad usage or a failure.
 */

export interface Io {
    out(text: string): void;
    err(text: string): void;
}

export const PROCESS_IO: Io = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
};

export interface FlagSpec {
    type: "string" | "boolean";
    description: string;
    /** Shown in the help as the value's name, e.g. NAME. */
    value?: string;
    default?: string;
}

/** The flag every offline tool takes: which committed stack file to read. */
export const STACK_FLAG: FlagSpec = {
    type: "string",
    value: "NAME",
    description: "stack file to read (Pulumi.NAME.yaml)",
    default: "mainnet",
};

export interface CliSpec {
    command: string;
    summary: string;
    flags: Record<string, FlagSpec>;
    examples: string[];
}

export class UsageError extends Error {}

export function helpText(spec: CliSpec): string {
    const flags = Object.entries({
        ...spec.flags,
        help: { type: "boolean", description: "print this help and exit" } as FlagSpec,
    }).map(([name, f]) => {
        const left = `  --${name}${f.type === "string" ? ` ${f.value ?? "VALUE"}` : ""}`;
        const def = f.default !== undefined ? ` (default: ${f.default})` : "";
        return `${left.padEnd(26)}${f.description}${def}`;
    });
    return [
        `usage: ${spec.command} [options]`,
        "",
        spec.summary,
        "",
        "options:",
        ...flags,
        "",
        "examples:",
        ...spec.examples.map((e) => `  ${e}`),
    ].join("\n");
}

export type Values = Record<string, string | boolean | undefined>;

/** Parses argv strictly; returns undefined when --help was given (the help is already printed). */
export function parseCli(spec: CliSpec, argv: string[], io: Io): Values | undefined {
    const options = Object.fromEntries(
        Object.entries(spec.flags).map(([name, f]) => [
            name,
            { type: f.type, ...(f.default !== undefined ? { default: f.default } : {}) },
        ]),
    );
    let parsed: { values: Values };
    try {
        parsed = parseArgs({
            args: argv,
            options: { ...options, help: { type: "boolean" } },
            strict: true,
            allowPositionals: false,
        }) as { values: Values };
    } catch (e) {
        throw new UsageError(`${(e as Error).message}\nrun with --help for the options`);
    }
    if (parsed.values.help) {
        io.out(helpText(spec));
        return undefined;
    }
    return parsed.values;
}

/** A flag's value as a non-negative number, or undefined when not given. */
export function numberFlag(values: Values, flag: string): number | undefined {
    const raw = values[flag];
    if (raw === undefined) {
        return undefined;
    }
    const n = Number(raw);
    if (typeof raw !== "string" || raw.trim() === "" || !Number.isFinite(n) || n < 0) {
        throw new UsageError(`--${flag} takes a non-negative number, got ${JSON.stringify(raw)}`);
    }
    return n;
}

/** Prints what a slow step is doing, then how long it took, on stderr (stdout stays machine-readable). */
export async function withProgress<T>(io: Io, what: string, step: () => Promise<T>): Promise<T> {
    const started = Date.now();
    io.err(`${what} …`);
    const result = await step();
    io.err(`${what}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
}

/** Runs a tool's main as a process: usage errors and failures go to stderr with exit code 2. */
export function runAsProcess(
    name: string,
    main: (argv: string[], io: Io) => Promise<number>,
): void {
    main(process.argv.slice(2), PROCESS_IO).then(
        (code) => process.exit(code),
        (e: Error) => {
            process.stderr.write(`${name}: ${e.message}\n`);
            process.exit(2);
        },
    );
}
