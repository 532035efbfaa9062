"""Outputs survive everything (issue 10, item 4; issue 16, items 5 and 6): a build interrupted by SIGINT,
SIGTERM or SIGKILL leaves each output complete (old or new), no temporary file (SIGINT, SIGTERM), no
traceback, and no worker process behind it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pypdfium2
import pytest

FORMATS = ["pdf", "epub", "booklet", "proof"]


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in found]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in state


def complete(build: Path) -> None:
    for pdf in build.glob("*.pdf"):
        assert len(pypdfium2.PdfDocument(pdf.read_bytes())) > 0, pdf
    for epub in build.glob("*.epub"):
        assert zipfile.ZipFile(epub).testzip() is None, epub


@pytest.mark.slow
@pytest.mark.parametrize("sig,status", [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGKILL, -9)])
def test_an_interrupted_build_leaves_complete_outputs_and_no_workers(real_copy, sig, status):
    command = [sys.executable, "-m", "pocketpress", "--project", str(real_copy.root), "build", *FORMATS, "--jobs", "2",
               "--edition", "voices-from-ukraine", "--langs", "en,uk"]  # fmt: skip
    assert subprocess.run([*command], capture_output=True).returncode == 0  # the previous outputs
    build = real_copy.build
    before = {p.name for p in build.iterdir() if p.is_file()}
    process = subprocess.Popen([*command, "--force"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while len(children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the workers are laying out and writing
    workers = children(process.pid)
    assert workers, "the build started no workers"
    process.send_signal(sig)
    out, err = process.communicate(timeout=60)
    assert process.returncode == status, err
    assert "Traceback" not in out + err
    if sig != signal.SIGKILL:
        assert err.strip().splitlines()[-1] == "interrupted: each output is either as it was before or complete and new"
        assert not [p.name for p in build.iterdir() if p.name.endswith(".part")]
    deadline = time.monotonic() + 10  # a loaded machine may take a moment to end them
    while [pid for pid in workers if alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)], "workers outlived the build"
    complete(build)
    assert before <= {p.name for p in build.iterdir() if p.is_file()}
