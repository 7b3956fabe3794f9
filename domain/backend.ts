/**
 * The stack reads its own last outputs through `organization/<project>/<stack>`. A local (file)
 * backend in the legacy layout cannot serve that name: it parses the whole reference as a stack name
 * and refuses the slashes (pulumi/pulumi pkg/backend/diy). The layout is its `.pulumi/meta.yaml`:
 * `version: 1` is the project layout; a legacy store has version 0, which is never written (meta.go).
 */

/** The backend's folder when it is a local one (`file://…`, `file://~` for the home folder). */
export function localBackendDir(url: string | undefined, home: string): string | undefined {
    const m = /^file:\/\/(.*)$/.exec(url ?? "");
    if (m === null) {
        return undefined;
    }
    const dir = m[1] === "" || m[1] === "~" ? home : m[1]!.replace(/^~(?=\/)/, home);
    return dir.replace(/\/+$/, "") || "/";
}

/** Why this backend cannot serve the program's self-reference, or undefined when it can. */
export function legacyLayoutProblem(
    url: string | undefined,
    meta: string | undefined,
): string | undefined {
    if (!/^file:\/\//.test(url ?? "") || (meta !== undefined && /^version:\s*[1-9]/m.test(meta))) {
        return undefined;
    }
    return `the local backend ${url} uses the legacy layout, where a stack cannot read its own outputs as organization/<project>/<stack> (and the program needs them to change a running stack safely). Upgrade it once with \`pulumi state upgrade\`, then run pulumi preview again`;
}
