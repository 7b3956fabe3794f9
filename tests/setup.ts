import { ensurePythonTools } from "./toolchain";
import { stopSharedMoto } from "./moto";

/**
 * Mocha fixtures of the integration suite (npm run test:integration): the pinned test tools exist
 * before any spec runs (the first run only installs them), and the run's one moto server stops after it.
 */
export function mochaGlobalSetup(): void {
    ensurePythonTools({ log: (line) => console.log(line) });
}

export const mochaHooks = {
    afterAll: stopSharedMoto,
};
