#!/usr/bin/env python3
"""Builds a tiny downstream meson project against gibbs, the way users consume it.

  run_consumer.py subproject SOURCE_ROOT WORKDIR   gibbs as a meson subproject (subprojects/gibbs)
  run_consumer.py pkgconfig  SOURCE_ROOT WORKDIR   gibbs installed to a prefix, found by pkg-config
  run_consumer.py cmake      SOURCE_ROOT WORKDIR   gibbs installed to a prefix, found by CMake's
                                                   find_package(gibbs CONFIG), with g++ and clang++

Passes when the consumer configures, builds (-Werror) and prints the worked example's KL. The
cmake mode also builds the project's textbook-KL variant, which gibbs::verify must reject with the
counterexample in the compiler's message, and links gibbs::oracle.
"""
import os
import shutil
import subprocess
import sys


def run(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def install(root, work):
    """Installs gibbs (headers, pkg-config and CMake files only) to WORK/prefix."""
    prefix = os.path.join(work, "prefix")
    run(["meson", "setup", os.path.join(work, "lib-build"), root, "--prefix", prefix,
         "-Dtests=false", "-Dtools=false", "--libdir", "lib"], stdout=subprocess.DEVNULL)
    run(["meson", "install", "-C", os.path.join(work, "lib-build")], stdout=subprocess.DEVNULL)
    return prefix


def check_value(out):
    value = float(out.split()[0])
    # 0.5·ln(5/7) + 0.5·ln(5/3) = 0.0871766935723889…
    if not 0.08717 < value < 0.08718:
        sys.exit("consumer printed %r, expected about 0.0871767" % out)


def cmake_consumer(root, work):
    here = os.path.dirname(os.path.abspath(__file__))
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    prefix = install(root, work)
    src = os.path.join(here, "cmake")
    for cxx in ("g++", "clang++"):
        if shutil.which(cxx) is None:
            sys.exit(cxx + " is not installed; the CMake consumer is checked with both compilers")
        env = dict(os.environ, CXX=cxx)
        build = os.path.join(work, "build-" + cxx)
        run(["cmake", "-S", src, "-B", build, "-DCMAKE_PREFIX_PATH=" + prefix],
            env=env, stdout=subprocess.DEVNULL)
        run(["cmake", "--build", build], env=env, stdout=subprocess.DEVNULL)
        out = subprocess.run([os.path.join(build, "verify_kl")], check=True, capture_output=True,
                             text=True).stdout
        print(cxx, "verify_kl:", out.strip())
        check_value(out)
        out = subprocess.run([os.path.join(build, "oracle")], check=True, capture_output=True,
                             text=True).stdout
        print(cxx, "oracle:", out.strip())
        check_value(out)
        # the textbook KL: gibbs::verify must reject it and name the counterexample
        bad = os.path.join(work, "build-textbook-" + cxx)
        run(["cmake", "-S", src, "-B", bad, "-DCMAKE_PREFIX_PATH=" + prefix,
             "-DCONSUMER_TEXTBOOK_KL=ON"], env=env, stdout=subprocess.DEVNULL)
        proc = subprocess.run(["cmake", "--build", bad], env=env, capture_output=True, text=True)
        text = proc.stdout + proc.stderr
        expected = ["gibbs::verify: a check failed",
                    "counterexample<gibbs::verify::law::kl_is_at_least_zero, gibbs::verify::case_number<",
                    "gibbs::verify::p_is<gibbs::verify::decimal<"]
        if proc.returncode == 0:
            sys.exit(cxx + ": the textbook KL compiled; gibbs::verify should have rejected it")
        missing = [e for e in expected if e not in text]
        if missing:
            print(text)
            sys.exit(cxx + ": the textbook KL was rejected, but the messages lack %r" % missing)
        line = next(l for l in text.splitlines() if "counterexample<gibbs::verify::law" in l)
        print(cxx, "rejects the textbook KL:", line.strip()[:400])


def main():
    mode, root, work = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    if mode == "cmake":
        cmake_consumer(root, work)
        return
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
        # Only the library part is needed for an install: no tests, no tools.
        prefix = install(root, work)
        pc = [os.path.join(prefix, d, "pkgconfig") for d in ("lib", "share")]
        env["PKG_CONFIG_PATH"] = os.pathsep.join(pc + [env.get("PKG_CONFIG_PATH", "")])
    build = os.path.join(work, "build")
    run(["meson", "setup", build, proj], env=env, stdout=subprocess.DEVNULL)
    run(["meson", "compile", "-C", build], env=env, stdout=subprocess.DEVNULL)
    out = subprocess.run([os.path.join(build, "consumer")], check=True, capture_output=True, text=True).stdout
    print(out.strip())
    check_value(out)


if __name__ == "__main__":
    main()
