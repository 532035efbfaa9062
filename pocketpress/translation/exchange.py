"""Export a translation to PO or XLIFF for a CAT tool (Poedit, Weblate, OmegaT), and import it back.

One file per chapter, plus one for the edition's own strings (the language's edition.yaml and the
interface words of layouts/strings/<lang>.yaml). A unit's context is `<chapter>/<segment id>`; its
source is the segment's normalised source text; an outdated segment is fuzzy, with the source it was
translated from as the previous msgid (XLIFF: state needs-review-translation and a note).

Import writes each translation into the language's Markdown in place (segments.replace), keeping the
skeleton; a segment whose source changed since the export is written but recorded against the source
the translator saw, so it stays outdated and is reported; a unit whose segment no longer exists is
saved in a file beside the imported one. Nothing changes when nothing was edited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
import yaml

from .. import segments
from ..errors import ContentError, Problem
from ..project import Project
from . import edition, tracking

EDITION = edition.EDITION  # the file of an edition's own strings
FORMATS = ("po", "xliff")


@dataclass
class Unit:
    context: str  # <chapter>/<segment id>, edition/<key>, strings/<key>
    source: str
    target: str = ""
    fuzzy: bool = False
    previous: str = ""  # outdated: the source the target was translated from
    note: str = ""
    reference: str = ""


@dataclass
class Batch:
    slug: str
    source_lang: str
    lang: str
    chapter: str  # a chapter id, or EDITION
    units: list[Unit] = field(default_factory=list)
    origin: Path | None = None  # the file it was read from


@dataclass
class Report:
    written: list[str] = field(default_factory=list)  # files changed
    applied: int = 0
    stale: list[str] = field(default_factory=list)  # messages
    saved: list[str] = field(default_factory=list)


# --- collecting -------------------------------------------------------------------------------------


def chapter_batch(project: Project, slug: str, source_lang: str, lang: str, cid: str) -> Batch:
    edition_dir = project.content / slug
    state = tracking.chapter_state(edition_dir, source_lang, lang, cid)
    batch = Batch(slug, source_lang, lang, cid)
    for s in state.states:
        seg = s.segment
        line = f":{_line(edition_dir / source_lang / f'{cid}.md', seg)}"
        unit = Unit(f"{cid}/{seg.id}", seg.normal, note=f"{seg.note} {segments.markup_notes(seg.text)}".strip())
        unit.reference = f"{slug}/{source_lang}/{cid}.md{line}"
        if s.state in (tracking.TRANSLATED, tracking.OUTDATED):
            unit.target = segments.normalise(s.translation)
        if s.state == tracking.OUTDATED:
            unit.fuzzy, unit.previous = True, segments.normalise(s.old_source)
        batch.units.append(unit)
    return batch


def _line(path: Path, seg: segments.Segment) -> int:
    chapter = tracking.read(path)
    if chapter is None or chapter.header is None:
        return seg.start + 1
    if seg.start < 0:
        for i, line in enumerate(chapter.header.splitlines()):
            if line.startswith(f"{seg.id}:"):
                return i + 2
        return 1
    return chapter.header.count("\n") + 3 + seg.start


def edition_batch(project: Project, slug: str, source_lang: str, lang: str) -> Batch:
    """The edition's own strings: translated ones with their target, outdated ones fuzzy with the previous
    source; a string never recorded is offered for review (fuzzy), unless it is still the source's."""
    batch = Batch(slug, source_lang, lang, EDITION)
    notes = {s.id: s.note for s in edition.strings(project, slug, source_lang, lang)}
    for s in edition.state(project, slug, source_lang, lang).states:
        unit = Unit(s.segment.id, s.segment.text, note=notes[s.segment.id])
        if s.state != tracking.UNTRANSLATED or s.translation != s.segment.text:
            unit.target = s.translation
        unit.fuzzy = s.state == tracking.OUTDATED or (s.state == tracking.UNTRANSLATED and bool(unit.target))
        unit.previous = segments.normalise(s.old_source) if s.state == tracking.OUTDATED else ""
        batch.units.append(unit)
    return batch


def batches(project: Project, slug: str, lang: str) -> list[Batch]:
    ids, source = tracking.chapter_ids(project, project.content / slug)
    return [edition_batch(project, slug, source, lang)] + [
        chapter_batch(project, slug, source, lang, cid) for cid in ids
    ]


# --- writing files ----------------------------------------------------------------------------------


