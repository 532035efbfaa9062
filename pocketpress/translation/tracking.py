"""Which source text each segment of a translation was made from, and what that makes it now.

A language's record is `<lang>/translated-from.yaml`: for each chapter, one entry per segment
of the translation, in order, with the fingerprint of the source segment it translates and that
source text (kept so `status --diff` can show what the translator saw, as po4a's `#| msgid`).
An entry with an empty `from` is a segment not translated yet (the file holds the source text).

The state of a translation is found by aligning the recorded source with the current source
(by fingerprint): an unchanged segment is translated, a changed one outdated, a new one
untranslated; a chapter without a file is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from .. import segments
from ..errors import ContentError
from ..loader import fingerprint as file_fingerprint
from ..project import Project
from ..yamlsource import load_yaml

RECORD = "translated-from.yaml"
TRANSLATED, OUTDATED, MISSING, UNTRANSLATED = "translated", "outdated", "missing", "untranslated"
STATES = (TRANSLATED, OUTDATED, MISSING, UNTRANSLATED)
HEADER = (
    "# Which source text each segment of this translation was translated from.\n"
    "# Written by `pocketpress status --record` and `pocketpress translate import`: do not edit by hand.\n"
)


@dataclass(frozen=True)
class Entry:
    id: str
    source_fp: str  # '' when not translated
    source: str

    def as_dict(self) -> dict:
        return {"id": self.id, "from": self.source_fp, "source": self.source}


@dataclass
class SegmentState:
    segment: segments.Segment  # in the current source
    state: str
    translation: str = ""
    old_source: str = ""  # outdated: the source it was translated from


@dataclass
class ChapterState:
    chapter: str
    states: list[SegmentState] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for s in self.states if s.state == state)


def chapter_ids(project: Project, edition_dir: Path) -> tuple[list[str], str]:
    """The chapter ids of an edition, introduction first, and its source language."""
    path = edition_dir / "edition.yaml"
    located, problems = load_yaml(path.read_text(encoding="utf-8"), project.show(path))
    if located is None:
        raise ContentError(problems)
    data = located.data if isinstance(located.data, dict) else {}
    ids = [data["introduction"]] if data.get("introduction") else []
    ids += [c.get("id") for c in data.get("chapters") or [] if isinstance(c, dict)]
    return [i for i in ids if i], str(data.get("source_language", "en"))


def record_path(edition_dir: Path, lang: str) -> Path:
    return edition_dir / lang / RECORD


def load_record(edition_dir: Path, lang: str) -> dict[str, list[Entry]]:
    path = record_path(edition_dir, lang)
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        str(cid): [Entry(str(e["id"]), str(e.get("from") or ""), str(e.get("source") or "")) for e in entries or []]
        for cid, entries in data.items()
    }


def dump_record(record: dict[str, list[Entry]]) -> str:
    ordered = {cid: [e.as_dict() for e in record[cid]] for cid in sorted(record)}
    return HEADER + yaml.safe_dump(ordered, allow_unicode=True, width=100, sort_keys=False)


def save_record(edition_dir: Path, lang: str, record: dict[str, list[Entry]]) -> bool:
    """Write the record if it changed; True if it did."""
    path = record_path(edition_dir, lang)
    text = dump_record(record)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def entries_for(source: segments.Chapter, translated: bool = True) -> list[Entry]:
    """Entries saying every segment translates the current source (or none does)."""
    return [Entry(s.id, s.fingerprint if translated else "", s.normal) for s in source.segments]


def read(path: Path) -> segments.Chapter | None:
    return segments.parse(path.read_text(encoding="utf-8")) if path.exists() else None


def align(
    source: segments.Chapter, translation: segments.Chapter, entries: list[Entry]
) -> list[tuple[Entry | None, segments.Segment | None]]:
    """For each current source segment: its recorded entry and translated segment (None when new)."""
    recorded = [e.source_fp or segments.fingerprint(e.source) for e in entries]
    current = [s.fingerprint for s in source.segments]
    result: list[tuple[Entry | None, segments.Segment | None]] = [(None, None)] * len(current)
    matcher = SequenceMatcher(None, recorded, current, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal", "replace"):
            for k in range(min(i2 - i1, j2 - j1)):
                i = i1 + k
                seg = translation.segments[i] if i < len(translation.segments) else None
                result[j1 + k] = (entries[i], seg)
    return result


def chapter_state(edition_dir: Path, source_lang: str, lang: str, cid: str, record=None) -> ChapterState:
    result = ChapterState(cid)
    source = read(edition_dir / source_lang / f"{cid}.md")
    if source is None:
        return result
    path = edition_dir / lang / f"{cid}.md"
    translation = read(path)
    if translation is None:
        result.states = [SegmentState(s, MISSING) for s in source.segments]
        return result
    record = load_record(edition_dir, lang) if record is None else record
    entries = record.get(cid)
    if entries is None:  # not recorded per segment: the chapter-wide fingerprint of older versions
        legacy = segments.header_values(translation.header).get("translated_from")
        current = legacy and legacy == file_fingerprint(edition_dir / source_lang / f"{cid}.md")
        entries = [Entry(s.id, s.fingerprint if current else "", s.normal) for s in source.segments]
    for seg, (entry, tseg) in zip(source.segments, align(source, translation, entries), strict=True):
        text = tseg.text if tseg else ""
        if entry is None or not entry.source_fp or tseg is None:
            result.states.append(SegmentState(seg, UNTRANSLATED, text))
        elif entry.source_fp == seg.fingerprint:
            result.states.append(SegmentState(seg, TRANSLATED, text))
        else:
            result.states.append(SegmentState(seg, OUTDATED, text, entry.source))
    return result


def record_chapter(project: Project, slug: str, source_lang: str, lang: str, cid: str) -> int:
    """Record that the translation of cid matches the current source; the number of segments."""
    edition_dir = project.content / slug
    source = read(edition_dir / source_lang / f"{cid}.md")
    assert source is not None
    record = load_record(edition_dir, lang)
    record[cid] = entries_for(source)
    save_record(edition_dir, lang, record)
    return len(source.segments)
