import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { ofType, runProgram } from "./helpers";

/**
 * Where images are built: `pulumi up` needs a builder that can build both platforms (Docker's
 * default `docker` driver refuses multi-platform builds; docker-build supports docker-container,
 * kubernetes and remote builders), and a preview builds nothing.
 */
describe("the image build where users and CI build", () => {
    interface Step {
        uses?: string;
        run?: string;
        with?: Record<string, string>;
    }
    const workflow = yaml.load(
        fs.readFileSync(
            path.join(__dirname, "..", ".github", "workflows", "pull-request.yml"),
            "utf8",
        ),
    ) as { jobs: Record<string, { steps: Step[] }> };

    it("sets up QEMU for arm64 and a docker-container builder before the workflow's preview", () => {
        const steps = workflow.jobs["preview-with-policy"]!.steps;
        const at = (match: (s: Step) => boolean) => steps.findIndex(match);
        const preview = at((s) => s.uses?.startsWith("pulumi/actions") ?? false);
        const qemu = at((s) => s.uses?.startsWith("docker/setup-qemu-action") ?? false);
        const buildx = at((s) => s.uses?.startsWith("docker/setup-buildx-action") ?? false);
        expect(preview).to.be.above(-1);
        expect(qemu, "QEMU").to.be.within(0, preview - 1);
        expect(steps[qemu]!.with?.platforms).to.contain("arm64");
        expect(buildx, "buildx").to.be.within(0, preview - 1);
        expect(steps[buildx]!.with?.driver).to.equal("docker-container");
    });

    it("builds no image during a preview, and leaves an existing image's setting alone", async () => {
        const { world } = await runProgram({});
        const images = ofType(world, "docker-build:index:Image");
        expect(images).to.have.length(3);
        for (const image of images) {
            expect(image.inputs.buildOnPreview, image.name).to.equal(false);
            expect(image.options.ignoreChanges).to.include("buildOnPreview");
        }
    });
});
