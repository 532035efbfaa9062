"""Benchmark (`make bench`): our forced rebuild of the English PDF against WeasyPrint alone.

Prints the best of several runs of:
  1. `pocketpress build pdf --force` for voices-from-ukraine/en (load, render HTML, WeasyPrint, checks, write);
  2. `weasyprint build/voices-from-ukraine-en.html` (WeasyPrint's own rendering of our HTML);
  3. a no-op `make pdf` (everything up to date).
Targets: ratio 1/2 at most 1.25; no-op under 1 s. This is a benchmark, not a test: it never fails the build.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
EDITION, LANG = "voices-from-ukraine", "en"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def best(cmd: list[str]) -> float:
    return min(timed(cmd) for _ in range(RUNS))


def main() -> int:
    pp = str(VENV_BIN / "pocketpress")
    select = ["--edition", EDITION, "--langs", LANG]
    subprocess.run([pp, "build", "html", *select, "--force"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["make", "-s", "pdf"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    html = ROOT / "build" / f"{EDITION}-{LANG}.html"
    ours = best([pp, "build", "pdf", *select, "--force"])
    with tempfile.TemporaryDirectory() as tmp:
        theirs = best([str(VENV_BIN / "weasyprint"), str(html), str(Path(tmp) / "out.pdf")])
    noop = best(["make", "-s", "pdf"])
    ratio = ours / theirs
    print(f"forced rebuild, {EDITION}-{LANG}.pdf:   {ours:6.2f} s")
    print(f"weasyprint alone on the same HTML:      {theirs:6.2f} s")
    print(f"ratio:                                  {ratio:6.2f}   (target <= 1.25)")
    print(f"no-op make pdf (all editions):          {noop:6.2f} s   (target < 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
