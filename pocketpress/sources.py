"""Reading an editor's text files safely: confined to allowed folders, bounded in size, decoded and
normalised, with every problem as `path:line: message (hint)`.

Every content file the loader reads comes through `read_text`:

- the file, with symlinks followed, must lie inside one of the allowed folders (the edition folder,
  or the project's shared layouts/ and styles/): a link to a file elsewhere is an error naming the
  file and its target;
- it may not be larger than a limit (5 MB for a chapter, 1 MB for YAML);
- it must be UTF-8 (a byte-order mark is accepted and dropped); UTF-16 and Latin-1 are named;
- control characters are errors with their line; Unicode line and paragraph separators (U+2028,
  U+2029, U+0085) become ordinary line breaks, and a stray byte-order mark (U+FEFF) is dropped, before
  anything is laid out.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from .errors import Problem

MAX_CHAPTER_BYTES = 5_000_000
MAX_YAML_FILE_BYTES = 1_000_000
GIANT_PARAGRAPH_WORDS = 20_000  # a paragraph this long lays out for minutes: the build warns
MAX_REPORTED = 10  # control characters reported per file

HINT_LIMITS = "see 'Security and limits' in README.md"
# C0 controls but tab and line feed (and carriage return, handled as a line break), DEL, C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Line ends, and the invisible byte-order mark; then the Unicode line and paragraph separators (and
# NEL): breaks in Markdown text, spaces in YAML (where a break would end the value).
NORMALISE = {"\r\n": "\n", "\r": "\n", "\ufeff": ""}
NORMALISE_RE = re.compile("|".join(map(re.escape, NORMALISE)))
IN_TEXT = {"\u2028": "\n", "\u2029": "\n\n", "\x85": "\n"}
IN_YAML = {"\u2028": " ", "\u2029": " ", "\x85": " "}
SEPARATORS = re.compile("[\u2028\u2029\x85]")


def outside(path: Path, roots: list[Path]) -> bool:
    """Whether path, with every symlink followed, lies outside all of roots."""
    target = path.resolve()
    return not any(target.is_relative_to(root.resolve()) for root in roots)


def confinement_problem(path: Path, roots: list[Path], shown: str, line: int = 0) -> Problem | None:
    """An error naming the file and where it points, when it leads outside the allowed folders."""
    if not outside(path, roots):
        return None
    return Problem(
        shown,
        line,
        f"leads outside the edition (to {path.resolve()})",
        "copy the file into the edition folder instead of linking to it",
    )


def decode(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """The text of a file's bytes, or why it is not UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (len(data) > 1 and b"\x00" in data[:2]):
        return None, [Problem(shown, 1, "the file is UTF-16 text, not UTF-8", "save it as UTF-8")]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex().upper()
        return None, [
            Problem(
                shown,
                line,
                f"not UTF-8 text (byte 0x{byte})",
                "the file seems to be saved as Latin-1 or Windows-1252: save it as UTF-8",
            )
        ]


def normalise(text: str, chapter: bool = False) -> str:
    """Line ends as \\n, no byte-order marks, and the Unicode separators as breaks (in a chapter's text)
    or spaces (in YAML, and a chapter's header)."""
    text = NORMALISE_RE.sub(lambda m: NORMALISE[m.group(0)], text)
    if not SEPARATORS.search(text):
        return text
    header, body = "", text
    if chapter and text.startswith("---\n"):
        end = text.find("\n---", 3)
        end = len(text) if end < 0 else end
        header, body = text[:end], text[end:]
    elif not chapter:
        header, body = text, ""
    yaml_part = SEPARATORS.sub(lambda m: IN_YAML[m.group(0)], header)
    return yaml_part + SEPARATORS.sub(lambda m: IN_TEXT[m.group(0)], body)


def control_problems(text: str, shown: str) -> list[Problem]:
    """Each control character (up to MAX_REPORTED), with its line and code point."""
    problems: list[Problem] = []
    for match in CONTROL.finditer(text):
        if len(problems) == MAX_REPORTED:
            break
        line = text.count("\n", 0, match.start()) + 1
        code = ord(match.group(0))
        name = unicodedata.name(match.group(0), "") or CONTROL_NAMES.get(code, "")
        what = f"control character U+{code:04X}" + (f" ({name.lower()})" if name else "")
        problems.append(Problem(shown, line, what, "delete it: it prints as nothing"))
    return problems


def read_text(
    path: Path, shown: str, roots: list[Path], limit: int, chapter: bool = False
) -> tuple[str | None, list[Problem]]:
    """The normalised text of a content file, or every problem that stops it being read."""
    problem = confinement_problem(path, roots, shown)
    if problem:
        return None, [problem]
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [Problem(shown, 0, f"file of {size:,} bytes is over the limit of {limit:,}", HINT_LIMITS)]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 0, f"cannot read it: {exc.strerror or exc}")]
    text, problems = decode(data, shown)
    if text is None:
        return None, problems
    text = normalise(text, chapter)
    problems = control_problems(text, shown)
    return (None, problems) if problems else (text, [])


CONTROL_NAMES = {
    0: "null",
    7: "bell",
    8: "backspace",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x1B: "escape",
    0x7F: "delete",
}

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def giant_paragraphs(body: str, shown: str, first_line: int) -> list[str]:
    """Warnings for paragraphs so long that laying them out takes minutes."""
    warnings, offset = [], 0
    for part in PARAGRAPH_BREAK.split(body):
        start = body.find(part, offset) if part else offset
        offset = start + len(part)
        if len(part) < GIANT_PARAGRAPH_WORDS * 2:
            continue
        words = len(part.split())
        if words >= GIANT_PARAGRAPH_WORDS:
            line = first_line + body.count("\n", 0, start)
            warnings.append(
                f"{shown}:{line}: paragraph of {words:,} words: laying it out may take minutes "
                "(split it into paragraphs with blank lines)"
            )
    return warnings


RAW_HTML = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")
CODE_SPAN = re.compile(r"(`+).*?\1")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def raw_html(body: str, shown: str, first_line: int) -> list[str]:
    """Warnings for HTML tags written in Markdown: they print as text, not as markup."""
    warnings, fence = [], ""
    for number, line in enumerate(body.split("\n"), start=first_line):
        opening = FENCE.match(line)
        if opening:
            mark = opening.group(1)
            fence = "" if fence and mark.startswith(fence) else (fence or mark[:3])
            continue
        if fence or line.startswith(("    ", "\t")):
            continue
        match = RAW_HTML.search(CODE_SPAN.sub("", line))
        if match:
            warnings.append(
                f"{shown}:{number}: raw HTML '{match.group(0)[:40]}' prints as text, not as markup "
                "(use Markdown: *emphasis*, **strong**, or put it in `code`)"
            )
    return warnings
