import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/**
 * terraform-provider-aws's own schemas, read from its source on the Go module proxy: which top-level
 * arguments of a resource force a new resource (SDK `ForceNew: true`, Plugin Framework
 * `RequiresReplace()`). The oracle the program's replacement rules (catalog/providerRules.ts) are held
 * against, independent of them. @pulumi/aws 7.48.0's own upstream pin is not readable here (its
 * provider module is refused by the proxy); this is the newest tree the proxy serves.
 */

export const PROVIDER_MODULE = "github.com/hashicorp/terraform-provider-aws";
/** 2026-06-02, the tree of terraform-provider-aws 6.48.0 (unreleased then; 6.47.0 was 2026-05-27). */
export const PROVIDER_VERSION = "v1.60.1-0.20260602190131-5f2286d6d836";

/**
 * Each Pulumi type the program registers, as terraform-provider-aws names it; `file` where the schema
 * sits elsewhere; `renames` where pulumi-aws names an argument otherwise than camelCase (each is
 * checked against the pinned @pulumi/aws declarations).
 */
export interface TfResource {
    name: string;
    file?: string;
    renames?: Record<string, string>;
}

export const TF_RESOURCES: Record<string, TfResource> = {
    "aws:autoscaling/group:Group": { name: "aws_autoscaling_group" },
    "aws:cloudwatch/dashboard:Dashboard": { name: "aws_cloudwatch_dashboard" },
    "aws:cloudwatch/eventRule:EventRule": { name: "aws_cloudwatch_event_rule" },
    "aws:cloudwatch/eventTarget:EventTarget": { name: "aws_cloudwatch_event_target" },
    "aws:cloudwatch/logGroup:LogGroup": { name: "aws_cloudwatch_log_group" },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        name: "aws_cloudwatch_metric_alarm",
        renames: { alarm_name: "name" },
    },
    "aws:dlm/lifecyclePolicy:LifecyclePolicy": { name: "aws_dlm_lifecycle_policy" },
    "aws:ebs/snapshotCopy:SnapshotCopy": { name: "aws_ebs_snapshot_copy" },
    "aws:ebs/volume:Volume": { name: "aws_ebs_volume" },
    "aws:ec2/launchTemplate:LaunchTemplate": { name: "aws_launch_template" },
    "aws:ec2/securityGroup:SecurityGroup": { name: "aws_security_group" },
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": { name: "aws_ecr_lifecycle_policy" },
    "aws:ecr/repository:Repository": { name: "aws_ecr_repository" },
    "aws:ecs/cluster:Cluster": { name: "aws_ecs_cluster" },
    "aws:ecs/service:Service": { name: "aws_ecs_service" },
    "aws:ecs/taskDefinition:TaskDefinition": { name: "aws_ecs_task_definition" },
    "aws:iam/instanceProfile:InstanceProfile": { name: "aws_iam_instance_profile" },
    "aws:iam/role:Role": { name: "aws_iam_role" },
    "aws:iam/rolePolicy:RolePolicy": { name: "aws_iam_role_policy" },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { name: "aws_iam_role_policy_attachment" },
    "aws:lambda/function:Function": {
        name: "aws_lambda_function",
        renames: { function_name: "name" },
    },
    "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": {
        name: "aws_lambda_function_event_invoke_config",
    },
    "aws:lambda/invocation:Invocation": { name: "aws_lambda_invocation" },
    "aws:lambda/permission:Permission": {
        name: "aws_lambda_permission",
        renames: { function_name: "function" },
    },
    "aws:lb/listener:Listener": { name: "aws_lb_listener" },
    "aws:lb/loadBalancer:LoadBalancer": { name: "aws_lb" },
    "aws:lb/targetGroup:TargetGroup": { name: "aws_lb_target_group" },
    "aws:route53/record:Record": { name: "aws_route53_record" },
    "aws:route53/zone:Zone": { name: "aws_route53_zone" },
    "aws:sns/topic:Topic": { name: "aws_sns_topic" },
    "aws:sns/topicPolicy:TopicPolicy": { name: "aws_sns_topic_policy" },
    "aws:ssm/parameter:Parameter": { name: "aws_ssm_parameter" },
    "aws:sns/topicSubscription:TopicSubscription": {
        name: "aws_sns_topic_subscription",
        renames: { topic_arn: "topic" },
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
        name: "aws_vpc_security_group_egress_rule",
        // Both rule resources embed one schema, defined beside the ingress rule.
        file: "internal/service/ec2/vpc_security_group_ingress_rule.go",
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        name: "aws_vpc_security_group_ingress_rule",
    },
};

