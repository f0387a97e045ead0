#!/usr/bin/env python3
"""The tests that must run, per kind of build, and the check that they did.

    check_tests.py check MANIFEST KIND BUILD_DIR [--suite S ...]
        reads BUILD_DIR/meson-logs/testlog.json and fails unless every test the manifest lists for
        KIND ran and passed, and no test ran that the manifest does not list. A suite that vanished
        from meson.build, a test that was skipped and a test that nobody listed all fail.
    check_tests.py write MANIFEST KIND BUILD_DIR [--suite S ...]
        replaces KIND's section of MANIFEST by the tests BUILD_DIR declares (meson introspect),
        restricted to the given suites (all when none is given).

The manifest has one section per kind ("[gcc]", "[clang]"), one "suite :: name" per line.
A test belongs to the suites meson gives it; it is listed under the first.
"""
import json
import pathlib
import subprocess
import sys


def read_manifest(path: pathlib.Path) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    if path.exists():
        for line in path.read_text().splitlines():
            line = line.rstrip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                current = line[1:-1]
                sections[current] = []
            elif current is not None:
                sections[current].append(line)
    return sections


def write_manifest(path: pathlib.Path, sections: dict[str, list[str]]) -> None:
    out = ["# The tests each kind of build must run (tools/ci/check_tests.py; tools/dev.sh manifest).",
           "# A test missing from a run, skipped, or not listed here fails tools/dev.sh test."]
    for kind in sorted(sections):
        out.append("")
        out.append(f"[{kind}]")
        out.extend(sorted(sections[kind]))
    path.write_text("\n".join(out) + "\n")


def entry(suites: list[str], name: str) -> str:
    # meson names suites "project:suite"; keep the suite alone
    suite = suites[0].split(":")[-1] if suites else ""
    return f"{suite} :: {name}"


def in_suites(suites: list[str], wanted: list[str]) -> bool:
    return not wanted or any(s.split(":")[-1] in wanted for s in suites)


def main() -> int:
    if len(sys.argv) < 5 or sys.argv[1] not in ("check", "write"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, manifest, kind, build = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    wanted = [a for a in sys.argv[5:] if a != "--suite"]
    sections = read_manifest(manifest)
    if mode == "write":
        tests = json.loads(subprocess.run(["meson", "introspect", "--tests", build], check=True,
                                          capture_output=True, text=True).stdout)
        sections[kind] = [entry(t["suite"], t["name"]) for t in tests if in_suites(t["suite"], wanted)]
        write_manifest(manifest, sections)
        print(f"check_tests: {len(sections[kind])} tests listed for [{kind}] in {manifest}")
        return 0
    if kind not in sections:
        print(f"check_tests: {manifest} has no [{kind}] section", file=sys.stderr)
        return 1
    expected = set(sections[kind])
    ran: dict[str, str] = {}
    log = pathlib.Path(build) / "meson-logs" / "testlog.json"
    for line in log.read_text().splitlines():
        r = json.loads(line)
        # testlog names a test "project:suite+suite / name"
        head, _, name = r["name"].partition(" / ")
        suites = head.split(":", 1)[-1].split("+") if name else []
        if not name:
            name = head
        if in_suites(suites, wanted):
            ran[entry(suites, name)] = r["result"]
    missing = sorted(expected - ran.keys())
    extra = sorted(ran.keys() - expected)
    not_ok = sorted(k for k, v in ran.items() if k in expected and v not in ("OK", "EXPECTEDFAIL"))
    for k in missing:
        print(f"check_tests: [{kind}] did not run: {k}")
    for k in not_ok:
        print(f"check_tests: [{kind}] {ran[k]}: {k}")
    for k in extra:
        print(f"check_tests: [{kind}] ran but is not in {manifest.name}: {k} "
              "(list it with: bash tools/dev.sh manifest)")
    ok = len(ran) - len(not_ok) - len(extra)
    print(f"check_tests: [{kind}] {len(expected)} expected, {ok} passed, {len(not_ok)} failed or "
          f"skipped, {len(missing)} missing, {len(extra)} unlisted")
    return 1 if missing or not_ok or extra else 0


if __name__ == "__main__":
    sys.exit(main())
