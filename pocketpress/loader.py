"""Read an edition's YAML and Markdown into the typed model, collecting every problem."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
from pathlib import Path

from . import classes
from . import languages as language_data
from .errors import ContentError, Problem
from .model import Chapter, Edition, Picture
from .project import Project
from .schema import ChapterHeader, EditionFile, LanguageFile
from .sources import MAX_CHAPTER_BYTES, MAX_YAML_FILE_BYTES, giant_paragraphs, raw_html, read_text
from .strings import load_strings
from .validate import validate
from .yamlsource import Located, load_yaml

PICTURE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff"}
REQUIRED_AFTER_MERGE = ("title", "author", "series", "edition_code")
ONE_LINE_KEYS = ("folio", "contents_folio")


def fingerprint(path: Path) -> str:
    """A short, stable hash of a chapter file: what `translated_from` records."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def read_yaml_file(path: Path, model, project: Project, roots: list[Path] | None = None):
    """(instance or None, located data, problems) for one YAML file (inside roots: the content folder)."""
    shown = shown_as_named(project, path)
    text, problems = read_text(path, shown, roots or [project.content], MAX_YAML_FILE_BYTES)
    if text is None:
        return None, None, problems
    located, problems = load_yaml(text, shown)
    if located is None:
        return None, None, problems
    instance, problems = validate(located, model, shown)
    return instance, located, problems


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(header YAML or None, body, line where the header YAML starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), 2
    return "".join(lines[1:]), "", 2