def to_po(batch: Batch) -> str:
    po = polib.POFile(wrapwidth=79)
    po.metadata = {
        "Project-Id-Version": f"{batch.slug} {batch.chapter}",
        "Report-Msgid-Bugs-To": "",
        "PO-Revision-Date": "2025-01-01 00:00+0000",
        "Last-Translator": "",
        "Language-Team": batch.lang,
        "Language": batch.lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Pocketpress-Edition": batch.slug,
        "X-Pocketpress-Chapter": batch.chapter,
        "X-Pocketpress-Source-Language": batch.source_lang,
    }
    what = "the edition's own strings (title, contacts, interface words)" if batch.chapter == EDITION else batch.chapter
    po.header = (
        f"{batch.slug}: {what} in {batch.lang}, translated from {batch.source_lang}.\n"
        f"Bring it back with: pocketpress translate import THIS-FILE"
    )
    for unit in batch.units:
        entry = polib.POEntry(msgctxt=unit.context, msgid=unit.source, msgstr=unit.target, comment=unit.note)
        if unit.reference:
            path, _, line = unit.reference.rpartition(":")
            entry.occurrences = [(path, line)]
        if unit.fuzzy:
            entry.flags.append("fuzzy")
        if unit.fuzzy and unit.previous:
            entry.previous_msgid = unit.previous
            entry.previous_msgctxt = unit.context
        po.append(entry)
    return str(po) + "\n"


XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"


