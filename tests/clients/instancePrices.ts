import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { CACHE_DIR } from "../toolchain";

/**
 * An instance price table that is not ours: the on-demand prices Karpenter generates from the AWS
 * Price List API into its source (pkg/providers/pricing/zz_generated.pricing_aws.go, us-east-1),
 * taken from the Go module proxy at a pinned version. prepare.ts fetches the module before the
 * loopback-only namespace.
 */

const MODULE = "github.com/aws/karpenter-provider-aws";
export const KARPENTER_VERSION = "v1.15.3";
/** The module zip as the proxy served it when pinned (go's own check needs a newer Go than ours). */
const ZIP_SHA256 = "0f879734af84f27b96cb071b452b63b025421b64c3ff6c95181375b960b7c4a7";
const PRICING_FILE = "pkg/providers/pricing/zz_generated.pricing_aws.go";

const pricingCopy = () => path.join(CACHE_DIR, `karpenter-pricing-${KARPENTER_VERSION}.go`);

/** Fetches the module zip once and keeps its generated price file under .cache/. */
export async function ensureKarpenterPrices(log: (line: string) => void): Promise<void> {
    if (fs.existsSync(pricingCopy())) {
        return;
    }
    const url = `https://proxy.golang.org/${MODULE}/@v/${KARPENTER_VERSION}.zip`;
    log(`fetching ${MODULE}@${KARPENTER_VERSION} from the Go module proxy (3 MB)`);
    const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
    if (!response.ok) {
        throw new Error(`${url}: HTTP ${response.status}`);
    }
    const zip = Buffer.from(await response.arrayBuffer());
    const digest = crypto.createHash("sha256").update(zip).digest("hex");
    if (digest !== ZIP_SHA256) {
        throw new Error(`${url}: sha256 ${digest}, pinned ${ZIP_SHA256}`);
    }
    const zipPath = path.join(CACHE_DIR, `karpenter-${KARPENTER_VERSION}.zip`);
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.writeFileSync(zipPath, zip);
    const member = `${MODULE}@${KARPENTER_VERSION}/${PRICING_FILE}`;
    const script =
        "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())";
    const read = spawnSync("python3", ["-c", script, zipPath, member], { encoding: "utf8" });
    if (read.status !== 0) {
        throw new Error(`reading ${member}: ${read.stderr}`);
    }
    fs.writeFileSync(pricingCopy(), read.stdout);
    fs.rmSync(zipPath);
}

/** Karpenter's us-east-1 on-demand prices, USD an hour, and the date it generated them. */
export function karpenterPrices(): { generated: string; hourly: Record<string, number> } {
    const text = fs.readFileSync(pricingCopy(), "utf8");
    const generated = /generated at (\S+) for us-east-1/.exec(text)?.[1];
    const start = text.indexOf('"us-east-1": {');
    if (generated === undefined || start < 0) {
        throw new Error(`${pricingCopy()}: no us-east-1 table`);
    }
    const block = text.slice(start, text.indexOf("\n\t},", start));
    const hourly = Object.fromEntries(
        [...block.matchAll(/"([a-z0-9-]+\.[a-z0-9-]+)": ([0-9.]+)/g)].map((m) => [
            m[1]!,
            Number(m[2]),
        ]),
    );
    return { generated, hourly };
}
