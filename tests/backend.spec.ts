import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { legacyLayoutProblem, localBackendDir } from "../domain/backend";
import { assertBackendServesSelfReference, currentBackendUrl } from "../components/backend";
import { errorOf } from "./helpers";

/** The self-reference needs a backend that can name a project (tests/clients/pulumiCli.spec.ts runs the real CLI). */
describe("the backend the self-reference reads from", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "backend-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("finds the backend as the CLI does: PULUMI_BACKEND_URL, else the current login", () => {
        expect(currentBackendUrl({ PULUMI_BACKEND_URL: "file:///state" })).to.equal(
            "file:///state",
        );
        fs.writeFileSync(
            path.join(dir, "credentials.json"),
            JSON.stringify({ current: "https://api.pulumi.com", accessTokens: {} }),
        );
        expect(currentBackendUrl({ PULUMI_HOME: dir })).to.equal("https://api.pulumi.com");
        expect(localBackendDir("file://~", "/home/u")).to.equal("/home/u");
        expect(localBackendDir("file:///srv/state/", "/home/u")).to.equal("/srv/state");
        expect(localBackendDir("s3://bucket", "/home/u")).to.equal(undefined);
    });

    it("accepts the project layout and every other backend, refuses the legacy layout with the upgrade", async () => {
        expect(legacyLayoutProblem("file:///s", "version: 1\n")).to.equal(undefined);
        expect(legacyLayoutProblem("https://api.pulumi.com", undefined)).to.equal(undefined);
        expect(legacyLayoutProblem("file:///s", undefined)).to.contain("pulumi state upgrade");
        expect(legacyLayoutProblem("file:///s", "version: 0\n")).to.contain("legacy layout");

        fs.mkdirSync(path.join(dir, ".pulumi", "stacks"), { recursive: true });
        const env = { PULUMI_BACKEND_URL: `file://${dir}` };
        expect(await errorOf(() => assertBackendServesSelfReference(env))).to.match(
            /^the local backend file:\/\/\S+ uses the legacy layout, .*`pulumi state upgrade`/,
        );
        fs.writeFileSync(path.join(dir, ".pulumi", "meta.yaml"), "version: 1\n");
        expect(() => assertBackendServesSelfReference(env)).to.not.throw();
    });
});