def to_xliff(batch: Batch) -> bytes:
    from lxml import etree

    root = etree.Element(f"{{{XLIFF_NS}}}xliff", nsmap={None: XLIFF_NS}, version="1.2")  # type: ignore[dict-item]
    file = etree.SubElement(
        root,
        f"{{{XLIFF_NS}}}file",
        original=f"{batch.slug}/{batch.lang}/{batch.chapter}",
        datatype="x-markdown",
        attrib={"source-language": batch.source_lang, "target-language": batch.lang},
    )
    header = etree.SubElement(file, f"{{{XLIFF_NS}}}header")
    body = etree.SubElement(file, f"{{{XLIFF_NS}}}body")
    etree.SubElement(header, f"{{{XLIFF_NS}}}tool", attrib={"tool-id": "pocketpress", "tool-name": "pocketpress"})
    for unit in batch.units:
        tu = etree.SubElement(body, f"{{{XLIFF_NS}}}trans-unit", id=unit.context, resname=unit.context)
        tu.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        etree.SubElement(tu, f"{{{XLIFF_NS}}}source").text = unit.source
        if unit.target:
            target = etree.SubElement(tu, f"{{{XLIFF_NS}}}target")
            target.text = unit.target
            target.set("state", "needs-review-translation" if unit.fuzzy else "translated")
            if not unit.fuzzy:
                tu.set("approved", "yes")
        etree.SubElement(tu, f"{{{XLIFF_NS}}}note", {"from": "developer"}).text = unit.note
        if unit.fuzzy and unit.previous:
            etree.SubElement(
                tu, f"{{{XLIFF_NS}}}note", {"from": "pocketpress"}
            ).text = f"Previous source: {unit.previous}"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export(project: Project, slug: str, lang: str, fmt: str, out: Path) -> list[Path]:
    """Write one file per chapter and one for the edition's strings into out; their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for batch in batches(project, slug, lang):
        path = out / f"{slug}-{lang}-{batch.chapter.lstrip('_')}.{fmt}"
        if fmt == "po":
            path.write_text(to_po(batch), encoding="utf-8")
        else:
            path.write_bytes(to_xliff(batch))
        written.append(path)
    return written


# --- reading files ----------------------------------------------------------------------------------


def read_file(path: Path, shown: str) -> Batch:
    """A PO or XLIFF file written by export (and edited by a translator)."""
    if path.suffix in (".xlf", ".xliff"):
        return read_xliff(path, shown)
    try:
        po = polib.pofile(str(path), wrapwidth=79)
    except (OSError, ValueError) as exc:
        raise ContentError([Problem(shown, 0, f"not a PO file: {exc}", "export it again")]) from exc
    meta = po.metadata
    if "X-Pocketpress-Edition" not in meta:
        hint = "import the files `pocketpress translate export` wrote (their header names the edition)"
        raise ContentError([Problem(shown, 1, "not a pocketpress PO file: no X-Pocketpress-Edition", hint)])
    batch = Batch(
        meta["X-Pocketpress-Edition"],
        meta.get("X-Pocketpress-Source-Language", "en"),
        meta.get("Language", ""),
        meta.get("X-Pocketpress-Chapter", ""),
    )
    for entry in po:
        if entry.obsolete:
            continue
        batch.units.append(
            Unit(
                entry.msgctxt or "",
                entry.msgid,
                entry.msgstr,
                "fuzzy" in entry.flags,
                entry.previous_msgid or "",
                reference=str(entry.linenum),
            )
        )
    return batch


def read_xliff(path: Path, shown: str) -> Batch:
    from lxml import etree

    try:
        root = etree.parse(str(path)).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise ContentError([Problem(shown, 0, f"not an XLIFF file: {exc}", "export it again")]) from exc
    ns = {"x": XLIFF_NS}
    file = root.find("x:file", ns)
    original = (file.get("original") if file is not None else "") or ""
    parts = original.split("/")
    if file is None or len(parts) != 3:
        hint = "import the files `pocketpress translate export` wrote"
        raise ContentError([Problem(shown, 1, "not a pocketpress XLIFF file: no <file original=...>", hint)])
    batch = Batch(parts[0], file.get("source-language") or "en", parts[1], parts[2])
    for tu in file.iterfind(".//x:trans-unit", ns):
        target = tu.find("x:target", ns)
        text = "".join(str(t) for t in target.itertext()) if target is not None else ""
        state = target.get("state", "") if target is not None else ""
        previous = ""
        for note in tu.iterfind("x:note", ns):
            if note.get("from") == "pocketpress" and (note.text or "").startswith("Previous source: "):
                previous = (note.text or "")[len("Previous source: ") :]
        source = tu.find("x:source", ns)
        batch.units.append(
            Unit(
                tu.get("id") or "",
                "".join(str(t) for t in source.itertext()) if source is not None else "",
                text,
                state.startswith("needs-") or state == "new",
                previous,
                reference=str(tu.sourceline),
            )
        )
    return batch


# --- importing --------------------------------------------------------------------------------------


def import_batch(project: Project, batch: Batch, shown: str) -> Report:
    edition_dir = project.content / batch.slug
    if not (edition_dir / "edition.yaml").exists():
        raise ContentError([Problem(shown, 1, f"no edition '{batch.slug}' in {project.show(project.content)}")])
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", batch.lang) or batch.lang == batch.source_lang:
        raise ContentError([Problem(shown, 1, f"'{batch.lang}' is not a language to import into")])
    report = Report()
    lang_dir = edition_dir / batch.lang
    if not lang_dir.exists():
        lang_dir.mkdir()
        source_yaml = edition_dir / batch.source_lang / "edition.yaml"
        (lang_dir / "edition.yaml").write_text(source_yaml.read_text(encoding="utf-8"), encoding="utf-8")
        report.written.append(project.show(lang_dir / "edition.yaml"))
    if batch.chapter == EDITION:
        import_strings(project, batch, shown, report)
    else:
        import_chapter(project, batch, shown, report)
    return report


def stale_message(batch: Batch, shown: str, unit: Unit, what: str, chapter: str) -> str:
    see = f"pocketpress status --diff {batch.slug}/{batch.lang}/{chapter}"
    return (
        f"{shown}:{unit.reference}: {what}: the source changed after this file was exported; the translation is "
        f"kept, and stays outdated until it is updated (see what changed: {see})"
    )


def import_strings(project: Project, batch: Batch, shown: str, report: Report) -> None:
    """Write the edition's strings, and record which source each translates (as import_chapter does)."""
    changed = write_strings(project, batch, report)
    edition_dir = project.content / batch.slug
    current = {s.id: s for s in edition.strings(project, batch.slug, batch.source_lang, batch.lang)}
    record = tracking.load_record(edition_dir, batch.lang)
    entries = {e.id: e for e in record.get(EDITION, [])}
    for unit in batch.units:
        string = current.get(unit.context)
        entry = entries.get(unit.context)
        if string is not None and unit.target.strip():
            fp = segments.fingerprint(unit.source)
            if fp != segments.fingerprint(string.source):
                entry = tracking.Entry(unit.context, fp, segments.normalise(unit.source))
                report.stale.append(stale_message(batch, shown, unit, unit.context, EDITION))
            elif not unit.fuzzy:
                entry = tracking.Entry(unit.context, fp, segments.normalise(string.source))
            elif unit.previous:  # still fuzzy: the translator has not confirmed it
                entry = tracking.Entry(
                    unit.context, segments.fingerprint(unit.previous), segments.normalise(unit.previous)
                )
        if unit.context in changed or (entry is not None and entry != entries.get(unit.context)):
            report.applied += 1
        if entry is not None:
            entries[unit.context] = entry
    if EDITION not in record and not entries:
        return  # nothing to record: a record without the edition's strings stays as it is
    record[EDITION] = [
        entries.get(k) or tracking.Entry(k, "", segments.normalise(s.source)) for k, s in current.items()
    ]
    if tracking.save_record(edition_dir, batch.lang, record):
        report.written.append(project.show(tracking.record_path(edition_dir, batch.lang)))


