import { expect } from "chai";
import { digestProblem, resolveUpstreamDigests } from "../domain/upstreamDigests";
import { clientPair } from "../catalog/clients";

const A = `sha256:${"a".repeat(64)}`;
const B = `sha256:${"b".repeat(64)}`;
const GETH = "ethereum/client-go:v1.17.10";

describe("upstream image digests: what runs is what was reviewed", () => {
    it("accepts a first deploy, a new tag, and the digest that was deployed", () => {
        expect(digestProblem({ image: GETH, digest: A }, undefined, [])).to.equal(undefined);
        expect(
            digestProblem(
                { image: GETH, digest: B },
                { image: "ethereum/client-go:v1.17.8", digest: A },
                [],
            ),
        ).to.equal(undefined);
        expect(digestProblem({ image: GETH, digest: A }, { image: GETH, digest: A }, [])).to.equal(
            undefined,
        );
    });

    it("refuses the same tag serving another digest, naming both and the key that accepts it", () => {
        expect(digestProblem({ image: GETH, digest: B }, { image: GETH, digest: A }, [])).to.equal(
            `image ${GETH}: the registry now serves ${B}, but this stack deployed ${A} under the same tag. The tag was pushed again (a rebuild, or a compromised publisher): review the new image, then accept it with pulumi config set --path 'acceptImageDigests[0]' ${B}`,
        );
        expect(digestProblem({ image: GETH, digest: B }, { image: GETH, digest: A }, [B])).to.equal(
            undefined,
        );
    });

    it("resolves every role's image, the monitor's base included, before anything is registered", async () => {
        const asked: string[] = [];
        const { images, problems } = await resolveUpstreamDigests(
            clientPair("geth-lighthouse"),
            { monitor: { image: "node:22-alpine", digest: A } },
            [],
            {
                registryDigest: async (image) => {
                    asked.push(image);
                    return B;
                },
            },
        );
        expect(asked).to.deep.equal([GETH, "sigp/lighthouse:v8.3.3", "node:22-alpine"]);
        expect(images.execution).to.deep.equal({ image: GETH, digest: B });
        expect(problems.map((p) => p.key)).to.deep.equal(["acceptImageDigests"]);
        expect(problems[0]!.message).to.match(/^image node:22-alpine: the registry now serves/);
    });
});
