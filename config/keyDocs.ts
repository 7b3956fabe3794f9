import { KEY_SPECS, KeySpec, integersAllowed } from "./keys";
import { VOLUME_TYPES } from "../catalog/ebs";

/**
 * The configuration table of docs/reference.md, written from the key table (config/keys.ts): a test
 * keeps the page equal to it. Besides the program's keys it shows the provider's region and the fields of
 * `profiles.<profile>`, which config/profiles.ts reads.
 */

const REGION_ROW: KeySpec = {
    key: "aws:region",
    defaultDoc: "(required)",
    allowedDoc: "an AWS region",
    readBy: "config/index.ts",
    shapes: "every resource's region",
};

const override = (field: string, defaultDoc: string, allowedDoc: string, readBy: string) => ({
    key: `profiles.<profile>.${field}`,
    defaultDoc,
    allowedDoc,
    readBy,
    shapes: "",
});

const OVERRIDE_ROWS: KeySpec[] = [
    {
        ...override(
            "instanceType",
            "see below",
            "an EC2 instance type offered in the zone, with the pair's memory after ECS's overhead",
            "domain/preflight.ts",
        ),
        shapes: "launch template",
    },
    {
        ...override(
            "volumeType",
            "`gp3`",
            Object.keys(VOLUME_TYPES)
                .map((t) => `\`${t}\``)
                .join(", "),
            "domain/profile.ts",
        ),
        shapes: "volume",
    },
    {
        ...override(
            "volumeSizeGiB",
            "the pair's sourced size today plus 3 months of growth (`catalog/disk.ts`; `npm run plan` shows it for a stack)",
            "the type's range, and at least the client's minimum",
            "domain/profile.ts",
        ),
        shapes: "volume",
    },
    {
        ...override(
            "iops",
            "see below",
            "gp3 3000–80000 (≤ 500/GiB); io1 100–64000 (≤ 50/GiB); io2 100–256000 (≤ 1000/GiB); none for gp2",
            "domain/profile.ts",
        ),
        shapes: "volume",
    },
    {
        ...override(
            "throughputMiBps",
            "see below",
            "gp3 only: 125–2000, ≤ 0.25 MiB/s per IOPS",
            "domain/profile.ts",
        ),
        shapes: "volume",
    },
    {
        ...override(
            "volumeInitializationRateMiBps",
            "300",
            "100–300; used when restoring from `chainSnapshotId`",
            "domain/profile.ts",
        ),
        shapes: "volume",
    },
    override(
        "allowUndersized",
        "false",
        '`true` turns "below the client\'s minimum" errors into warnings',
        "domain/profile.ts, domain/preflight.ts",
    ),
];

/** The default in words: as documented, or the rule's own value. */
function defaultOf(spec: KeySpec): string {
    if (spec.defaultDoc !== undefined || spec.rule === undefined) {
        return spec.defaultDoc ?? "";
    }
    return spec.rule.type === "integer" ? String(spec.rule.default) : `\`${spec.rule.default}\``;
}

/** What is allowed in words: as documented, or the rule's range or values. */
function allowedOf(spec: KeySpec): string {
    const rule = spec.rule;
    if (spec.allowedDoc !== undefined || rule === undefined) {
        return spec.allowedDoc ?? "";
    }
    switch (rule.type) {
        case "integer":
            return integersAllowed(rule);
        case "boolean":
            return "`true`, `false`";
        case "choice":
            return rule.values.map((v) => `\`${v}\``).join(", ");
    }
}

function row(spec: KeySpec): string {
    const readBy = spec.readBy
        .split(", ")
        .map((module) => `\`${module}\``)
        .join(", ");
    const shapes = spec.shapes ? `${readBy} → ${spec.shapes}` : readBy;
    return `| \`${spec.key}\` | ${defaultOf(spec)} | ${allowedOf(spec)} | ${shapes} |`;
}

export function configTable(): string[] {
    return [
        "| Key | Default | Allowed | Read by → shapes |",
        "|---|---|---|---|",
        ...[REGION_ROW, ...Object.values(KEY_SPECS), ...OVERRIDE_ROWS].map(row),
    ];
}
