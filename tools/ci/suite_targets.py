#!/usr/bin/env python3
"""Prints the ninja targets that the tests of the given suites need, one per line.

    suite_targets.py BUILD_DIR SUITE [SUITE ...]

A test needs its program, every build target it depends on, and every argument that is a file
built in BUILD_DIR (a program a Python driver runs, for instance). Used to build only part of a
tree, e.g. the sanitizer build of tools/dev.sh, which runs some suites and not the proofs.
"""
import json
import pathlib
import subprocess
import sys


def introspect(build: str, what: str):
    return json.loads(subprocess.run(["meson", "introspect", what, build], check=True,
                                     capture_output=True, text=True).stdout)


def main() -> int:
    build, suites = pathlib.Path(sys.argv[1]).resolve(), set(sys.argv[2:])
    if not suites:
        print(__doc__, file=sys.stderr)
        return 2
    targets = introspect(str(build), "--targets")
    by_id = {t["id"]: t for t in targets}
    outputs = {f for t in targets for f in t["filename"]}
    wanted: set[str] = set()
    found = set()
    for test in introspect(str(build), "--tests"):
        mine = {s.split(":")[-1] for s in test["suite"]} & suites
        if not mine:
            continue
        found |= mine
        for dep in test.get("depends", []):
            if dep in by_id:
                wanted.update(by_id[dep]["filename"])
        for arg in test["cmd"]:
            if arg in outputs:
                wanted.add(arg)
    for s in sorted(suites - found):
        print(f"suite_targets: no test in suite {s}", file=sys.stderr)
    if suites - found:
        return 1
    for f in sorted(wanted):
        print(pathlib.Path(f).relative_to(build))
    return 0


if __name__ == "__main__":
    sys.exit(main())
