"""README.md shows the output of examples/python/quick_start.py: run the script and require its
output, line for line, inside README's console block of that command (so the example values in
README are outputs of the code)."""
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_readme_shows_the_quick_start_output():
    script = ROOT / "examples" / "python" / "quick_start.py"
    out = subprocess.run([sys.executable, str(script)], check=True, capture_output=True, text=True,
                         env=dict(os.environ)).stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "examples/python/quick_start.py\n"
    assert command in readme, "README.md has no console block running examples/python/quick_start.py"
    block = readme.split(command, 1)[1].split("```", 1)[0]
    assert block == out, "README.md's quick start block differs from the script's output:\n" + out
