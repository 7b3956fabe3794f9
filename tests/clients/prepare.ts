import { EXECUTION_CLIENTS } from "../../catalog/clients";
import { ensureGeth } from "./gethBinary";
import { ensurePythonTools } from "../toolchain";

/** Before `npm run test:clients` enters its loopback-only namespace: the pinned geth and test tools. */
ensurePythonTools({ log: (line) => console.log(line) });
ensureGeth(EXECUTION_CLIENTS.geth.image.tag, (line) => console.log(line));
