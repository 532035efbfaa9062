"""Small PDFs made for the tests, with pypdf: what the preflight checks are run on."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

A6 = (297.64, 419.53)  # points


def helvetica_pdf(content: bytes, pages: int = 4) -> bytes:
    """A6 pages; the first draws `content` (a content stream) with Helvetica, a standard font not embedded."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*A6)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    first = writer.pages[0]
    first[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    )
    stream = StreamObject()
    stream.set_data(content)
    first.replace_contents(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