def set_list_item(text: str, key: str, i: int, value: str) -> str | None:
    """text (YAML) with item i of the list under key set to value, every other line kept as it is;
    None when the file has no such item."""
    lines = text.splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if re.match(rf"{re.escape(key)}\s*:\s*$", line)), None)
    if start is None:
        return None
    items = []
    for n in range(start + 1, len(lines)):
        if not re.match(r"\s*-\s", lines[n]):
            break
        items.append(n)
    if i >= len(items):
        return None
    n = items[i]
    dash = re.match(r"\s*-\s*", lines[n])
    item = yaml.safe_dump([value], allow_unicode=True, width=10**9).strip()[2:]
    lines[n] = f"{dash.group(0) if dash else '- '}{item}\n"
    return "".join(lines)


def write_strings(project: Project, batch: Batch, report: Report) -> set[str]:
    """Write the strings' targets into the language's edition.yaml and strings file; the ids that changed.
    A value the language already has (its own, or the edition's it inherits) is not written again."""
    edition_dir = project.content / batch.slug
    path = edition_dir / batch.lang / "edition.yaml"
    text = path.read_text(encoding="utf-8")
    data = edition.values(edition_dir, batch.lang)
    contacts = [str(c) for c in data.get("contacts") or []]
    strings_path = project.layouts / "strings" / f"{batch.lang}.yaml"
    new_strings = not strings_path.exists()
    strings_text = (
        strings_path.read_text(encoding="utf-8")
        if not new_strings
        else f"# Interface words in {batch.lang} (keys as in {batch.source_lang}.yaml).\n"
    )
    strings = edition.read_yaml(strings_path)
    changed: set[str] = set()
    for unit in batch.units:
        kind, _, key = unit.context.partition("/")
        value = unit.target.strip()
        if kind == "strings" and new_strings and key not in strings:
            strings_text = segments._set_header(strings_text, key, value or unit.source)
            strings[key] = value or unit.source
            if value:
                changed.add(unit.context)
        if not value:
            continue
        if kind == "edition" and key in edition.KEYS and str(data.get(key) or "") != value:
            text = segments._set_header(text, key, value)
            changed.add(unit.context)
        elif kind == "edition" and key.startswith("contacts/"):
            i = int(key.split("/")[1]) - 1
            while len(contacts) <= i:
                contacts.append("")
            if contacts[i] != value:
                contacts[i] = value
                text = set_list_item(text, "contacts", i, value) or segments._set_header(text, "contacts", contacts)  # type: ignore[arg-type]
                changed.add(unit.context)
        elif kind == "strings" and str(strings.get(key) or "") != value:
            strings_text = segments._set_header(strings_text, key, value)
            strings[key] = value
            changed.add(unit.context)
    if text != path.read_text(encoding="utf-8"):
        path.write_text(text, encoding="utf-8")
        report.written.append(project.show(path))
    if new_strings or strings_text != strings_path.read_text(encoding="utf-8"):
        strings_path.write_text(strings_text, encoding="utf-8")
        report.written.append(project.show(strings_path))
    return changed


