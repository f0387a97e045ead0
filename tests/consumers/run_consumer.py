#!/usr/bin/env python3
"""Builds a tiny downstream meson project against gibbs, the way users consume it.

  run_consumer.py subproject SOURCE_ROOT WORKDIR   gibbs as a meson subproject (subprojects/gibbs)
  run_consumer.py pkgconfig  SOURCE_ROOT WORKDIR   gibbs installed to a prefix, found by pkg-config

Passes when the consumer configures, builds (-Werror) and prints the worked example's KL.
"""
import os
import shutil
import subprocess
import sys


def run(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def main():
    mode, root, work = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    here = os.path.dirname(os.path.abspath(__file__))
    shutil.rmtree(work, ignore_errors=True)
    proj = os.path.join(work, "project")
    os.makedirs(proj)
    shutil.copy(os.path.join(here, "project", "main.cpp"), proj)
    shutil.copy(os.path.join(here, "project", "meson.build." + mode), os.path.join(proj, "meson.build"))
    env = dict(os.environ)
    if mode == "subproject":
        os.makedirs(os.path.join(proj, "subprojects"))
        os.symlink(root, os.path.join(proj, "subprojects", "gibbs"))
    else:
        prefix = os.path.join(work, "prefix")
        # Only the library part is needed for an install: no tests, no tools.
        run(["meson", "setup", os.path.join(work, "lib-build"), root, "--prefix", prefix,
             "-Dtests=false", "-Dtools=false", "--libdir", "lib"], stdout=subprocess.DEVNULL)
        run(["meson", "install", "-C", os.path.join(work, "lib-build")], stdout=subprocess.DEVNULL)
        pc = [os.path.join(prefix, d, "pkgconfig") for d in ("lib", "share")]
        env["PKG_CONFIG_PATH"] = os.pathsep.join(pc + [env.get("PKG_CONFIG_PATH", "")])
    build = os.path.join(work, "build")
    run(["meson", "setup", build, proj], env=env, stdout=subprocess.DEVNULL)
    run(["meson", "compile", "-C", build], env=env, stdout=subprocess.DEVNULL)
    out = subprocess.run([os.path.join(build, "consumer")], check=True, capture_output=True, text=True).stdout
    print(out.strip())
    value = float(out)
    # 0.5·ln(5/7) + 0.5·ln(5/3) = 0.0871766935723889…
    if not 0.08717 < value < 0.08718:
        sys.exit("consumer printed %r, expected about 0.0871767" % out)


if __name__ == "__main__":
    main()
