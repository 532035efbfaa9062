"""Import an old pocket edition straight from its PDF: the text with positions (pypdfium2), turned
into the extracted-text form the extracted importer reads (folios as `← N →`, paragraphs between
blank lines, a folio inline where a paragraph runs on over a page break), then read by it.

What is not text of the book is recognised by position and size, not only by its words: the folio
(centred in the foot margin), running heads (in the head margin, smaller than the text, repeated),
the cover (the first page: its largest type is the title), the contacts and contents pages (every
page before the first page of running text)."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from .common import Edition, ImportFailure, Report
from .extracted import DINKUS, import_lines
from .pages import LAYOUT_HYPHEN, is_caps

FOLIO_TEXT = re.compile(r"[←‹<]?\s*(\d{1,4})\s*[→›>]?")
CONTENTS_END = re.compile(r"/\s*\d+\s*/$")
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|(https?://)?[\w-]+(\.[\w-]+)+(/\S*)?")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    y: float  # baseline, from the foot of the page
    size: float

    def centred(self, left: float, right: float) -> bool:
        return self.x0 - left > 2 and right - self.x1 > 2 and abs((self.x0 - left) - (right - self.x1)) < 4


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    folio: int | None = None
    margin_hint: tuple[float, float] | None = None  # for a page without running text: its side's margins


def read_pages(path: Path) -> list[Page]:
    """Every page's lines of text, top to bottom, with their positions and type size."""
    import pypdfium2 as pdfium  # deferred: only `import pdf` needs it
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(str(path))
    except FileNotFoundError:
        raise ImportFailure("no such file") from None
    except pdfium.PdfiumError as exc:
        raise ImportFailure(f"not a PDF that can be read ({exc})") from None
    pages = []
    for number in range(len(document)):
        page = document[number]
        text = page.get_textpage()
        chars = []
        space = False
        for index in range(text.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(text, index)
            # a line-end hyphen: pdfium's marks of a soft one, or U+2011 (the print line breaker's, kept as
            # it is: a layout hyphen for certain, pages.join)
            hyphen = code in (2, 0xFFFE, 0xAD) or pdfium_c.FPDFText_IsHyphen(text, index) == 1
            char = "-" if hyphen and code != 0x2011 else chr(code)
            if char.isspace() or not char.isprintable():
                space = True  # a space, written or put in by pdfium where it sees a gap between words
                continue
            left, bottom, right, top = text.get_charbox(index, loose=True)
            size = pdfium_c.FPDFText_GetFontSize(text, index)
            chars.append((char, left, bottom, right, top, size, space))
            space = False
        width, height = page.get_size()
        pages.append(Page(number, width, height, make_lines(chars)))
    return pages


Char = tuple[str, float, float, float, float, float, bool]  # text, box, size, a space before it


def make_lines(chars: list[Char]) -> list[Line]:
    """Characters in lines (by their vertical middle), words parted where the gap between two
    characters is a space's; letter-spaced lines ('S E P T E M B E R') get their words back."""
    rows: list[list[Char]] = []
    for char in chars:
        middle = (char[2] + char[4]) / 2
        for row in rows:
            first = row[0]
            if abs((first[2] + first[4]) / 2 - middle) < 0.35 * max(first[5], 1):
                row.append(char)
                break
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c[1])
        size = Counter(round(c[5], 1) for c in row).most_common(1)[0][0] or 10.0
        gaps = [b[1] - a[3] for a, b in pairwise(row)]
        typical = statistics.median(gaps) if gaps else 0.0
        spaced = typical > 0.08 * size and len(row) > 3  # letter-spaced: the gap between letters is wide
        threshold = typical + 0.15 * size if spaced else 0.15 * size
        text = row[0][0]
        for gap, char in zip(gaps, row[1:], strict=False):
            text += (" " if gap > threshold or (char[6] and not spaced) else "") + char[0]
        baseline = statistics.median(c[2] for c in row)
        lines.append(Line(text.replace("\u00a0", " "), row[0][1], row[-1][3], baseline, size))
    lines.sort(key=lambda line: -line.y)
    return lines


def body_size(pages: list[Page]) -> float:
    """The size of the running text: the size of most lines."""
    sizes = Counter(round(line.size, 1) for page in pages for line in page.lines)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def remove_furniture(pages: list[Page], size: float, report: Report) -> None:
    """Folios (a number in the foot margin) and running heads (in the head margin, smaller than the
    text and repeated on several pages) out of the pages; each page's folio kept."""
    heads: Counter[str] = Counter()
    for page in pages:
        top = [ln for ln in page.lines if ln.y > page.height * 0.9 and ln.size < size - 0.5]
        heads.update({re.sub(r"\d+", "#", ln.text) for ln in top})
    for page in pages:
        kept = []
        for line in page.lines:
            foot = line.y < page.height * 0.1
            folio = FOLIO_TEXT.fullmatch(line.text.strip())
            if foot and folio and page.folio is None:
                page.folio = int(folio.group(1))
            elif line.y > page.height * 0.9 and heads[re.sub(r"\d+", "#", line.text)] >= 3 and line.size < size - 0.5:
                continue  # a running head
            else:
                kept.append(line)
        page.lines = kept
    report.facts["running heads removed"] = sum(n for n in heads.values() if n >= 3)


