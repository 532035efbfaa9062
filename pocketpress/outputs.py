"""Writing outputs safely: atomically, once each, and only when an input changed."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from . import __version__
from .errors import BuildError

LOCK_NAME = ".lock"


@contextlib.contextmanager
def build_lock(folder: Path, shown: str) -> Iterator[None]:
    """Hold build/.lock while building: a second build in the same folder stops with a clear message."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise BuildError(
                f"another build is running in {shown} (process {other}); wait for it to finish, then build again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside path, then rename: a failed build leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not exc.filename:  # say which output could not be written
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def inputs_digest(paths, extra: str = "") -> str:
    """One hash over the names and bytes of every input file (sorted), plus extra settings."""
    digest = hashlib.sha256(f"pocketpress {__version__}\n{extra}\n".encode())
    for path in sorted({Path(p) for p in paths}):
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()


def output_digest(content: str, fmt: str, fonts: dict[str, str]) -> str:
    """What one output is made from: its edition's inputs digest, its format and the font settings.
    The EPUB's dates also follow SOURCE_DATE_EPOCH."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "") if fmt == "epub" else ""
    return hashlib.sha256(f"{content}\n{fmt}\n{sorted(fonts.items())}\n{epoch}".encode()).hexdigest()


class Stamps:
    """build/.stamps/<output name>.json: the inputs digest an output was made from."""

    def __init__(self, build_dir: Path):
        self.folder = build_dir / ".stamps"

    def _path(self, output: Path) -> Path:
        return self.folder / (output.name + ".json")

    def up_to_date(self, output: Path, digest: str) -> bool:
        try:
            stamp = json.loads(self._path(output).read_text())
        except (OSError, ValueError):
            return False
        return output.exists() and stamp.get("digest") == digest

    def record(self, output: Path, digest: str) -> None:
        atomic_write(self._path(output), json.dumps({"digest": digest}).encode())
