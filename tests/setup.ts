import { ensurePythonTools } from "./toolchain";

/** Mocha global fixture: the pinned test tools exist before any spec runs (first run only installs). */
export function mochaGlobalSetup(): void {
    ensurePythonTools({ log: (line) => console.log(line) });
}