def margins(page: Page, size: float) -> tuple[float, float]:
    body = [ln for ln in page.lines if abs(ln.size - size) < 0.5]
    if not body and page.margin_hint:
        return page.margin_hint  # a page of block quotation only: its own lines are all set in
    body = body or page.lines
    if not body:
        return 0.0, page.width
    left = Counter(round(ln.x0) for ln in body).most_common(1)[0][0]
    right = max(round(ln.x1) for ln in body)
    return float(left), float(right)


def is_quote_line(line: Line, left: float, right: float, size: float) -> bool:
    """A line of a block quotation: smaller than the running text and set in from the left margin."""
    return line.size < size - 0.5 and line.x0 - left >= 0.5 * line.size and not line.centred(left, right)


def quote_margin(page: Page, left: float, right: float, size: float) -> float:
    insets = [ln.x0 - left for ln in page.lines if is_quote_line(ln, left, right, size)]
    return min(insets) if insets else 0.0


OPENING_MARKS = "“«„‘\"'"
CLOSING_MARKS = "”»“’\"'"


def new_quotation(last: Line, line: Line) -> bool:
    """A quotation that opens right after one that closed a sentence: in print two block quotations
    in a row, whose first lines are not indented, meet like this."""
    before, after = last.text.rstrip(), line.text.lstrip()
    return len(before) > 1 and before[-1] in CLOSING_MARKS and before[-2] in ".?!…" and after[:1] in OPENING_MARKS


def paragraphs_of(page: Page, size: float) -> list[list[Line]]:
    """The page's lines grouped into paragraphs: a new one where the type size changes, after a gap,
    at an indented first line, after a short last line; centred lines of one size go together; a
    block quotation's lines are measured from its own margin."""
    left, right = margins(page, size)
    inset = quote_margin(page, left, right, size)
    groups: list[list[Line]] = []
    for line in page.lines:
        if not groups:
            groups.append([line])
            continue
        last = groups[-1][-1]
        same_size = abs(line.size - last.size) < 0.5
        runs_on = same_size and abs(line.x0 - last.x0) < 0.5 and right - last.x1 <= 1.5 * last.size
        # a paragraph's short last line that happens to look centred still belongs to it
        quote = is_quote_line(line, left, right, size) or (runs_on and is_quote_line(last, left, right, size))
        base = left + inset if quote else left
        gap = last.y - line.y > 1.9 * max(line.size, last.size)
        both_centred = line.centred(left, right) and last.centred(left, right)
        indented = line.x0 - base > 0.6 * line.size and not both_centred
        short = right - last.x1 > 1.5 * last.size and not both_centred
        kind_changes = quote != is_quote_line(last, left, right, size)
        indented = indented or (quote and new_quotation(last, line))
        display = abs(line.size - size) >= 0.5 and is_caps(line.text) and is_caps(last.text)
        if same_size and display and not gap:
            groups[-1].append(line)  # a title or an epigraph in capitals over several lines
        elif (
            not same_size
            or gap
            or indented
            or short
            or kind_changes
            or (last.centred(left, right) != line.centred(left, right) and not runs_on)
        ):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def continues_over(before: Page, after: Page, size: float) -> bool:
    """Does the last paragraph of `before` run on at the top of `after`?"""
    if not before.lines or not after.lines:
        return False
    last, first = before.lines[-1], after.lines[0]
    _, right = margins(before, size)
    left, right_after = margins(after, size)
    if is_quote_line(first, left, right_after, size):
        left += quote_margin(after, left, right_after, size)
    full = right - last.x1 <= 1.5 * last.size or last.text.endswith(("-", LAYOUT_HYPHEN))
    fresh = is_quote_line(first, left, right_after, size) and new_quotation(last, first)
    return full and not fresh and abs(first.size - last.size) < 0.5 and first.x0 - left <= 0.6 * first.size


def hint_margins(pages: list[Page], size: float) -> None:
    """A page with no line of running text takes the margins of the pages on its side (odd or even)."""
    for parity in (0, 1):
        side = [p for p in pages if p.number % 2 == parity]
        found = [margins(p, size) for p in side if any(abs(ln.size - size) < 0.5 for ln in p.lines)]
        if found:
            hint = (Counter(f[0] for f in found).most_common(1)[0][0], max(f[1] for f in found))
            for page in side:
                page.margin_hint = hint


