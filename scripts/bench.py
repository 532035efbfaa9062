"""Benchmark (`make bench`): build speed and memory against WeasyPrint alone, with their targets.

1. forced `make pdf` of voices-from-ukraine/en against `weasyprint` on the same HTML:
   median of paired runs (target <= 1.10x);
2. `make all` (every format) for one language: WeasyPrint layouts made and wall time
   (target <= 4.2 s, 0.6x the 7.0 s of five separate layouts);
3. no-op `make pdf` of every edition (target <= 0.3 s);
4. a 600-page edition (voices-from-ukraine/en, its chapters repeated) and smaller ones of the same
   text: time and peak memory of a forced PDF build, per page (target: linear, <= 300 MB at 600 pages).

This is a benchmark, not a test: it never fails the build. BENCH_RUNS sets the number of paired runs
(default 5); BENCH_SCALES the repeat counts of the scale editions (default "1,5,11": 64, about 290 and 630 pages).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
EDITION, LANG = "voices-from-ukraine", "en"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SCALES = [int(n) for n in os.environ.get("BENCH_SCALES", "1,5,11").split(",")]
SELECT = [f"EDITION={EDITION}", f"LANGS={LANG}"]


def run(cmd: list[str], cwd: Path = ROOT) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout + done.stderr


def forced_pdf_against_weasyprint() -> None:
    run([str(BIN / "pocketpress"), "build", "html", "--edition", EDITION, "--langs", LANG, "--force"])
    html = ROOT / "build" / f"{EDITION}-{LANG}.html"
    ratios, ours, theirs = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(RUNS):
            a, _ = run(["make", "-s", "pdf", *SELECT, "FORCE=1"])
            b, _ = run([str(BIN / "weasyprint"), str(html), str(Path(tmp) / "out.pdf")])
            ours.append(a)
            theirs.append(b)
            ratios.append(a / b)
    print(f"1. forced make pdf, {EDITION}-{LANG}:       {statistics.median(ours):6.2f} s (median of {RUNS})")
    print(f"   weasyprint alone on the same HTML:       {statistics.median(theirs):6.2f} s")
    print(f"   ratio (median of paired runs):           {statistics.median(ratios):6.2f}   (target <= 1.10)")


def make_all_one_language() -> None:
    times, layouts = [], "?"
    for _ in range(max(1, RUNS // 2)):
        seconds, out = run(["make", "-s", "all", *SELECT, "FORCE=1"])
        times.append(seconds)
        found = re.search(r"(\d+) WeasyPrint layouts?", out)
        layouts = found.group(1) if found else "?"
    outputs = len(re.findall(r"^built ", run(["make", "-s", "all", *SELECT, "FORCE=1"])[1], re.M))
    print(f"2. make all, {EDITION}-{LANG}: {outputs} outputs from {layouts} WeasyPrint layouts")
    print(f"   wall time:                               {statistics.median(times):6.2f} s   (target <= 4.2 s)")


def noop_pdf() -> None:
    run(["make", "-s", "pdf"])
    seconds = statistics.median(run(["make", "-s", "pdf"])[0] for _ in range(RUNS))
    print(f"3. no-op make pdf, every edition:           {seconds:6.2f} s   (target <= 0.3 s)")


def scale_project(folder: Path, repeats: int) -> None:
    """A project whose edition is voices-from-ukraine/en with its chapters repeated."""
    for name in ("layouts", "styles"):
        shutil.copytree(ROOT / name, folder / name)
    source = ROOT / "content" / EDITION
    target = folder / "content" / EDITION
    shutil.copytree(source / "pictures", target / "pictures")
    (target / LANG).mkdir(parents=True)
    lines = (source / "edition.yaml").read_text(encoding="utf-8").split("\nchapters:")[0].splitlines()
    entries = re.findall(r"- id: (\S+)((?:\n    .*)*)", (source / "edition.yaml").read_text(encoding="utf-8"))
    lines.append("chapters:")
    for n in range(repeats):
        for cid, rest in entries:
            lines.append(f"  - id: {cid}-{n}{rest}")
            shutil.copy(source / LANG / f"{cid}.md", target / LANG / f"{cid}-{n}.md")
    (target / "edition.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for extra in (source / LANG).glob("*"):
        if extra.name == "edition.yaml" or not any(extra.stem == cid for cid, _ in entries):
            shutil.copy(extra, target / LANG / extra.name)


MEASURE = """
import resource, sys, time
from pocketpress.cli import main
start = time.perf_counter()
status = main(["--project", sys.argv[1], "build", "pdf", "--force", "--jobs", "1"])
seconds = time.perf_counter() - start
print("MEASURED", status, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def scale_editions() -> None:
    print("4. forced PDF build of a long edition (one process): pages, time, peak memory")
    for repeats in SCALES:
        with tempfile.TemporaryDirectory() as tmp:
            scale_project(Path(tmp), repeats)
            _, out = run([str(BIN / "python"), "-c", MEASURE, tmp])
            status, seconds, peak = re.search(r"MEASURED (\d+) ([\d.]+) ([\d.]+)", out).groups()
            pdfs = list((Path(tmp) / "build").glob("*.pdf"))
            pages = count_pages(pdfs[0]) if pdfs and status == "0" else 0
            per_page = float(seconds) / pages * 1000 if pages else 0
            print(
                f"   {pages:4d} pages: {float(seconds):6.2f} s ({per_page:4.1f} ms a page), "
                f"peak {float(peak):5.0f} MB ({float(peak) / max(pages, 1):.2f} MB a page)"
            )
    print("   (target: time and memory linear in pages, <= 300 MB at 600 pages)")


def count_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def main() -> int:
    forced_pdf_against_weasyprint()
    make_all_one_language()
    noop_pdf()
    scale_editions()
    return 0


if __name__ == "__main__":
    sys.exit(main())
