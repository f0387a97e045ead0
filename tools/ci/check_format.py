#!/usr/bin/env python3
"""Fails when a C++ file of the project is not formatted as .clang-format says.

    check_format.py CLANG_FORMAT SOURCE_ROOT

The files are the ones git tracks (*.hpp, *.cpp, *.h, *.cpp.in) under include/, tools/, tests/,
proofs/, examples/, bench/ and python/; outside a git checkout, every such file below those folders.
Each file that clang-format would change is listed with the number of changed regions.
"""
import pathlib
import subprocess
import sys

FOLDERS = ("include", "tools", "tests", "proofs", "examples", "bench", "python")
SUFFIXES = (".hpp", ".cpp", ".h", ".cpp.in")


def project_files(root: pathlib.Path) -> list[pathlib.Path]:
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "--", *FOLDERS],
                             check=True, capture_output=True, text=True).stdout.split()
        names = [root / f for f in out]
    except (OSError, subprocess.CalledProcessError):
        names = [p for d in FOLDERS for p in (root / d).rglob("*")]
    return sorted(p for p in names if p.is_file() and p.name.endswith(SUFFIXES))


def main() -> int:
    clang_format, root = sys.argv[1], pathlib.Path(sys.argv[2])
    files = project_files(root)
    if not files:
        print(f"check_format: no C++ files found under {root}", file=sys.stderr)
        return 1
    bad = []
    for f in files:
        r = subprocess.run([clang_format, "--dry-run", f"--style=file:{root / '.clang-format'}",
                            str(f)], capture_output=True, text=True)
        regions = r.stderr.count("warning:")
        if r.returncode != 0 or regions:
            bad.append((f.relative_to(root), regions, r.returncode))
    for f, regions, rc in bad:
        print(f"{f}: {regions} region(s) differ from .clang-format" + (f" (exit {rc})" if rc else ""))
    print(f"check_format: {len(files)} files, {len(bad)} not formatted"
          + (f"; fix with: {clang_format} -i FILE" if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