def extracted_lines(pages: list[Page], size: float, carries: list[int] | None = None) -> list[str]:
    """The pages as extracted text: the cover and the pages before the running text as the
    extracted importer's cover lines (contacts and contents entries as `- ...`), then paragraphs."""
    hint_margins(pages, size)
    out: list[str] = []
    first_body = next((p.number for p in pages if p.number and is_running_text(p)), len(pages))
    for page in pages:
        groups = paragraphs_of(page, size)
        if page.number < first_body:
            out += front_matter(page, groups)
            continue
        carried = page.number > first_body and continues_over(pages[page.number - 1], page, size)
        left, right = margins(page, size)
        opener = any(is_caps(ln.text) and ln.size > size + 0.5 for ln in page.lines)  # a chapter starts here
        for index, group in enumerate(groups):
            text = "\n".join(line.text for line in group)
            first = group[0]
            if is_quote_line(first, left, right, size) and not (index == 0 and carried):
                text = "> " + text  # a block quotation, known by its place and size
            elif opener and first.size < size - 0.5 and not is_caps(text) and not first.centred(left, right):
                text = "{.caption} " + text  # small type under a chapter's title: the picture's caption
            elif first.centred(left, right) and abs(first.size - size) < 0.5 and not DINKUS.fullmatch(text):
                text = "{.closing} " + text  # a centred line of the text's size
            if index == 0 and carried and out:
                if carries is not None:
                    carries.append(len(out) + 1)
                out.append(text)  # runs on from the page before: its folio is left out
            else:
                out += ["", text]
        if page.folio is not None and not (
            page.number + 1 < len(pages) and continues_over(page, pages[page.number + 1], size)
        ):
            out += ["", f"← {page.folio} →"]
    return out


def is_running_text(page: Page) -> bool:
    """A page of text: a line of six words or more, and no contents entry (`... / 5 /`)."""
    return not any(CONTENTS_END.search(ln.text) for ln in page.lines) and any(
        len(ln.text.split()) >= 6 for ln in page.lines
    )


def front_matter(page: Page, groups: list[list[Line]]) -> list[str]:
    out: list[str] = []
    if page.number == 0:  # the cover: the largest type first, as one line
        biggest = max(line.size for line in page.lines) if page.lines else 0
        title = [ln.text for ln in page.lines if ln.size == biggest]
        out += [" ".join(title), ""]
        out += [ln.text for ln in page.lines if ln.size != biggest and ln.text.strip()]
        return [line for text in out for line in (text, "")]
    entry: list[str] = []
    for group in groups:
        for line in group:
            text = line.text.strip()
            if ADDRESS.fullmatch(text):
                out += [f"- {text}", ""]
            elif entry or CONTENTS_END.search(text) or len(text.split()) > 2:
                entry.append(text)
                if CONTENTS_END.search(text):
                    joined = re.sub(rf"(?<=\w){LAYOUT_HYPHEN} (?=\w)", "", " ".join(entry))  # the layout's hyphen
                    out += ["- " + re.sub(r"(?<=\w-) (?=\w)", "", joined), ""]
                    entry = []
    return out


def import_pdf(
    path: Path, lang: str, layouts: Path | None = None, caption_words: list[str] | None = None
) -> tuple[Edition, Report]:
    """Read a pocket edition's PDF; ImportFailure if it cannot be read or has no chapters."""
    pages = read_pages(path)
    if not any(page.lines for page in pages):
        raise ImportFailure("the PDF has no text (a scan? run OCR on it first)")
    size = body_size(pages)
    scratch = Report(str(path))
    remove_furniture(pages, size, scratch)
    carries: list[int] = []
    text = extracted_lines(pages, size, carries)
    lines = "\n".join(text).split("\n")
    edition, report = import_lines(lines, str(path), lang, layouts, caption_words, quotes_marked=True)
    numbers = [n for n, _ in enumerate(lines, 1)]
    at = {sum(entry.count("\n") for entry in text[: index - 1]) + index: index for index in carries}
    for line in sorted(at):
        before, after = lines[line - 2] if line > 1 else "", lines[line - 1] if line <= len(numbers) else ""
        if re.search(r"[.!?…»”\"]$", before.strip()) and after[:1].isupper():
            report.guess(line, "paragraph joined across a page break: the page ended with a full line and a sentence")
    report.facts["pages"] = len(pages)
    report.facts["folios removed"] = sum(page.folio is not None for page in pages)
    report.facts["paragraphs rejoined across page breaks"] = sum(
        continues_over(before, after, size) for before, after in pairwise(pages)
    )
    report.facts.update(scratch.facts)
    report.notes.append("line numbers are those of the text extracted from the PDF (pocketpress import pdf --text)")
    return edition, report


def pdf_text(path: Path) -> str:
    """The extracted text the importer reads, for an editor to check line numbers against."""
    pages = read_pages(path)
    size = body_size(pages)
    remove_furniture(pages, size, Report(str(path)))
    return "\n".join(extracted_lines(pages, size)) + "\n"
