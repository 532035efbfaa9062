"""The line breaker's work kept in build/.lines/, so that an unchanged book is not measured and broken again.

evenlines.py measures the paragraphs on a first layout, breaks them, lays the book out again and fixes
page faults on a third. All of it is a pure function of the marked print HTML and of what the HTML does
not carry: the stylesheets, pictures and fonts it uses, the layout's kind (reading, print-shop, preview
part, with its own styles) and the code (pocketpress's sources, WeasyPrint's, HarfBuzz's and pyphen's
versions). `context` digests the latter; under it three tables are kept:

- `fixed`: the whole HTML -> the lined HTML and the lines planned (a forced rebuild of an unchanged book
  makes one layout, the printed one);
- `facts`: the HTML's structure (its tags and attributes, the text left out) -> the paragraphs' measures,
  indents and fonts: a change of words (a preview save) skips the measuring layout. evenlines checks
  them against the printed layout and measures again when one differs;
- `breaks`: one paragraph, its facts and its settings -> its lines: only an edited paragraph is broken again.

The file is a pickle written by this toolkit into its own build folder; a file that does not load is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

FOLDER = ".lines"
LIMITS = {"fixed": 4, "facts": 4, "breaks": 20_000}  # entries kept per table, the newest (a whole book)
PARTS = {"fixed": 2_000, "facts": 2_000, "breaks": 20_000}  # the same for the preview's parts (one per chapter)
TEXT = re.compile(r">[^<]*<")
SKIPPED = {".md", ".yaml", ".yml"}  # their content is in the HTML itself (or not used by the layout)
PACKAGE = Path(__file__).resolve().parent


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def _code() -> list[str]:
    sources = sorted(PACKAGE.rglob("*.py"))
    versions = [version(name) for name in ("weasyprint", "uharfbuzz", "pyphen")]
    return [*versions, *(digest(p.read_bytes()) for p in sources)]


def context(kind: str, roots: Iterable[Path], font_files: Iterable[str]) -> str:
    """The digest of what the breaks depend on besides the HTML (see the module's docstring)."""
    files = sorted({f for root in roots for f in Path(root).rglob("*") if f.is_file() and f.suffix not in SKIPPED})
    parts = [kind, *_code()]
    parts += [f"{f}\n{digest(f.read_bytes())}" for f in files]
    parts += [f"{f}\n{Path(f).stat().st_size}\n{Path(f).stat().st_mtime_ns}" for f in sorted(font_files)]
    return digest(*parts)


def structure(html: str) -> str:
    """The digest of the HTML's tags and attributes, its text left out."""
    return digest(TEXT.sub("><", html))


class Store:
    """The three tables of one context, loaded from and saved to build/.lines/<context>.pickle."""

    def __init__(self, folder: Path, context_digest: str, limits: dict[str, int] = LIMITS):
        self.limits = limits
        self.path = folder / FOLDER / f"{context_digest[:32]}.pickle"
        self.tables: dict[str, dict[str, Any]] = {name: {} for name in LIMITS}
        try:
            loaded = pickle.loads(self.path.read_bytes())
            self.tables.update({name: dict(loaded[name]) for name in LIMITS})
        except Exception:  # no file yet, or one from another version: start empty
            pass
        self.changed = False

    def get(self, table: str, key: str) -> Any:
        return self.tables[table].get(key)

    def put(self, table: str, key: str, value: Any) -> None:
        entries = self.tables[table]
        entries.pop(key, None)
        entries[key] = value
        for old in list(entries)[: max(0, len(entries) - self.limits[table])]:
            del entries[old]
        self.changed = True

    def drop(self, table: str, key: str) -> None:
        self.changed |= self.tables[table].pop(key, None) is not None

    def save(self) -> None:
        if not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_suffix(f".{os.getpid()}.tmp")  # two processes may save the same store
        part.write_bytes(pickle.dumps(self.tables, protocol=pickle.HIGHEST_PROTOCOL))
        part.replace(self.path)
        self.changed = False
