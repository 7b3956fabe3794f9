import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { assertBackendServesSelfReference } from "../../components/backend";
import { pulumiBin, PULUMI_VERSION } from "./pulumiBinary";

/**
 * The real engine (CLI v3.274.1, built here) and a local file backend: does a stack read its own last
 * outputs through `organization/<project>/<stack>`, as the program does? A YAML program holding only
 * that reference runs `pulumi up` twice, in the project layout and in the legacy one, and the
 * program's own backend check (components/backend.ts) is held against what the engine did.
 */
const PROGRAM = `name: selfref
runtime: yaml
resources:
  self:
    type: pulumi:pulumi:StackReference
    properties:
      name: organization/selfref/dev
outputs:
  marker: first-run
  previous: \${self.outputs["marker"]}
`;

describe(`the real Pulumi CLI ${PULUMI_VERSION}: a stack reading its own last outputs`, function () {
    this.timeout(300000);
    let home: string;
    let program: string;

    before(() => {
        home = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-home-"));
        program = path.join(home, "program");
        fs.mkdirSync(program);
        fs.writeFileSync(path.join(program, "Pulumi.yaml"), PROGRAM);
    });
    after(() => fs.rmSync(home, { recursive: true, force: true }));

    function pulumi(backend: string, args: string[], extra: Record<string, string> = {}) {
        const result = spawnSync(path.join(pulumiBin(), "pulumi"), args, {
            cwd: program,
            encoding: "utf8",
            env: {
                PATH: `${pulumiBin()}:${process.env.PATH ?? ""}`,
                HOME: home,
                PULUMI_HOME: path.join(home, ".pulumi"),
                PULUMI_BACKEND_URL: `file://${backend}`,
                PULUMI_CONFIG_PASSPHRASE: "test",
                PULUMI_SKIP_UPDATE_CHECK: "true",
                ...extra,
            },
        });
        return { status: result.status, output: `${result.stdout}${result.stderr}` };
    }

    const backend = (name: string) => {
        const dir = path.join(home, name);
        fs.mkdirSync(dir);
        return dir;
    };

    it("reads the previous run's outputs in the project layout, which the program accepts", () => {
        const dir = backend("project");
        expect(pulumi(dir, ["stack", "init", "dev"]).status).to.equal(0);
        for (let run = 0; run < 2; run++) {
            const up = pulumi(dir, ["up", "--yes", "--skip-preview"]);
            expect(up.status, up.output).to.equal(0);
        }
        const previous = pulumi(dir, ["stack", "output", "previous"]);
        expect(previous.output.trim()).to.equal("first-run");
        expect(() =>
            assertBackendServesSelfReference({ PULUMI_BACKEND_URL: `file://${dir}` }),
        ).to.not.throw();
    });

    it("fails in the legacy layout, which the program refuses first; pulumi state upgrade mends it", () => {
        const dir = backend("legacy");
        const legacy = {
            PULUMI_DIY_BACKEND_LEGACY_LAYOUT: "true",
            PULUMI_DIY_BACKEND_IGNORE_DEPRECATION_ERROR: "1",
        };
        expect(pulumi(dir, ["stack", "init", "dev"], legacy).status).to.equal(0);
        const up = pulumi(dir, ["up", "--yes", "--skip-preview"], legacy);
        expect(up.status).to.not.equal(0);
        expect(up.output).to.contain("invalid character '/'");
        expect(() =>
            assertBackendServesSelfReference({ PULUMI_BACKEND_URL: `file://${dir}` }),
        ).to.throw(/legacy layout.*pulumi state upgrade/);

        const upgraded = pulumi(dir, ["state", "upgrade", "--yes"], legacy);
        expect(upgraded.status, upgraded.output).to.equal(0);
        for (let run = 0; run < 2; run++) {
            const again = pulumi(dir, ["up", "--yes", "--skip-preview"]);
            expect(again.status, again.output).to.equal(0);
        }
        expect(pulumi(dir, ["stack", "output", "previous"]).output.trim()).to.equal("first-run");
        expect(() =>
            assertBackendServesSelfReference({ PULUMI_BACKEND_URL: `file://${dir}` }),
        ).to.not.throw();
    });
});
