#!/usr/bin/env python3
"""Compile one proof or compile-fail source and judge the outcome.

  compile.py pass <source> -- <compiler and flags…>
      the source must compile (a proof TU, or the true twin of a compile-fail case);
  compile.py fail <source> -- <compiler and flags…>
      the source, compiled with GIBBS_TWIN_TRUE=0, must be rejected, and the compiler's
      messages must contain the text of every `// expect-error: <text>` line of the source and
      match every `// expect-error-regex: <regex>` line;
  compile.py twin <source> -- <compiler and flags…>
      the true twin: the same source with GIBBS_TWIN_TRUE=1 must compile.

The compiler is only asked for -fsyntax-only: constant evaluation (hence every static_assert)
happens in the front end, so nothing is generated or written.
"""
import re
import subprocess
import sys


def main(argv):
    if len(argv) < 4 or argv[2] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    mode, source, command = argv[0], argv[1], argv[3:]
    if mode not in ("pass", "fail", "twin"):
        print(f"unknown mode {mode!r}", file=sys.stderr)
        return 2
    defines = []
    if mode == "fail":
        defines = ["-DGIBBS_TWIN_TRUE=0"]
    elif mode == "twin":
        defines = ["-DGIBBS_TWIN_TRUE=1"]
    full = command + defines + ["-fsyntax-only", source]
    proc = subprocess.run(full, capture_output=True, text=True)
    output = proc.stdout + proc.stderr
    if mode in ("pass", "twin"):
        if proc.returncode != 0:
            print(output)
            print(f"FAILED: {source} should compile but did not: {' '.join(full)}")
            return 1
        print(f"ok: {source} compiles ({mode})")
        return 0
    if proc.returncode == 0:
        print(f"FAILED: the false twin of {source} compiled; the claim it states is false, so "
              f"the compiler should have rejected it: {' '.join(full)}")
        return 1
    with open(source, encoding="utf-8") as f:
        text = f.read()
    patterns = [re.escape(m.group(1).strip()) for m in re.finditer(r"//\s*expect-error:(.*)", text)]
    patterns += [m.group(1).strip() for m in re.finditer(r"//\s*expect-error-regex:(.*)", text)]
    if not patterns:
        print(f"FAILED: {source} has no `// expect-error:` line")
        return 1
    missing = [p for p in patterns if not re.search(p, output)]
    if missing:
        print(output)
        print(f"FAILED: {source} was rejected, but the messages lack: {missing}")
        return 1
    print(f"ok: the false twin of {source} is rejected with {patterns}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
