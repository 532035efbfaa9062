"""The EPUB container with reproducible bytes.

EbookLib stamps every entry with the time of the build. Here the archive is
written again: `mimetype` first and stored, then `META-INF/container.xml`, the
package document and every other file by name, all with one fixed time stamp
and fixed permissions.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

FIRST = ("mimetype", "META-INF/container.xml")
EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # the zip format's epoch


def entry_order(names: list[str]) -> list[str]:
    """mimetype, container, package document(s), then every other file by name."""
    opf = sorted(n for n in names if n.endswith(".opf"))
    rest = sorted(n for n in names if n not in FIRST and n not in opf)
    return [n for n in FIRST if n in names] + opf + rest


def entry(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=max(when, EARLIEST).timetuple()[:6])
    info.create_system = 3  # Unix, so the permissions below are read
    info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
    info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
    return info


def reproducible(archive: bytes, when: dt.datetime, edit: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """The same archive with fixed order, time stamps and permissions (each file through edit, if given)."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        files = {name: source.read(name) for name in source.namelist()}
    if edit:
        files = {name: edit(name, data) for name, data in files.items()}
    if files.get("mimetype") != b"application/epub+zip":
        raise ValueError("not an EPUB archive: no 'mimetype' entry")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in entry_order(list(files)):
            target.writestr(entry(name, when), files[name], compresslevel=9)
    return out.getvalue()