export function providerDir(): string {
    const cache = spawnSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).stdout.trim();
    return path.join(cache, `${PROVIDER_MODULE}@${PROVIDER_VERSION}`);
}

/** The provider's tree, fetched once from the Go module proxy (before the loopback-only namespace). */
export function ensureProviderSource(log: (line: string) => void): void {
    if (fs.existsSync(providerDir())) {
        return;
    }
    log(`fetching ${PROVIDER_MODULE}@${PROVIDER_VERSION} from the Go module proxy (124 MB)`);
    const got = spawnSync("go", ["mod", "download", `${PROVIDER_MODULE}@${PROVIDER_VERSION}`], {
        encoding: "utf8",
    });
    if (got.status !== 0) {
        throw new Error(`go mod download of ${PROVIDER_MODULE} failed: ${got.stderr}`);
    }
}

/** The index of the quote that closes a Go string, raw string or rune opened at `at`. */
function stringEnd(text: string, at: number): number {
    const quote = text[at]!;
    for (let i = at + 1; i < text.length; i++) {
        if (quote !== "`" && text[i] === "\\") {
            i++;
        } else if (text[i] === quote) {
            return i;
        }
    }
    throw new Error("unterminated string");
}

/** The index just past the `}` that closes the `{` at `open`, skipping strings, runes and comments. */
function closing(text: string, open: number): number {
    let depth = 0;
    for (let i = open; i < text.length; i++) {
        const c = text[i];
        if (c === '"' || c === "`" || c === "'") {
            i = stringEnd(text, i);
        } else if (c === "/" && text[i + 1] === "/") {
            i = text.indexOf("\n", i);
        } else if (c === "{") {
            depth++;
        } else if (c === "}" && --depth === 0) {
            return i + 1;
        }
    }
    throw new Error("unbalanced braces");
}

/** Top-level entries `key: value,` of a Go map literal body (between its braces). */
function entries(body: string): { key: string; value: string }[] {
    const found: { key: string; value: string }[] = [];
    const key = /(?:\s|\/\/[^\n]*\n)*("[a-z0-9_]+"|names\.Attr\w+)\s*:\s*/y;
    let at = 0;
    while (at < body.length) {
        key.lastIndex = at;
        const m = key.exec(body);
        if (!m) {
            break;
        }
        // The value ends at the first comma outside braces, parentheses and strings.
        let end = key.lastIndex;
        let depth = 0;
        for (; end < body.length; end++) {
            const c = body[end]!;
            if (c === '"' || c === "`" || c === "'") {
                end = stringEnd(body, end);
            } else if (c === "{") {
                end = closing(body, end) - 1;
            } else if (c === "(") {
                depth++;
            } else if (c === ")") {
                depth--;
            } else if (c === "," && depth === 0) {
                break;
            }
        }
        found.push({ key: m[1]!, value: body.slice(key.lastIndex, end) });
        at = end + 1;
    }
    return found;
}

/** names.AttrX → its string, from the provider's generated constants. */
function attrConstants(dir: string): Map<string, string> {
    const text = fs.readFileSync(path.join(dir, "names", "attr_consts_gen.go"), "utf8");
    return new Map(
        [...text.matchAll(/(Attr\w+)\s*=\s*"([a-z0-9_]+)"/g)].map((m) => [`names.${m[1]}`, m[2]!]),
    );
}

