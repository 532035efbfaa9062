"""The edition's own strings, tracked like a chapter's segments.

Besides its chapters, a translation has strings of its own: the edition's title, author, series and
edition code and its contact lines (the language's edition.yaml, over the edition's edition.yaml), and
the interface words of the PDF and EPUB (layouts/strings/<lang>.yaml). They are exported and imported
with the chapters (one file, `<edition>-<lang>-edition.po`), and recorded in the same record as the
chapters, under the name `_edition`: each string's id (`edition/title`, `edition/contacts/1`,
`strings/contents`), the fingerprint of the source it was translated from, and that source.

A string is translated when its recorded source is the current one, outdated when the source changed
since, and untranslated when it is empty, or was never recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import segments
from ..project import Project
from . import tracking

EDITION = "_edition"  # the edition's strings: their name in the record, in status and in the exported file
KEYS = ("title", "author", "series", "edition_code")
NOTES = {
    "title": "The edition's title, on the cover and the title page.",
    "author": "The author, on the cover.",
    "series": "The series mark on the cover and the back cover: the press's name, usually kept as it is.",
    "edition_code": "Edition code on the back cover: a two-letter code of the language and the number.",
    "contacts": "A contact line under the cover (web site, e-mail): change it only if this language has its own.",
    "strings": "Interface word of the PDF and EPUB. Keep {...} placeholders as they are.",
    "pattern": "A Babel date pattern (LLLL month, y year, text in 'quotes').",
}


@dataclass(frozen=True)
class String:
    id: str  # edition/<key>, edition/contacts/<n>, strings/<key>
    source: str
    translation: str  # what the language has now ('' when nothing)
    note: str


def read_yaml(path: Path) -> dict:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def values(edition_dir: Path, lang: str) -> dict:
    """The language's edition keys: its edition.yaml over the edition's."""
    return read_yaml(edition_dir / "edition.yaml") | read_yaml(edition_dir / lang / "edition.yaml")


def strings(project: Project, slug: str, source_lang: str, lang: str) -> list[String]:
    """Every string of the edition's source, with its translation."""
    edition_dir = project.content / slug
    theirs, ours = values(edition_dir, source_lang), values(edition_dir, lang)
    result = [
        String(f"edition/{key}", str(theirs[key]), str(ours.get(key) or ""), NOTES[key])
        for key in KEYS
        if theirs.get(key)
    ]
    contacts = [str(c) for c in ours.get("contacts") or []]
    for i, contact in enumerate(theirs.get("contacts") or []):
        target = contacts[i] if i < len(contacts) else ""
        result.append(String(f"edition/contacts/{i + 1}", str(contact), target, NOTES["contacts"]))
    strings_dir = project.layouts / "strings"
    theirs, ours = read_yaml(strings_dir / f"{source_lang}.yaml"), read_yaml(strings_dir / f"{lang}.yaml")
    for key, value in theirs.items():
        if isinstance(value, str):
            note = NOTES["pattern" if key.endswith("_pattern") else "strings"]
            result.append(String(f"strings/{key}", value, str(ours.get(key) or ""), note))
    return result


def where(string_id: str, lang: str) -> str:
    """The file a string's translation is written in."""
    return f"{lang}/edition.yaml" if string_id.startswith("edition/") else f"layouts/strings/{lang}.yaml"


def state(project: Project, slug: str, source_lang: str, lang: str, record=None) -> tracking.ChapterState:
    """The state of each of the edition's strings in lang, as a chapter named EDITION."""
    if record is None:
        record = tracking.load_record(project.content / slug, lang)
    entries = {e.id: e for e in record.get(EDITION, [])}
    result = tracking.ChapterState(EDITION)
    for s in strings(project, slug, source_lang, lang):
        seg = segments.Segment(s.id, s.id.partition("/")[0], s.source)
        entry = entries.get(s.id)
        if not s.translation.strip() or entry is None or not entry.source_fp:
            result.states.append(tracking.SegmentState(seg, tracking.UNTRANSLATED, s.translation))
        elif entry.source_fp == seg.fingerprint:
            result.states.append(tracking.SegmentState(seg, tracking.TRANSLATED, s.translation))
        else:
            result.states.append(tracking.SegmentState(seg, tracking.OUTDATED, s.translation, entry.source))
    return result


def record_strings(project: Project, slug: str, source_lang: str, lang: str) -> int:
    """Record that every string lang has translates the current source; how many it has."""
    edition_dir = project.content / slug
    record = tracking.load_record(edition_dir, lang)
    entries = [
        tracking.Entry(
            s.id, segments.fingerprint(s.source) if s.translation.strip() else "", segments.normalise(s.source)
        )
        for s in strings(project, slug, source_lang, lang)
    ]
    record[EDITION] = entries
    tracking.save_record(edition_dir, lang, record)
    return sum(1 for e in entries if e.source_fp)
