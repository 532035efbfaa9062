"""SVG pictures made safe: no external references, no entities, no scripts, for the PDF and the EPUB alike.

An SVG picture is a small program of references: `<image href>`, `<use href>`, `url(...)` in styles,
XML entities. The loader reports every reference to something outside the picture (`problems`), with
its line; what reaches WeasyPrint and the EPUB is in any case `sanitise`d: parsed without network,
DTD or entity expansion, with every such reference and every script removed.
"""

from __future__ import annotations

import re

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "{http://www.w3.org/1999/xlink}href"
LINK_ATTRIBUTES = ("href", XLINK, "src")
DROPPED = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video"}
URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)|@import", re.I)
MAX_SVG_BYTES = 5_000_000


def parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def _local(href: str) -> bool:
    """A reference inside the picture itself (#id), or inline data of a picture."""
    href = href.strip()
    return href.startswith("#") or href.lower().startswith("data:image/")


def _external_urls(text: str) -> list[str]:
    return [m.group(0) if m.group(0).startswith("@") else m.group(2) for m in URL.finditer(text) if not _local_m(m)]


def _local_m(match: re.Match) -> bool:
    return match.group(0).lower() != "@import" and _local(match.group(2) or "")


def parse(data: bytes) -> etree._ElementTree:
    """The picture's tree; XMLSyntaxError when it is not XML."""
    if len(data) > MAX_SVG_BYTES:
        raise ValueError(f"over {MAX_SVG_BYTES:,} bytes")
    return etree.ElementTree(etree.fromstring(data, parser()))


def problems(data: bytes) -> list[tuple[int, str]]:
    """(line, what) for each thing in the picture that refers outside it, or why it is no SVG picture."""
    try:
        tree = parse(data)
    except etree.XMLSyntaxError as exc:
        return [(int(exc.lineno or 1), f"not a valid SVG picture ({exc.msg})")]
    except ValueError as exc:
        return [(1, f"not a usable SVG picture ({exc})")]
    found: list[tuple[int, str]] = []
    if tree.docinfo.internalDTD is not None or b"<!ENTITY" in data:
        found.append((1, "declares XML entities (a DOCTYPE with <!ENTITY>), which could read other files"))
    root = tree.getroot()
    if etree.QName(root).localname != "svg":
        return [*found, (_line(root), f"not an SVG picture (its root is <{etree.QName(root).localname}>)")]
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        line = _line(element)
        name = etree.QName(element).localname
        if name in DROPPED:
            found.append((line, f"holds a <{name}> element, which pictures may not have"))
        for attribute, value in _attributes(element):
            if attribute in LINK_ATTRIBUTES and not _local(value):
                found.append((line, f"refers to '{value[:80]}' outside the picture"))
            elif attribute == "style" or attribute.startswith("on"):
                if attribute.startswith("on"):
                    found.append((line, f"has a script attribute '{attribute}'"))
                found += [(line, f"refers to '{url[:80]}' outside the picture") for url in _external_urls(value)]
        if name == "style" and element.text:
            found += [(line, f"refers to '{url[:80]}' outside the picture") for url in _external_urls(element.text)]
    return found


def sanitise(data: bytes) -> bytes:
    """The picture without external references, entities, DOCTYPE or scripts (unchanged when it has none)."""
    if not problems(data):
        return data
    tree = parse(data)
    root = tree.getroot()
    for element in list(root.iter()):
        parent = element.getparent()
        if isinstance(element, etree._Entity) and parent is not None:
            _remove_keeping_tail(element, parent)
            continue
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname in DROPPED and parent is not None:
            _remove_keeping_tail(element, parent)
            continue
        for attribute, value in _attributes(element):
            if (
                (attribute in LINK_ATTRIBUTES and not _local(value))
                or attribute.startswith("on")
                or (attribute == "style" and _external_urls(value))
            ):
                del element.attrib[attribute]
        if etree.QName(element).localname == "style" and element.text and _external_urls(element.text):
            element.text = URL.sub("none", element.text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _remove_keeping_tail(element, parent) -> None:
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _line(element) -> int:
    line = element.sourceline
    return line if isinstance(line, int) else 1


def _attributes(element) -> list[tuple[str, str]]:
    return [(str(name), str(value)) for name, value in element.attrib.items()]
