"""Writing an imported edition as content files (docs/content-format.md)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

from .. import languages
from .common import Block, Chapter, Edition, ImportFailure

LAYOUT = {
    "page_size": "A6",
    "folio": "← {page} →",
    "contents_folio": "/ {page} /",
    "fonts": {"body": "PT Serif", "display": "PT Sans"},
}


class Refused(ImportFailure):
    """The edition exists and --force was not given."""


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def check_free(folder: Path, lang: str, force: bool) -> None:
    existing = [p for p in (folder / "edition.yaml", folder / lang) if p.exists()]
    if existing and not force:
        raise Refused(f"{existing[0]} already exists; pass --force to overwrite it")


def write_edition(edition: Edition, folder: Path, lang: str, force: bool, layouts: Path | None = None) -> list[str]:
    """Write edition.yaml, <lang>/edition.yaml, <lang>/*.md and placeholder pictures; returns notes.
    The introduction's header needs a title (it names the note in the EPUB's navigation): the
    language's `introduction` in layouts/languages.yaml (default: the toolkit's)."""
    check_free(folder, lang, force)
    if (folder / lang).is_dir():
        shutil.rmtree(folder / lang)  # --force: no chapter files of an earlier import left behind
    (folder / lang).mkdir(parents=True)
    (folder / "edition.yaml").write_text(dump(edition_file(edition, lang)), encoding="utf-8")
    (folder / lang / "edition.yaml").write_text(dump(language_file(edition)), encoding="utf-8")
    if edition.introduction:
        title = languages.for_import(layouts).introduction(lang)
        header = dump({"title": title})
        (folder / lang / "introduction.md").write_text(
            f"---\n{header}---\n{markdown(edition.introduction)}", encoding="utf-8"
        )
    notes = []
    for chapter in edition.chapters:
        (folder / lang / f"{chapter.id}.md").write_text(chapter_file(chapter), encoding="utf-8")
        if chapter.caption:
            notes += write_picture(folder / "pictures" / f"{chapter.id}.svg", chapter.title)
    return notes


def edition_file(edition: Edition, lang: str) -> dict[str, object]:
    date: str | dt.date | None = edition.date
    if edition.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", edition.date):
        date = dt.date.fromisoformat(edition.date)  # written as a YAML date, unquoted
    data: dict[str, object] = {"source_language": lang, "date": date, "series": edition.series, **LAYOUT}
    if edition.introduction:
        data["introduction"] = "introduction"
    data["chapters"] = [chapter_entry(ch) for ch in edition.chapters]
    return {k: v for k, v in data.items() if v is not None}


def chapter_entry(chapter: Chapter) -> dict:
    entry: dict = {"id": chapter.id}
    if chapter.date:
        entry["date"] = chapter.date
    if chapter.caption:
        entry["picture"] = f"pictures/{chapter.id}.svg"
    if chapter.excerpt:
        entry["excerpt"] = True
    return entry


def language_file(edition: Edition) -> dict:
    data = {
        "title": edition.title,
        "author": edition.author,
        "edition_code": edition.edition_code,
        "contacts": edition.contacts or None,
    }
    return {k: v for k, v in data.items() if v is not None}


def chapter_file(chapter: Chapter) -> str:
    header = {"title": chapter.title, "caption": chapter.caption, "epigraph": chapter.epigraph}
    header = {k: v for k, v in header.items() if v}
    return f"---\n{dump(header)}---\n{markdown(chapter.blocks)}"


def markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if block.todo:
            out.append(f"<!-- TODO: {block.todo} -->")
        if block.kind == "quote":
            text = "> " + safe_start(block.text)
            out.append((">\n" + text) if block.continues and out else text)
        elif block.kind == "break":
            out.append("* * *")
        elif block.kind == "heading":
            out.append("## " + block.text)
        elif block.kind in ("closing", "credit", "display", "standfirst"):
            out.append(f"{{.{block.kind}}}\n{safe_start(block.text)}")
        else:
            out.append(safe_start(block.text))
    text = "\n\n".join(out).replace("\n\n>\n", "\n>\n")
    return text + "\n"


def safe_start(text: str) -> str:
    """Escape what Markdown would read as a list item, heading, rule or quote at the start of a paragraph."""
    text = re.sub(r"(?<=[^\W\d_])(\*+)(?=[^\W\d_])", lambda m: "\\*" * len(m.group(1)), text)
    if re.match(r"\d+[.)]\s", text):
        return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    if re.match(r"([-+*#>]|={3,}|-{3,})(\s|$)", text):
        return "\\" + text
    return text


def write_picture(path: Path, title: str) -> list[str]:
    """A placeholder title picture, unless a picture of that name is already there."""
    if path.exists():
        return [f"kept the existing picture {path}"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(placeholder_svg(title), encoding="utf-8")
    return [f"wrote a placeholder picture {path}"]


def placeholder_svg(title: str) -> str:
    """An original placeholder, 1000x700: a dashed frame and a landscape pictogram, with no words,
    so it serves every language edition alike (the title is in the SVG's <title>, not drawn)."""
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="700" viewBox="0 0 1000 700">
  <title>Placeholder for the title picture: {escape(title)}</title>
  <rect x="0" y="0" width="1000" height="700" fill="#eeeeee"/>
  <rect x="30" y="30" width="940" height="640" fill="none" stroke="#9a9a9a" stroke-width="6" stroke-dasharray="24 12"/>
  <line x1="30" y1="30" x2="970" y2="670" stroke="#dddddd" stroke-width="3"/>
  <line x1="970" y1="30" x2="30" y2="670" stroke="#dddddd" stroke-width="3"/>
  <g transform="translate(380 240)">
    <rect x="0" y="0" width="240" height="200" rx="12" fill="#f7f7f7" stroke="#8a8a8a" stroke-width="8"/>
    <circle cx="170" cy="60" r="24" fill="#9a9a9a"/>
    <path d="M12 188 L90 90 L140 150 L170 118 L228 188 Z" fill="#9a9a9a"/>
  </g>
</svg>
"""