/** The Go file whose annotation registers the resource, or the one the table names. */
function schemaFile(dir: string, resource: TfResource): string {
    if (resource.file) {
        return path.join(dir, resource.file);
    }
    const annotation = new RegExp(`@(SDK|Framework)Resource\\("${resource.name}"`);
    const services = path.join(dir, "internal", "service");
    for (const service of fs.readdirSync(services, { withFileTypes: true })) {
        if (!service.isDirectory()) {
            continue;
        }
        for (const file of fs.readdirSync(path.join(services, service.name))) {
            if (file.endsWith(".go") && !file.endsWith("_test.go")) {
                const full = path.join(services, service.name, file);
                if (annotation.test(fs.readFileSync(full, "utf8"))) {
                    return full;
                }
            }
        }
    }
    throw new Error(`no source registers ${resource.name}`);
}

/** The resource's top-level arguments that force a new resource, in terraform's snake_case. */
export function forceNewArguments(resource: TfResource): string[] {
    const dir = providerDir();
    const text = fs.readFileSync(schemaFile(dir, resource), "utf8");
    const names = attrConstants(dir);
    const opener =
        /map\[string\]\*schema\.Schema\{|Attributes:\s*map\[string\]schema\.Attribute\{/.exec(text);
    if (!opener) {
        throw new Error(`no schema map for ${resource.name}`);
    }
    const open = opener.index + opener[0].length - 1;
    const body = text.slice(open + 1, closing(text, open) - 1);
    return entries(body)
        .filter(
            ({ value }) =>
                /ForceNew:\s*true/.test(shallow(value)) ||
                /RequiresReplace\(\)/.test(shallow(value)),
        )
        .map(({ key }) => (key.startsWith('"') ? key.slice(1, -1) : (names.get(key) ?? key)));
}

/** The resource's default timeouts in minutes (SDK `Timeouts: &schema.ResourceTimeout{…}`); empty when it declares none. */
export function defaultTimeouts(
    resource: TfResource,
): Partial<Record<"create" | "update" | "delete", number>> {
    const text = fs.readFileSync(schemaFile(providerDir(), resource), "utf8");
    const at = text.indexOf("Timeouts: &schema.ResourceTimeout{");
    if (at < 0) {
        return {};
    }
    const block = text.slice(at, closing(text, text.indexOf("{", at)));
    return Object.fromEntries(
        [
            ...block.matchAll(
                /(Create|Update|Delete):\s*schema\.DefaultTimeout\((\d+) \* time\.Minute\)/g,
            ),
        ].map((m) => [m[1]!.toLowerCase(), Number(m[2])]),
    );
}

/**
 * The Pulumi input a terraform argument is: camelCase, pluralized for a list (the bridge's rule), as
 * the pinned @pulumi/aws declares it in the resource's Args; undefined when it declares neither.
 */
export function pulumiInput(type: string, argument: string): string | undefined {
    const [, module, resource] = /^aws:([^/]+)\/([^:]+):/.exec(type)!;
    const renamed = TF_RESOURCES[type]?.renames?.[argument];
    const dts = path.join(
        __dirname,
        "..",
        "..",
        "node_modules",
        "@pulumi",
        "aws",
        module!,
        `${resource}.d.ts`,
    );
    const text = fs.readFileSync(dts, "utf8");
    const args = text.slice(text.indexOf("Args {"));
    const camel = argument.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    const candidates = renamed ? [renamed] : [camel, `${camel}s`, `${camel}es`];
    return candidates.find((name) => new RegExp(`\\n\\s+${name}\\??:`).test(args));
}

/** An attribute's own settings: its nested schemas (Elem, Attributes, Blocks) cut out. */
function shallow(value: string): string {
    const nested = /(Elem:|Attributes:|Blocks:|NestedObject:)\s*[^{]*\{/g;
    let out = value;
    for (let m = nested.exec(out); m; m = nested.exec(out)) {
        const open = m.index + m[0].length - 1;
        out = out.slice(0, m.index) + out.slice(closing(out, open));
        nested.lastIndex = m.index;
    }
    return out;
}
