"""The model rendered to HTML through the Jinja layouts in layouts/."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from babel import Locale
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import balance, folio, markdown
from .dates import format_in_style
from .model import Chapter, Edition


@dataclass(frozen=True)
class ChapterView:
    """A chapter as the layouts use it: its text already in HTML."""

    chapter: Chapter
    anchor: str
    title_html: Markup
    body_html: Markup
    caption_html: Markup | None
    alt_text: str  # the picture's text alternative, with the language's typography ("" without a picture)
    caption_is_alt: bool  # the caption says what the alt says: hidden from screen readers (Pandoc's way)
    epigraph_html: Markup | None
    date_text: str | None
    fallback_note: str | None
    picture_src: str | None
    title_lines: Markup | None = None  # print only: the title with its balanced line breaks (render.balance)
    epigraph_lines: Markup | None = None

    def __getattr__(self, name):
        return getattr(self.chapter, name)

    @property
    def date_iso(self) -> str | None:
        return self.chapter.date.isoformat() if self.chapter.date else None


LAST_SPACE = re.compile(r" (?=[^ <>]+$)")


def display(text: str, quotes: str) -> Markup:
    """A display line (title, epigraph): typography of the language, and its last two words
    bound together so that no line ends up holding one word alone."""
    return Markup(LAST_SPACE.sub("\u00a0", markdown.inline(text, quotes)))


def environment(project) -> Environment:
    """One Jinja environment over layouts/ for every format: the print edition and the EPUB share macros."""
    return Environment(
        loader=FileSystemLoader(str(project.layouts)),
        autoescape=select_autoescape(enabled_extensions=("html.j2", "xhtml.j2", "ncx.j2"), default_for_string=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def chapter_view(ch: Chapter, edition: Edition, base: Path | None, anchor_prefix: str = "ch-") -> ChapterView:
    s = edition.strings
    quotes = edition.quotes[ch.lang]
    note = None
    if ch.fallback:
        language = Locale.parse(ch.lang).get_display_name(edition.lang.replace("-", "_"))
        note = s["untranslated"].format(language=language)
    alt = picture_alt(ch, s, quotes)
    caption = Markup(markdown.inline(ch.picture.caption, quotes)) if ch.picture and ch.picture.caption else None
    return ChapterView(
        chapter=ch,
        anchor=anchor_prefix + ch.id,
        title_html=display(ch.title, quotes),
        body_html=Markup(markdown.to_html(ch.body, quotes, s, id_prefix=anchor_prefix + ch.id)),
        caption_html=caption,
        alt_text=alt,
        caption_is_alt=caption is not None and _words(caption.striptags()) == _words(alt),
        epigraph_html=display(ch.epigraph, quotes) if ch.epigraph else None,
        date_text=format_in_style(ch.date, edition.date_style, edition.lang, s) if ch.date else None,
        fallback_note=note,
        picture_src=relative_url(ch.picture.path, base) if ch.picture and base else None,
    )


def picture_alt(ch: Chapter, strings: dict[str, str], quotes: str) -> str:
    """The text alternative of a chapter's picture: 'Picture not available in this edition' for a
    placeholder; else the header's alt (or, when missing, the caption), set like the text."""
    if not ch.picture:
        return ""
    if ch.picture.placeholder:
        return strings["picture_placeholder"]
    text = ch.picture.alt or ch.picture.caption or ""
    return Markup(markdown.inline(text, quotes)).striptags() if text else ""


def picture_warnings(edition: Edition) -> list[str]:
    """A picture with no alt text (and not a placeholder): readers who cannot see it get only its caption."""
    return [
        f"{ch.picture.where}:1: the title picture has no alt text "
        "(add 'alt: <what the picture shows>' to the chapter header, or 'placeholder: true' in edition.yaml)"
        for ch in edition.chapters
        if ch.picture and not ch.picture.placeholder and not (ch.picture.alt or "").strip()
    ]


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w\s]", "", text.casefold()).split()


def relative_url(path: Path, base: Path) -> str:
    return Path(os.path.relpath(path, base)).as_posix()


def settings_css(project, edition: Edition) -> str:
    return (
        environment(project)
        .get_template("print-settings.css.j2")
        .render(
            page_size=edition.page_size,
            folio=folio.css_content(edition.folio, "counter(page)"),
            contents_folio=folio.css_content(edition.contents_folio, "target-counter(attr(href url), page)"),
            fonts=edition.fonts,
        )
    )


def print_html(project, edition: Edition, out_dir: Path, view=chapter_view) -> str:
    """The print edition as one HTML document whose links resolve from out_dir (`view` makes each
    chapter's view: the preview passes one that keeps those of unchanged chapters). The display
    titles are balanced (balanced_titles)."""
    views = [view(ch, edition, out_dir) for ch in edition.chapters]
    intro = chapter_view(edition.introduction, edition, out_dir, "") if edition.introduction else None
    sheets = [project.styles / "print.css", *edition.styles]
    context = {
        "e": edition,
        "s": edition.strings,
        "chapters": views,
        "intro": intro,
        "cover_title": display(edition.title, edition.quotes[edition.lang]),
        "cover_date": format_in_style(edition.date, edition.cover_date_style, edition.lang, edition.strings),
        "stylesheets": [relative_url(p, out_dir) for p in sheets],
        "settings_css": Markup(settings_css(project, edition)),
    }
    template = environment(project).get_template("print.html.j2")
    context.update(balanced_titles(project, edition, out_dir, template, context, sheets))
    return template.render(**context)


def _titles(context: dict) -> dict[str, str]:
    """The display titles to balance, by key: the cover title, each chapter's title and epigraph."""
    titles = {"cover": context["cover_title"]}
    for i, ch in enumerate(context["chapters"]):
        titles[f"t{i}"] = ch.title_html
        if ch.epigraph_html:
            titles[f"e{i}"] = ch.epigraph_html
    return titles


def _with_titles(context: dict, titles: dict[str, Markup], **changes) -> dict:
    """The template's context with the given titles (keys of _titles) in the print places."""
    chapters = [
        replace(ch, title_lines=titles[f"t{i}"], epigraph_lines=titles.get(f"e{i}"), **changes)
        for i, ch in enumerate(context["chapters"])
    ]
    return {"cover_title": titles["cover"], "chapters": chapters}


PROBES: dict[str, dict] = {}  # probe document and stylesheets -> positions (the preview renders often)


def balanced_titles(project, edition: Edition, out_dir: Path, template, context: dict, sheets) -> dict:
    """The context's display titles with balanced breaks, measured in one small probe layout: the
    document with only the cover and the openers, titles in their places, in the edition's styles."""

    def probe(marked: dict[str, Markup]) -> dict:
        probe_context = {**context, **_with_titles(context, marked, body_html=Markup("")), "intro": None}
        probe_context["settings_css"] = Markup(f"{context['settings_css']}\n{balance.PROBE_CSS}")
        html = template.render(**probe_context)
        key = hashlib.sha256(html.encode() + b"".join(p.read_bytes() for p in sheets)).hexdigest()
        if key not in PROBES:
            from . import weasy  # deferred: WeasyPrint loads in a second, which the EPUB alone does not need

            out_dir.mkdir(parents=True, exist_ok=True)
            roots = [edition.root, project.layouts, project.styles]
            PROBES.clear() if len(PROBES) > 64 else None
            PROBES[key] = weasy.probe_positions(html, out_dir, roots, edition.fonts.values())
        return PROBES[key]

    return _with_titles(context, balance.balance(_titles(context), probe))
