import { runNode } from "./components/program";

/**
 * The Pulumi entry point. The runtime calls an exported function and exports what it returns as the
 * stack's outputs; the composition itself is components/program.ts.
 */
export = runNode;