def shown_as_named(project: Project, path: Path) -> str:
    """The path as the editor named it (a symlink shown as itself, not as its target)."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(project.root.resolve()))
    except ValueError:
        return project.show(path)


def body_line(text: str, body: str) -> int:
    """The line of text where body (its tail) starts."""
    return text.count("\n", 0, len(text) - len(body)) + 1


def read_chapter_file(path: Path, project: Project, roots: list[Path] | None = None):
    """(ChapterHeader or None, Markdown body, problems); the file must lie inside roots (the content folder)."""
    header, body, problems, _ = read_chapter(path, project, roots)
    return header, body, problems


def read_chapter(path: Path, project: Project, roots: list[Path] | None = None):
    """(ChapterHeader or None, Markdown body, problems, line where the body starts)."""
    shown = shown_as_named(project, path)
    text, problems = read_text(path, shown, roots or [project.content], MAX_CHAPTER_BYTES, chapter=True)
    if text is None:
        return None, "", problems, 1
    header, body, problems = _parse_chapter(text, shown)
    return header, body, problems, body_line(text, body)


def _parse_chapter(text: str, shown: str):
    header_text, body, first_line = split_front_matter(text)
    if header_text is None:
        return (
            None,
            body,
            [Problem(shown, 1, "no header", "start the file with a '---' block holding at least 'title:'")],
        )
    if not body and not any(line.strip() in ("---", "...") for line in text.splitlines()[1:]):
        return (
            None,
            "",
            [
                Problem(
                    shown,
                    1,
                    "the header that starts here with '---' is never closed",
                    "add a line '---' after the header's last key, before the text",
                )
            ],
        )
    located, problems = load_yaml(header_text, shown, first_line=first_line)
    if located is None:
        return None, body, problems
    header, problems = validate(located, ChapterHeader, shown)
    return header, body, problems


# A decision an importer left to the editor (`pocketpress import`): never printed, a warning until deleted.
TODO = re.compile(r"^<!--\s*TODO:?\s*(.*?)\s*-->[ \t]*\n?", re.M)


def take_todos(path: Path, body: str, shown: str) -> tuple[str, list[str]]:
    """The body without its TODO comments, and a warning `path:line: TODO: ...` for each."""
    if "<!--" not in body:
        return body, []
    full = path.read_text(encoding="utf-8")
    first = full.count("\n", 0, len(full) - len(body)) + 1
    todos = [f"{shown}:{first + body.count(chr(10), 0, m.start())}: TODO: {m.group(1)}" for m in TODO.finditer(body)]
    return TODO.sub("", body), todos


class EditionLoader:
    """Loads one edition in one language; problems accumulate in self.problems."""

    def __init__(self, project: Project, slug: str, lang: str):
        self.project, self.slug, self.lang = project, slug, lang
        self.root = project.content / slug
        self.problems: list[Problem] = []
        self.inputs: list[Path] = []
        self.warnings: list[str] = []
        self.todos: list[str] = []
        self.source = "en"
        self.known_classes: set[str] = set(classes.HOUSE)

    def load(self) -> Edition:
        settings, located = self._settings()
        if settings is None or located is None:
            raise ContentError(self.problems)
        self.source = settings.source_language
        self.known_classes |= classes.edition_classes(self._own_files(settings.styles))
        if not self._check_source_language(settings, located):
            raise ContentError(self.problems)
        merged = self._merge_language(settings)
        strings = self._strings()
        intro = self._introduction(settings, merged)
        chapters, missing, omitted = self._chapters(settings, located, merged)
        self._check_required(merged)
        self._check_edition_files(settings, located)
        if self.problems:
            raise ContentError(self.problems)
        quotes, hyphenation = self._language_data([c.lang for c in chapters] + [intro.lang if intro else self.lang])
        if self.problems:
            raise ContentError(self.problems)
        edition = self._edition(settings, merged, strings, intro, chapters, missing, omitted)
        return dataclasses.replace(edition, quotes=quotes, hyphenation=hyphenation, warnings=tuple(self.warnings))

    def _check_source_language(self, settings: EditionFile, located: Located) -> bool:
        """source_language names a language folder of this edition (a BCP 47 tag, nothing like a path)."""
        from .project import language_name_problem, languages

        value = settings.source_language
        known = languages(self.root)
        if value in known:
            return True
        where = self.project.show(self.root / "edition.yaml")
        line = located.line_of(("source_language",))
        if language_name_problem(value):
            message = f"source_language '{value}' is not a language code"
        else:
            message = f"source_language '{value}' has no language folder in {self.project.show(self.root)}"
        self.problems.append(Problem(where, line, message, "languages: " + (", ".join(known) or "none")))
        return False

    # -- settings --------------------------------------------------------
    def _settings(self) -> tuple[EditionFile | None, Located | None]:
        path = self.root / "edition.yaml"
        self.inputs.append(path)
        settings, located, problems = read_yaml_file(path, EditionFile, self.project, [self.root])
        self.problems += problems
        for key in ONE_LINE_KEYS:
            if located is not None and (key,) in located.blocks:
                self.problems.append(
                    Problem(
                        self.project.show(path),
                        located.line_of((key,)),
                        f"'{key}' is written as a block of lines ('|' or '>'), but it prints on one line",
                        f'write it in quotes after the key, e.g. {key}: "← {{page}} →"',
                    )
                )
                settings = None
        return settings, located

    def _merge_language(self, settings: EditionFile) -> dict:
        merged = settings.model_dump(include=set(LanguageFile.model_fields))
        path = self.root / self.lang / "edition.yaml"
        if not path.exists():
            return merged
        self.inputs.append(path)
        overlay, located, problems = read_yaml_file(path, LanguageFile, self.project, [self.root])
        self.problems += problems
        if overlay:
            merged.update(overlay.model_dump(exclude_none=True))
        elif located is not None and isinstance(located.data, dict):
            # the keys given, even with a wrong value, are not also "missing" (their error says what to fix)
            merged.update({k: v or "given" for k, v in located.data.items() if k in LanguageFile.model_fields})
        elif problems:
            merged.update(dict.fromkeys(REQUIRED_AFTER_MERGE, "unread"))
        return merged

    def _check_required(self, merged: dict) -> None:
        path = self.root / self.lang / "edition.yaml"
        for key in REQUIRED_AFTER_MERGE:
            if not merged.get(key):
                where = self.project.show(path)
                self.problems.append(
                    Problem(
                        where,
                        1 if path.exists() else 0,
                        f"missing key '{key}'",
                        f"set it here or in {self.project.show(self.root / 'edition.yaml')}",
                    )
                )

    def _check_edition_files(self, settings: EditionFile, located: Located) -> None:
        """Files the edition names besides chapters: its styles, cover picture and ICC profile."""
        named: list[tuple[tuple[str | int, ...], str]] = [
            (("styles", i), name) for i, name in enumerate(settings.styles)
        ]
        background = settings.print.cover_background
        if background and Path(background).suffix.lower() in PICTURE_SUFFIXES:
            named.append((("print", "cover_background"), background))
        if settings.print.output_profile:
            named.append((("print", "output_profile"), settings.print.output_profile))
        for loc, name in named:
            self._edition_file(name, located.line_of(loc), ".".join(str(p) for p in loc))

    def _edition_file(self, name: str, line: int, key: str) -> None:
        path = (self.root / name).resolve()
        where = self.project.show(self.root / "edition.yaml")
        if not path.is_relative_to(self.root.resolve()):
            self.problems.append(
                Problem(
                    where,
                    line,
                    f"{key}: '{name}' is outside the edition folder",
                    f"put it in {self.project.show(self.root)}",
                )
            )
        elif not path.is_file():
            self.problems.append(
                Problem(
                    where,
                    line,
                    f"{key}: file '{name}' not found",
                    f"put it at {self.project.show(path)} or fix the name",
                )
            )
        else:
            self.inputs.append(path)

    def _language_data(self, langs: list[str]) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
        """The quotation marks and the hyphenation exceptions of each language the edition's text is in,
        from layouts/languages.yaml."""
        path = self.project.layouts / language_data.FILE_NAME
        found, problems = language_data.load(path, self.project.root)
        self.problems += problems
        self.inputs.append(path)
        if not found:
            return {}, {}
        langs = list(dict.fromkeys([self.lang, *langs]))
        return {lang: found.quotes(lang) for lang in langs}, {lang: found.hyphenation(lang) for lang in langs}

    def _strings(self) -> dict[str, str]:
        strings, problems, inputs = load_strings(self.project, self.lang)
        self.problems += problems
        self.inputs += inputs
        return strings

    # -- chapters --------------------------------------------------------
    def _introduction(self, settings: EditionFile, merged: dict) -> Chapter | None:
        if not settings.introduction:
            return None
        chapter, _ = self._chapter_text(settings.introduction, None, merged, line=0)
        return chapter

    def _chapters(self, settings: EditionFile, located: Located, merged: dict):
        chapters, missing, omitted = [], [], []
        seen: dict[str, int] = {}
        for index, entry in enumerate(settings.chapters):
            line = located.line_of(("chapters", index, "id"))
            if entry.id in seen:
                self.problems.append(
                    Problem(
                        self.project.show(self.root / "edition.yaml"),
                        line,
                        f"chapter '{entry.id}' is listed twice (first at line {seen[entry.id]})",
                        "remove one of the two entries",
                    )
                )
                continue
            seen[entry.id] = line
            picture_line = located.line_of(("chapters", index, "picture"))
            chapter, is_missing = self._chapter_text(entry.id, entry, merged, line, picture_line)
            if is_missing:
                missing.append(entry.id)
            if chapter is None and is_missing:
                omitted.append(self._source_title(entry.id))
            if chapter is not None:
                chapters.append(chapter)
        return chapters, missing, omitted

    def _chapter_text(self, cid: str, entry, merged: dict, line: int, picture_line: int = 0):
        """(Chapter or None, whether the translation is missing)."""
        path = self.root / self.lang / f"{cid}.md"
        fallback = False
        if not path.exists():
            if self.lang == self._source_lang():
                self.problems.append(
                    Problem(
                        self.project.show(self.root / "edition.yaml"),
                        line or 1,
                        f"chapter file {self.project.show(path)} not found",
                        f"create it, or remove '{cid}' from the list",
                    )
                )
                return None, False
            if merged.get("missing_chapters") != "source":
                return None, True
            path, fallback = self.root / self._source_lang() / f"{cid}.md", True
            if not path.exists():
                return None, True
        self.inputs.append(path)
        header, body, problems, first_line = read_chapter(path, self.project, [self.root])
        self.problems += problems
        self.problems += classes.unknown_classes(body, self.known_classes, self.project.show(path), first_line)
        body, todos = take_todos(path, body, self.project.show(path))
        self.todos += todos
        if header is None:
            return None, fallback
        self.warnings += giant_paragraphs(body, self.project.show(path), first_line)
        self.warnings += raw_html(body, self.project.show(path), first_line)
        if header.caption and not (entry and entry.picture):
            self.warnings.append(self._lost_caption(path, first_line))
        picture = self._picture(entry, header, picture_line, path) if entry else None
        return Chapter(
            id=cid,
            title=header.title,
            body=body,
            source=path,
            lang=self._source_lang() if fallback else self.lang,
            date=entry.date if entry else None,
            picture=picture,
            epigraph=header.epigraph,
            excerpt=entry.excerpt if entry else False,
            fallback=fallback,
        ), fallback

    def _picture(self, entry, header: ChapterHeader, line: int, chapter_file: Path) -> Picture | None:
        if not entry.picture:
            return None
        path = (self.root / entry.picture).resolve()
        where = self.project.show(self.root / "edition.yaml")
        if not path.is_relative_to(self.root.resolve()):
            self.problems.append(
                Problem(
                    where,
                    line,
                    f"picture '{entry.picture}' is outside the edition folder",
                    f"put it in {self.project.show(self.root / 'pictures')}",
                )
            )
            return None
        if not path.is_file():
            self.problems.append(
                Problem(
                    where,
                    line,
                    f"picture '{entry.picture}' not found",
                    f"put the file at {self.project.show(path)} or fix the path",
                )
            )
            return None
        self.inputs.append(path)
        unusable = picture_problems(path, self.project.show(path))
        if unusable:
            self.problems += unusable
            return None
        shown = self.project.show(chapter_file)
        return Picture(path=path, caption=header.caption, alt=header.alt, placeholder=entry.placeholder, where=shown)

    def _lost_caption(self, chapter_file: Path, body_line: int) -> str:
        """The warning for a caption in a chapter header when edition.yaml gives the chapter no picture."""
        header = chapter_file.read_text(encoding="utf-8").split("\n")[: body_line - 1]
        line = next((n for n, text in enumerate(header, start=1) if re.match(r"caption\s*:", text)), 1)
        return (
            f"{self.project.show(chapter_file)}:{line}: a caption with no picture is not printed "
            f"(name the picture under this chapter in {self.project.show(self.root / 'edition.yaml')}, "
            "e.g. 'picture: pictures/name.jpg', or remove the caption)"
        )

    def _own_files(self, names) -> list[Path]:
        """The files of the edition folder among names (others are reported by _check_edition_files)."""
        paths = [(self.root / name).resolve() for name in names]
        return [p for p in paths if p.is_relative_to(self.root.resolve()) and p.is_file()]

    def _source_lang(self) -> str:
        return self.source

    def _source_title(self, cid: str) -> str:
        """The source chapter's title, named in a partial translation's contents: an input of the build."""
        path = self.root / self._source_lang() / f"{cid}.md"
        if not path.exists():
            return cid
        self.inputs.append(path)
        header, _, _ = read_chapter_file(path, self.project, [self.root])
        return header.title if header else cid

    # -- result ----------------------------------------------------------
    def _edition(self, settings, merged, strings, intro, chapters, missing, omitted) -> Edition:
        date, precision = _issue_date(settings.date)
        styles = tuple(self.root / s for s in settings.styles)
        return Edition(
            slug=self.slug,
            lang=self.lang,
            source_language=settings.source_language,
            root=self.root,
            title=merged["title"],
            author=merged["author"],
            series=merged["series"],
            edition_code=merged["edition_code"],
            translator=merged.get("translator"),
            date=date,
            date_precision=precision,
            contacts=tuple(merged.get("contacts") or ()),
            page_size=settings.page_size,
            folio=settings.folio,
            contents_folio=settings.contents_folio,
            date_style=settings.date_style,
            cover_date_style=settings.cover_date_style,
            fonts=settings.fonts.model_dump(),
            styles=styles,
            introduction=intro,
            chapters=tuple(chapters),
            strings=strings,
            print_settings=settings.print,
            allow_partial=bool(merged.get("allow_partial")),
            missing=tuple(missing),
            omitted=tuple(omitted),
            inputs=tuple(dict.fromkeys(self.inputs)),
            author_role=merged.get("author_role") or "author",
            todos=tuple(self.todos),
        )


RASTER_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP", ".tif": "TIFF",
                  ".tiff": "TIFF"}  # fmt: skip


SVG_HINT = "delete it and save the picture again: a picture may use only what it holds itself"


def picture_problems(path: Path, shown: str) -> list[Problem]:
    """Why a picture file cannot be printed: not a picture, the wrong extension, or an SVG that refers
    to other files (each with its line)."""
    from . import svg

    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return [Problem(shown, line, what, SVG_HINT if "valid" not in what else "export it again as SVG or PNG")
                for line, what in svg.problems(data)]  # fmt: skip
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            found = image.format or "?"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        reason = str(exc) or type(exc).__name__
        if isinstance(exc, UnidentifiedImageError):
            reason = "the file is not a picture"
        return [Problem(shown, 0, f"unusable picture: {reason}", "export it again as PNG, JPEG or SVG")]
    expected = RASTER_FORMATS.get(suffix)
    if expected and found != expected:
        return [
            Problem(
                shown,
                0,
                f"unusable picture: the file is {found}, but its name ends in {path.suffix}",
                f"rename it to end in .{found.lower().replace('jpeg', 'jpg')}, and the name in edition.yaml",
            )
        ]
    return []


def _issue_date(value) -> tuple[dt.date, str]:
    if isinstance(value, dt.date):
        return value, "day"
    if len(value) == 7:
        return dt.date.fromisoformat(value + "-01"), "month"
    return dt.date.fromisoformat(value), "day"


def load_edition(project: Project, slug: str, lang: str) -> Edition:
    """The edition in one language, or ContentError with every problem found."""
    return EditionLoader(project, slug, lang).load()
