"""Runs an example program and requires its output, line for line, to be README.md's console
block of that command (the block after the line "$ build/examples/NAME"), so the example values in
README are outputs of the code.

    readme_output.py EXECUTABLE README.md NAME
"""
import subprocess
import sys


def main():
    exe, readme, name = sys.argv[1:4]
    out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
    text = open(readme, encoding="utf-8").read()
    command = "$ build/examples/" + name + "\n"
    if command not in text:
        sys.exit("README.md has no console block running build/examples/" + name)
    block = text.split(command, 1)[1].split("```", 1)[0]
    if block != out:
        sys.exit("README.md's block of build/examples/" + name + " differs from its output:\n" + out)


main()
