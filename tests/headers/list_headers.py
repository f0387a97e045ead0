#!/usr/bin/env python3
"""Prints every public header under include/ (one per line, relative to include/), for meson."""
import pathlib
import sys

root = pathlib.Path(sys.argv[1])
for h in sorted(root.rglob("*.hpp")):
    print(h.relative_to(root).as_posix())
