import { ClientBase, ClientPair, runningRelease } from "../catalog/clients";
import { Reader } from "./reader";
import { show } from "./fields";
import { ChosenRelease, Role } from "./types";

/**
 * `executionVersion` and `consensusVersion`: the release each client of the pair runs, the pin when
 * unset. A version of the client's tag shape is accepted; the pre-flight checks a known one's fork
 * schedule and security notes, and warns that an unknown one is unverified (domain/releaseReadiness.ts).
 */

export const VERSION_KEYS: Record<Role, "executionVersion" | "consensusVersion"> = {
    execution: "executionVersion",
    consensus: "consensusVersion",
};

/** The client with its image at another release. */
const atVersion = <C extends ClientBase>(client: C, version: string): C => ({
    ...client,
    image: { ...client.image, tag: version },
});

/** The known releases, pin marked, as an error names them. */
const knownVersions = (client: ClientBase) =>
    client.releases.releases
        .map((r) => (r.version === client.releases.pin ? `${r.version} (the pin)` : r.version))
        .join(", ");

function readVersion<C extends ClientBase>(
    r: Reader,
    role: Role,
    client: C,
): ChosenRelease & { client: C } {
    const key = VERSION_KEYS[role];
    const { pin, versionPattern, versionPatternDoc } = client.releases;
    const value = r.isSet(key) ? r.raw[key]! : undefined;
    if (value !== undefined && !versionPattern.test(value)) {
        r.problem(
            key,
            `${show(value)} is not a ${client.displayName} image tag; allowed: ${versionPatternDoc} (known releases: ${knownVersions(client)})`,
        );
    }
    const version = value !== undefined && versionPattern.test(value) ? value : pin;
    const chosen = atVersion(client, version);
    return {
        role,
        client: chosen,
        version,
        explicit: value !== undefined,
        known: runningRelease(chosen),
    };
}

/** The pair at the chosen releases, and each choice. */
export function readVersions(
    r: Reader,
    pair: ClientPair,
): { client: ClientPair; releases: Record<Role, ChosenRelease> } {
    const execution = readVersion(r, "execution", pair.execution);
    const consensus = readVersion(r, "consensus", pair.consensus);
    return {
        client: {
            ...pair,
            execution: execution.client,
            consensus: consensus.client,
        },
        releases: { execution, consensus },
    };
}
