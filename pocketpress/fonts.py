"""The edition's fonts: they must be installed, and they are the only fonts a build sees.

The build never silently substitutes a font. Two rules make sure of it:

- `missing_fonts`: a family the edition names (fonts.body, fonts.display,
  fonts.symbols) that fontconfig does not know stops the build before anything
  is written.
- `isolated` (used by weasy.font_configuration): every WeasyPrint layout gets a
  font configuration that sees only the font files of those families, through a
  project fontconfig file
  (`<folder>/fonts-<digest>.conf`, with its own cache in `<folder>/cache/`). No other
  font on the machine, and no fallback font, is visible, so the output does not
  change when the machine gains or loses fonts, and a character the named fonts
  lack is drawn as .notdef (and reported) instead of quietly set in some other
  font.

Limit: a family named only outside the print HTML (in an SVG picture, or in an
edition's own stylesheet) is not visible either, so fontconfig sets that text in
the closest of the named fonts; before the isolation such text was refused by the
stray-font check in pdf.pdf_bytes. The family of such text is not a named one,
so no stray font can appear; the preflight of the built PDF lists the fonts used.

The files of each family are found once per process through the system
fontconfig (`fc-list`). The generated file names those files' directories
(`<dir>`) and accepts only those files (`<selectfont>`); it includes nothing of
the system's configuration (no aliases, no user settings).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from html import escape as _html_escape
from pathlib import Path

from .errors import BuildError, Problem
from .outputs import atomic_write

INSTALL_HINT = (
    "install it (the PT fonts: apt-get install fonts-paratype) or name an installed family; "
    "`fc-list : family` lists them"
)
GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "math", "emoji", "fangsong"}
FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;}<]+)", re.IGNORECASE)
_ENV_LOCK = threading.RLock()


@lru_cache(maxsize=1)
def catalogue() -> tuple[tuple[str, frozenset[str]], ...]:
    """Every font file the system fontconfig knows, with its families (lower-cased), sorted by file."""
    if not shutil.which("fc-list"):
        return ()
    out = subprocess.run(
        ["fc-list", "--format", "%{file}\t%{family}\n"], capture_output=True, text=True, check=False
    ).stdout
    entries: dict[str, set[str]] = {}
    for line in out.splitlines():
        file, _, families = line.partition("\t")
        if file:
            entries.setdefault(file, set()).update(n.strip().lower() for n in families.split(",") if n.strip())
    return tuple((file, frozenset(names)) for file, names in sorted(entries.items()))


def installed_families() -> frozenset[str]:
    """Every font family fontconfig knows, lower-cased."""
    return frozenset(name for _, names in catalogue() for name in names)


def missing_fonts(fonts: dict[str, str], where: str) -> list[Problem]:
    """A problem for each configured family that is not installed."""
    families = installed_families()
    return [
        Problem(where, 0, f"font '{family}' (fonts.{role}) is not installed", INSTALL_HINT)
        for role, family in fonts.items()
        if family.lower() not in families
    ]


def font_files(families: Iterable[str]) -> list[str]:
    """The font files of the given families, sorted; BuildError when a family has none."""
    wanted = {f.lower(): f for f in families}
    found = {name: [file for file, names in catalogue() if name in names] for name in sorted(wanted)}
    missing = [wanted[name] for name, files in found.items() if not files]
    if missing:
        raise BuildError(f"font '{missing[0]}' is not installed: {INSTALL_HINT}")
    return sorted({file for files in found.values() for file in files})


def named_in(html: str) -> list[str]:
    """The font families the document's own CSS names (in <style> and style attributes), generic ones left out.

    The print HTML carries the edition's fonts.body, fonts.display and fonts.symbols this way
    (layouts/print-settings.css.j2)."""
    names: set[str] = set()
    for value in FONT_FAMILY.findall(html):
        for name in value.split(","):
            name = name.strip().strip("\"'").strip()
            if name and name.lower() not in GENERIC and not name.startswith(("var(", "inherit", "initial")):
                names.add(name)
    return sorted(names)


def escape(text: str) -> str:
    """Text for an XML element: &, < and > escaped."""
    return _html_escape(text, quote=False)


def config_text(files: Iterable[str], cache: Path) -> str:
    """A fontconfig file that makes only `files` visible, with its own cache folder."""
    files = sorted(set(files))
    dirs = sorted({str(Path(f).parent) for f in files})
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<!-- Generated by pocketpress (pocketpress/fonts.py): only the edition's fonts are visible. -->",
        "<fontconfig>",
        *(f"  <dir>{escape(d)}</dir>" for d in dirs),
        f"  <cachedir>{escape(str(cache))}</cachedir>",
        "  <selectfont>",
        "    <acceptfont>",
        *(f"      <glob>{escape(f)}</glob>" for f in files),
        "    </acceptfont>",
        "    <rejectfont>",
        "      <glob>*</glob>",
        "    </rejectfont>",
        "  </selectfont>",
        "</fontconfig>",
    ]
    return "\n".join(lines) + "\n"


def config_file(families: Iterable[str], folder: Path) -> Path:
    """`<folder>/fonts-<digest>.conf`, which shows fontconfig only the families' font files.

    The name follows the content, so that builds of editions with different fonts running
    at the same time (in a process pool) never read each other's file; it is written
    atomically, and only when it does not exist yet."""
    folder = folder.resolve()
    text = config_text(font_files(families), folder / "cache")
    path = folder / f"fonts-{hashlib.sha256(text.encode()).hexdigest()[:16]}.conf"
    try:
        unchanged = path.read_text(encoding="utf-8") == text
    except OSError:
        unchanged = False
    if not unchanged:
        atomic_write(path, text.encode("utf-8"))
    return path


@contextmanager
def isolated(families: Iterable[str], folder: Path) -> Iterator[Path]:
    """Within the block, fontconfig configurations created in this process (and child processes
    started in it) see only the families' font files: FONTCONFIG_FILE names the project file."""
    path = config_file(families, folder)
    with _ENV_LOCK:
        before = os.environ.get("FONTCONFIG_FILE")
        os.environ["FONTCONFIG_FILE"] = str(path)
        try:
            yield path
        finally:
            if before is None:
                os.environ.pop("FONTCONFIG_FILE", None)
            else:
                os.environ["FONTCONFIG_FILE"] = before
