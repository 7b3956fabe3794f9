import { ClientPair } from "../catalog/clients";
import { IMAGE_ROLES, ImageRole, imageName, upstreamImages } from "../catalog/images";
import { ConfigProblem } from "../config";
import { AwsLookups } from "./awsLookups";

/**
 * What runs is what was reviewed: the stack records the digest each upstream image tag resolved to
 * when it was deployed, and a later preview that finds the same tag serving another digest stops,
 * naming both, before anything is registered. A re-pushed tag (a rebuild, or a compromised
 * publisher account) then never rolls out as an ordinary task restart; the operator reviews the new
 * digest and accepts it by name.
 */

/** An upstream image as deployed: `repository:tag` and the digest the registry served for it. */
export interface UpstreamImage {
    image: string;
    digest: string;
}

/** Why a resolved digest may not be used, or undefined when it may. */
export function digestProblem(
    resolved: UpstreamImage,
    deployed: UpstreamImage | undefined,
    accepted: string[],
): string | undefined {
    if (deployed === undefined || deployed.image !== resolved.image) {
        return undefined;
    }
    if (deployed.digest === resolved.digest || accepted.includes(resolved.digest)) {
        return undefined;
    }
    return `image ${resolved.image}: the registry now serves ${resolved.digest}, but this stack deployed ${deployed.digest} under the same tag. The tag was pushed again (a rebuild, or a compromised publisher): review the new image, then accept it with pulumi config set --path 'acceptImageDigests[0]' ${resolved.digest}`;
}

/** Each role's upstream image with the digest its tag serves now, and the problems that stop the run. */
export async function resolveUpstreamDigests(
    client: ClientPair,
    deployed: Partial<Record<string, UpstreamImage>>,
    accepted: string[],
    lookups: Pick<AwsLookups, "registryDigest">,
): Promise<{ images: Record<ImageRole, UpstreamImage>; problems: ConfigProblem[] }> {
    const refs = upstreamImages(client);
    const resolved = await Promise.all(
        IMAGE_ROLES.map(async (role) => {
            const image = imageName(refs[role]);
            return [role, { image, digest: await lookups.registryDigest(image) }] as const;
        }),
    );
    const problems = resolved.flatMap(([role, image]) => {
        const message = digestProblem(image, deployed[role], accepted);
        return message === undefined ? [] : [{ key: "acceptImageDigests", message }];
    });
    return { images: Object.fromEntries(resolved) as Record<ImageRole, UpstreamImage>, problems };
}
