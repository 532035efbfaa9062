"""A fast structural self-check of an EPUB before it is written: the build never writes a book it knows
to be broken. Not EPUBCheck (the tests run that): the container, the package's manifest and spine, every
XHTML file well-formed, and every link and picture inside the book leading to a file and an id that exist."""

from __future__ import annotations

import io
import posixpath
import zipfile
from urllib.parse import unquote, urlparse

from lxml import etree

OPF_NS = {"opf": "http://www.idpf.org/2007/opf", "c": "urn:oasis:names:tc:opendocument:xmlns:container"}
XHTML = "application/xhtml+xml"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def problems(data: bytes) -> list[str]:
    """Every structural fault of the EPUB in data (empty when none is found)."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        return [f"not a ZIP file ({exc})"]
    names = book.namelist()
    found: list[str] = []
    if not names or names[0] != "mimetype" or book.read("mimetype") != b"application/epub+zip":
        found.append("the first file is not 'mimetype' holding application/epub+zip")
    elif book.getinfo("mimetype").compress_type != zipfile.ZIP_STORED:
        found.append("'mimetype' is compressed")
    try:
        container = etree.fromstring(book.read("META-INF/container.xml"), _parser())
        opf_name = str(container.xpath("string(//c:rootfile/@full-path)", namespaces=OPF_NS))
        opf = etree.fromstring(book.read(opf_name), _parser())
    except (KeyError, etree.XMLSyntaxError) as exc:
        return [*found, f"no readable package document ({exc})"]
    base = posixpath.dirname(opf_name)
    manifest = {
        str(item.get("id")): (_join(base, str(item.get("href"))), item.get("media-type"))
        for item in _xpath(opf, "//opf:manifest/opf:item")
    }
    files = set(names)
    found += [
        f"the manifest names {path}, which is not in the book" for path, _ in manifest.values() if path not in files
    ]
    found += [
        f"the spine names '{ref}', which is not in the manifest"
        for ref in _xpath(opf, "//opf:spine/opf:itemref/@idref")
        if ref not in manifest
    ]
    trees, ids = {}, {}
    for path, media in manifest.values():
        if media != XHTML or path not in files:
            continue
        try:
            trees[path] = etree.fromstring(book.read(path), _parser())
        except etree.XMLSyntaxError as exc:
            found.append(f"{path} is not well-formed XHTML ({exc})")
            continue
        ids[path] = {str(v) for v in _xpath(trees[path], "//@id")}
    for path, tree in trees.items():
        for element in tree.iter():
            for attribute in ("href", "src"):
                target = element.get(attribute) if isinstance(element.tag, str) else None
                if target:
                    found += _link_problem(path, str(target), files, ids)
    return found


def _xpath(tree, expression: str) -> list:
    return list(tree.xpath(expression, namespaces=OPF_NS))


def _join(base: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(base, unquote(href)))


def _link_problem(path: str, target: str, files: set[str], ids: dict[str, set[str]]) -> list[str]:
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc:
        return []
    file = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parsed.path))) if parsed.path else path
    if file not in files:
        return [f"{path}: '{target}' leads to no file of the book"]
    if parsed.fragment and file in ids and unquote(parsed.fragment) not in ids[file]:
        return [f"{path}: '{target}' leads to no id in {file}"]
    return []
