import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { contextHash } from "../components/parityImage";

describe("ParityImage build contexts", () => {
    it("hashes a whole context: any file added or changed gives a new tag, another context's files do not", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "contexts-"));
        const node = path.join(root, "node");
        const monitor = path.join(root, "monitor");
        fs.mkdirSync(path.join(node, "lib"), { recursive: true });
        fs.mkdirSync(monitor);
        fs.writeFileSync(path.join(node, "Dockerfile"), "FROM x");
        fs.writeFileSync(path.join(monitor, "Dockerfile"), "FROM y");
        const first = contextHash(node);
        fs.writeFileSync(path.join(monitor, "Dockerfile"), "FROM z");
        expect(contextHash(node), "the monitor's context is not the node's").to.equal(first);
        fs.writeFileSync(path.join(node, "lib", "helper.sh"), "echo");
        const second = contextHash(node);
        expect(second, "a new file in a subfolder").to.not.equal(first);
        fs.writeFileSync(path.join(node, "lib", "helper.sh"), "echo changed");
        expect(contextHash(node), "a changed file").to.not.equal(second);
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("builds the node images from docker/node and the monitor from its own folder", () => {
        const docker = path.join(__dirname, "..", "docker");
        expect(fs.readdirSync(path.join(docker, "node")).sort()).to.deep.equal([
            "Dockerfile",
            "checkpoint-trust.sh",
            "node-entrypoint.sh",
        ]);
        expect(fs.readdirSync(path.join(docker, "monitor"))).to.deep.equal(["Dockerfile"]);
    });
});
