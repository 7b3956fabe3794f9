#!/usr/bin/env python3
"""Prints the options teku's beacon-node command accepts, one per line, read from its source at a tag.

Usage: tests/oracles/teku-options.py <teku git dir> <tag>

The command is BeaconNodeCommand; its options are its own @Option names and those of every @Mixin
options class it reaches, with their superclasses (teku/src/main/java/tech/pegasys/teku/cli/). The
output is TEKU_CLI's flag list in tests/oracles/cliReferences.ts.
"""
import re
import subprocess
import sys

CLI = "teku/src/main/java/tech/pegasys/teku/cli/"


def main(git_dir: str, tag: str) -> None:
    def show(path: str) -> str:
        return subprocess.run(
            ["git", f"--git-dir={git_dir}", "show", f"{tag}:{path}"],
            capture_output=True, text=True, check=True,
        ).stdout

    def option_names(source: str) -> list[str]:
        names = []
        for match in re.finditer(r'names\s*=\s*(\{[^}]*\}|"[^"]*"|[A-Z_]+)', source):
            names += re.findall(r'"(--[^"]+)"', match.group(1))
            # A name given as a constant of the same file: CONFIG_FILE_OPTION_NAME = "--config-file".
            for constant in re.findall(r"\b([A-Z][A-Z_]+)\b", match.group(1)):
                value = re.search(constant + r'\s*=\s*"(--[^"]+)"', source)
                if value:
                    names.append(value.group(1))
        return names

    seen: set[str] = set()
    flags: set[str] = set()

    def visit(path: str) -> None:
        if path in seen:
            return
        seen.add(path)
        source = show(path)
        flags.update(option_names(source))
        for parent in re.findall(r"class \w+ extends (\w+Options)\b", source):
            visit(f"{CLI}options/{parent}.java")
        for mixin in re.findall(r"@Mixin(?:\([^)]*\))?\s*(?:private\s+)?(?:final\s+)?(\w+)\s+\w+", source):
            visit(f"{CLI}options/{mixin}.java")

    visit(f"{CLI}BeaconNodeCommand.java")
    print("\n".join(sorted(flags)))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
