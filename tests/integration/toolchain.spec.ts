import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensurePythonTools, PYTHON, SHELLCHECK } from "../toolchain";
import { errorOf } from "../helpers";

describe("the test toolchain (pinned moto and shellcheck in .cache/)", () => {
    it("uses its own pinned copies, not whatever is on PATH", () => {
        expect(PYTHON).to.contain(`${path.sep}.cache${path.sep}`);
        expect(SHELLCHECK).to.contain(`${path.sep}.cache${path.sep}`);
        expect(fs.existsSync(SHELLCHECK), SHELLCHECK).to.equal(true);
    });

    it("says in one line what to install when Python 3 is missing", async () => {
        const venv = fs.mkdtempSync(path.join(os.tmpdir(), "venv-"));
        const message = await errorOf(() =>
            ensurePythonTools({ python3: path.join(venv, "no-python3"), venv }),
        );
        expect(message).to.equal(
            "the tests need Python 3 for moto server and shellcheck: install python3 (Debian/Ubuntu: apt-get install python3 python3-venv)",
        );
    });

    it("says what to install when Python 3 has no venv module", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "venv-"));
        // A python3 that answers --version but, like Debian's without python3-venv, cannot make a venv.
        const fake = path.join(dir, "python3");
        fs.writeFileSync(
            fake,
            '#!/bin/sh\n[ "$1" = --version ] && exit 0\necho "ensurepip is not available" >&2\nexit 1\n',
            { mode: 0o755 },
        );
        const message = await errorOf(() =>
            ensurePythonTools({ python3: fake, venv: path.join(dir, "venv") }),
        );
        expect(message).to.match(
            /^python3 cannot create a virtual environment; install its venv module/,
        );
        expect(message).to.contain("ensurepip is not available");
    });
});