def import_chapter(project: Project, batch: Batch, shown: str, report: Report) -> None:
    edition_dir = project.content / batch.slug
    ids, source_lang = tracking.chapter_ids(project, edition_dir)
    cid = batch.chapter
    if cid not in ids:
        raise ContentError([Problem(shown, 1, f"no chapter '{cid}' in {batch.slug}", "export the edition again")])
    source = tracking.read(edition_dir / source_lang / f"{cid}.md")
    assert source is not None
    path = edition_dir / batch.lang / f"{cid}.md"
    translation = tracking.read(path)
    record = tracking.load_record(edition_dir, batch.lang)
    state = tracking.chapter_state(edition_dir, source_lang, batch.lang, cid, record)
    # What the chapter holds now, per current source segment: (text, entry)
    texts: dict[str, str] = {}
    entries: dict[str, tracking.Entry] = {}
    for s in state.states:
        if s.state in (tracking.TRANSLATED, tracking.OUTDATED):
            texts[s.segment.id] = s.translation
            fp = s.segment.fingerprint if s.state == tracking.TRANSLATED else segments.fingerprint(s.old_source)
            source_text = s.segment.normal if s.state == tracking.TRANSLATED else segments.normalise(s.old_source)
            entries[s.segment.id] = tracking.Entry(s.segment.id, fp, source_text)
    by_id = {seg.id: seg for seg in source.segments}
    by_fp: dict[str, list[segments.Segment]] = {}
    for seg in source.segments:
        by_fp.setdefault(seg.fingerprint, []).append(seg)
    orphans: list[Unit] = []
    applied_before = report.applied
    for unit in batch.units:
        if not unit.target.strip():
            continue
        seg_id = unit.context.partition("/")[2]
        fp = segments.fingerprint(unit.source)
        found = by_id.get(seg_id)
        if found is None or found.fingerprint != fp:
            moved = by_fp.get(fp, [])
            found = moved[0] if len(moved) == 1 else found
        if found is None:
            orphans.append(unit)
            continue
        seg = found
        old = texts.get(seg.id)
        texts[seg.id] = unit.target
        if seg.fingerprint == fp and not unit.fuzzy:
            entry = tracking.Entry(seg.id, fp, seg.normal)
        elif seg.fingerprint == fp:  # still fuzzy: the translator has not confirmed it
            previous = unit.previous or (entries[seg.id].source if seg.id in entries else unit.source)
            entry = tracking.Entry(seg.id, segments.fingerprint(previous), segments.normalise(previous))
        else:
            entry = tracking.Entry(seg.id, fp, segments.normalise(unit.source))
            report.stale.append(stale_message(batch, shown, unit, f"{cid}/{seg.id}", cid))
        if old is None or segments.normalise(old) != segments.normalise(unit.target) or entries.get(seg.id) != entry:
            report.applied += 1
        entries[seg.id] = entry
    changed = bool(texts) and report.applied > applied_before
    aligned = translation is not None and [s.kind for s in translation.segments] == [s.kind for s in source.segments]
    if changed and translation is not None and not aligned:
        # Rebuilt from the source's skeleton: translated segments whose source is gone are kept aside.
        used = {id(t) for _, t in tracking.align(source, translation, record.get(cid) or [])}
        orphans += [
            Unit(f"{cid}/{t.id}/was", segments.normalise(e.source), t.normal, note="Its source segment was removed.")
            for t, e in zip(translation.segments, record.get(cid) or [], strict=False)
            if id(t) not in used and e.source_fp and t.normal
        ]
    if orphans:
        origin = batch.origin or project.build / "translate" / f"{batch.slug}-{batch.lang}-{cid}.po"
        keep = origin.with_name(f"{origin.stem}.unapplied.po")
        leftover = Batch(batch.slug, batch.source_lang, batch.lang, cid, orphans)
        keep.parent.mkdir(parents=True, exist_ok=True)
        keep.write_text(to_po(leftover), encoding="utf-8")
        report.saved.append(
            f"{shown}: {len(orphans)} translation(s) of segments no longer in the source saved in {keep}"
        )
    if not changed:
        return  # nothing new: the files stay as they are, byte for byte
    if translation is not None and aligned:
        # Segment i of the translation is segment i of the source: edit in place.
        mapping = dict(zip([s.id for s in source.segments], [s.id for s in translation.segments], strict=True))
        new = segments.replace(translation, {mapping[k]: v for k, v in texts.items()})
    else:
        new = segments.rebuild(source, texts)
    record[cid] = [entries.get(s.id) or tracking.Entry(s.id, "", s.normal) for s in source.segments]
    if translation is None or new.text() != translation.text():
        path.write_text(new.text(), encoding="utf-8")
        report.written.append(project.show(path))
    if tracking.save_record(edition_dir, batch.lang, record):
        report.written.append(project.show(tracking.record_path(edition_dir, batch.lang)))


def import_files(project: Project, paths: list[Path]) -> Report:
    """Read every file first (any problem stops before anything is written), then import each."""
    read: list[tuple[Batch, str]] = []
    problems: list[Problem] = []
    for path in paths:
        shown = str(path)
        if not path.exists():
            problems.append(Problem(shown, 0, "file not found", "name the files `translate export` wrote"))
            continue
        try:
            batch = read_file(path, shown)
            batch.origin = path
            read.append((batch, shown))
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    total = Report()
    # The edition's strings first: a new language gets its folder and edition.yaml from them.
    for batch, shown in sorted(read, key=lambda item: item[0].chapter != EDITION):
        report = import_batch(project, batch, shown)
        total.written += report.written
        total.applied += report.applied
        total.stale += report.stale
        total.saved += report.saved
    return total
