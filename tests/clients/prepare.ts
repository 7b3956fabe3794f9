import { EXECUTION_CLIENTS } from "../../catalog/clients";
import { ensureGeth } from "./gethBinary";
import { ensurePythonTools } from "../toolchain";
import { ensurePulumi } from "./pulumiBinary";
import { ensureReleaseSources } from "./releaseSources";
import { ensureProviderSource } from "./providerSchema";
import { ensureKarpenterPrices } from "./instancePrices";

/**
 * Before `npm run test:clients` enters its loopback-only namespace: the pinned geth, the Pulumi CLI
 * with its YAML language host, the release records' sources, terraform-provider-aws's source,
 * Karpenter's price table (tests/clients/instancePrices.ts), and the test tools.
 */
ensurePythonTools({ log: (line) => console.log(line) });
ensureGeth(EXECUTION_CLIENTS.geth.image.tag, (line) => console.log(line));
ensurePulumi((line) => console.log(line));
ensureReleaseSources((line) => console.log(line));
ensureProviderSource((line) => console.log(line));
void ensureKarpenterPrices((line) => console.log(line)).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
});
