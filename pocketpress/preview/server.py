"""The preview server: the page images over HTTP on 127.0.0.1, rebuilt as the inputs are saved.

- GET /              the preview page (page.html): single-page and spread views, zoom, languages
- GET /state?lang=L  JSON: page images, problems, what changed, whether the pages are checked
- GET /page/<digest>.png  one page image (its name is its content: cached by the browser)
- GET /events        server-sent events: "update" after each rebuild
- GET /epub/L/...    the EPUB's files as they are in the EPUB (its XHTML served as is)

One thread watches every input with watchfiles and rebuilds; a burst of saves gives one rebuild.
After each rebuild, a separate process lays the book out in one piece, as `make pdf` does, and the
page says whether the pages shown are checked against it.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import posixpath
import threading
import time
import zipfile
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse
from xml.etree import ElementTree

from ..project import Project
from .engine import SCALE, Engine, Snapshot, rasterise

HOST = "127.0.0.1"
STEP_MS = 30  # a save is taken once no other change came for this long (a burst gives one rebuild)
IGNORED_PARTS = {"build", ".git", ".venv", "__pycache__", "node_modules"}
TYPES = {
    ".xhtml": "application/xhtml+xml",
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".ncx": "application/x-dtbncx+xml",
    ".opf": "application/oebps-package+xml",
    ".xml": "application/xml",
}


def exact_to_pipe(sending, root: str, out: str, slug: str, lang: str) -> None:
    """The check process: sends the pages of the book laid out in one piece, or what went wrong.
    It ends by itself if the server ends without stopping it."""
    parent = os.getppid()

    def orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=orphaned, daemon=True).start()
    try:
        result: list[tuple[str, bytes]] | str = exact_pngs(root, out, slug, lang)
    except Exception as exc:  # reported by the server, which keeps the draft
        result = f"{type(exc).__name__}: {exc}"
    sending.send(result)
    sending.close()


def exact_pngs(root: str, out: str, slug: str, lang: str) -> list[tuple[str, bytes]]:
    """In a separate process: the book laid out in one piece (as `make pdf` does), page by page as PNG."""
    from .. import pdf, writers
    from ..loader import load_edition

    project = Project(Path(root))
    edition = load_edition(project, slug, lang)
    unit = writers.Unit(project, edition, Path(out))
    return rasterise(pdf.pdf_bytes(unit.layout, set(edition.fonts.values())))


class Preview:
    """The state the server shows: one engine per language opened, rebuilt on every save."""

    def __init__(
        self, project: Project, slug: str, langs: list[str], first: str, log: Callable[[str], None], check: bool = True
    ):
        self.project, self.slug, self.langs, self.first, self.log = project, slug, langs, first, log
        self.out = project.build / "preview" / slug
        self.engines: dict[str, Engine] = {}
        self.lock = threading.RLock()  # one rebuild at a time
        self.changed = threading.Condition()
        self.version = 0  # counts every update, in any language: the event stream sends it
        self.stopping = threading.Event()
        self.watching = threading.Event()  # set once the watcher sees changes: nothing saved after is missed
        self.check = check
        self.checking: dict[str, multiprocessing.process.BaseProcess] = {}
        self.epubs: dict[str, tuple[int, bytes]] = {}

    # -- engines and rebuilds ------------------------------------------------
    def engine(self, lang: str) -> Engine:
        with self.lock:
            if lang not in self.engines:
                self.engines[lang] = Engine(self.project, self.slug, lang, self.out / lang)
                self.rebuild_one(lang)
            return self.engines[lang]

    def rebuild(self) -> None:
        with self.lock:
            for lang in list(self.engines):
                self.rebuild_one(lang)

    def rebuild_one(self, lang: str) -> Snapshot:
        snapshot = self.engines[lang].rebuild()
        if snapshot.problems:
            self.log(f"{self.slug}/{lang}: {len(snapshot.problems)} problem(s); the preview shows the last good pages:")
            for problem in snapshot.problems:
                self.log(f"  {problem}")
        else:
            where = f", first change on page {snapshot.changed + 1}" if snapshot.changed is not None else ""
            parts = ", ".join(snapshot.laid_out) or "nothing"
            self.log(
                f"{self.slug}/{lang}: {len(snapshot.pages)} pages in {snapshot.seconds:.2f} s "
                f"(laid out: {parts}{where})"
            )
            for warning in snapshot.warnings:
                self.log(f"  warning: {warning}")
            self.start_check(lang, snapshot.version)
        self.notify()
        return snapshot

    def notify(self) -> None:
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def start_check(self, lang: str, version: int) -> None:
        """Lay the book out in one piece in another process, and compare the pages shown with it.
        A check still running for an older version is stopped: only the newest pages are checked."""
        if not self.check or self.stopping.is_set():
            return
        running = self.checking.pop(lang, None)
        if running is not None and running.is_alive():
            running.terminate()
        context = multiprocessing.get_context("spawn")
        receiving, sending = context.Pipe(duplex=False)
        args = (sending, str(self.project.root), str(self.out / lang), self.slug, lang)
        process = context.Process(target=exact_to_pipe, args=args, daemon=True, name=f"check-{lang}")
        process.start()
        sending.close()
        self.checking[lang] = process
        threading.Thread(target=self.checked, args=(lang, version, receiving, process), daemon=True).start()

    def checked(self, lang: str, version: int, receiving, process) -> None:
        try:
            exact = receiving.recv()
        except (EOFError, OSError):
            return  # stopped: a newer save, or the server stopping
        finally:
            receiving.close()
            process.join(5)
        if not isinstance(exact, list):
            self.log(f"{self.slug}/{lang}: could not lay the book out in one piece: {exact}")
            return
        with self.lock:
            engine = self.engines[lang]
            if engine.snapshot.version != version or engine.snapshot.problems:
                return  # a newer save: its own check follows
            snapshot = engine.confirm(version, exact)
            if any("differed" in w for w in snapshot.warnings):
                self.log(
                    f"{self.slug}/{lang}: the draft differed from the book laid out in one piece; showing the latter"
                )
        self.notify()

    def watch(self) -> None:
        """Rebuild after every batch of saved inputs, until stop()."""
        import watchfiles

        paths = [p for p in (self.project.content / self.slug, self.project.layouts, self.project.styles) if p.exists()]
        for changes in watchfiles.watch(
            *paths,
            step=STEP_MS,
            stop_event=self.stopping,
            watch_filter=self.wanted,
            raise_interrupt=False,
            yield_on_timeout=True,  # an empty batch now and then: the first one says the watcher is running
            rust_timeout=250,
        ):
            self.watching.set()
            if not changes:
                continue
            names = sorted({self.project.show(Path(path)) for _, path in changes})
            self.log(f"changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}")
            self.rebuild()

    def wanted(self, _change, path: str) -> bool:
        parts = Path(path).parts
        name = parts[-1]
        return not (set(parts) & IGNORED_PARTS or name.startswith(".") or name.endswith(("~", ".swp", ".tmp")))

    def stop(self) -> None:
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()
        for process in self.checking.values():
            if process.is_alive():
                process.terminate()

    # -- what the browser gets ------------------------------------------------
    def state(self, lang: str) -> dict:
        engine = self.engine(lang)
        with self.lock:
            s = engine.snapshot
            size = page_size(s.pages[0].png) if s.pages else (397, 559)
            return {
                "edition": self.slug,
                "title": engine.edition.title if engine.edition else self.slug,
                "lang": lang,
                "langs": self.langs,
                "version": s.version,
                "pages": [{"src": f"/page/{p.digest}.png", "part": p.part} for p in s.pages],
                "width": round(size[0] / SCALE * 96 / 72, 1),
                "height": round(size[1] / SCALE * 96 / 72, 1),
                "problems": s.problems,
                "warnings": s.warnings,
                "changed": s.changed,
                "seconds": round(s.seconds, 3),
                "laid_out": s.laid_out,
                "exact": s.exact,
                "checking": self.check,
            }

    def image(self, name: str) -> bytes | None:
        with self.lock:
            for engine in self.engines.values():
                for page in engine.snapshot.pages:
                    if page.digest == name:
                        return page.png
        return None

    def epub(self, lang: str) -> bytes:
        """The EPUB of the pages shown, made when first asked for after each rebuild."""
        engine = self.engine(lang)
        with self.lock:
            version = engine.snapshot.version
            if lang not in self.epubs or self.epubs[lang][0] != version:
                from .. import epub, writers

                if engine.edition is None:
                    return b""
                unit = writers.Unit(self.project, engine.edition, engine.out_dir)
                data, _ = epub.epub_bytes(self.project, engine.edition, unit.layout)
                self.epubs[lang] = (version, data)
            return self.epubs[lang][1]


def page_size(png: bytes) -> tuple[int, int]:
    from PIL import Image

    return Image.open(io.BytesIO(png)).size


def spine(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(path in the EPUB, title) of every document in reading order."""
    container = ElementTree.fromstring(archive.read("META-INF/container.xml"))
    opf_path = next(e.get("full-path", "") for e in container.iter() if e.tag.endswith("rootfile"))
    opf = ElementTree.fromstring(archive.read(opf_path))
    folder = posixpath.dirname(opf_path)
    items = {e.get("id", ""): e.get("href", "") for e in opf.iter() if e.tag.endswith("}item")}
    order = [e.get("idref", "") for e in opf.iter() if e.tag.endswith("itemref")]
    return [(posixpath.join(folder, items[i]), items[i]) for i in order if i in items]


class Handler(BaseHTTPRequestHandler):
    preview: Preview  # set on the subclass made by serve()
    server_version = "pocketpress-preview"

    def log_message(self, format, *args) -> None:  # the requests are not worth a line each
        return

    def do_GET(self) -> None:
        url = urlparse(self.path)
        query = parse_qs(url.query)
        lang = (query.get("lang") or [self.preview.first])[0]
        if lang not in self.preview.langs:
            return self.send(HTTPStatus.NOT_FOUND, f"no language '{lang}' in this edition".encode(), "text/plain")
        path = unquote(url.path)
        try:
            if path == "/":
                page = resources.files(__package__).joinpath("page.html").read_bytes()
                return self.send(HTTPStatus.OK, page, "text/html; charset=utf-8")
            if path == "/state":
                body = json.dumps(self.preview.state(lang), ensure_ascii=False).encode()
                return self.send(HTTPStatus.OK, body, "application/json")
            if path.startswith("/page/") and path.endswith(".png"):
                png = self.preview.image(path[len("/page/") : -len(".png")])
                if png is None:
                    return self.send(HTTPStatus.NOT_FOUND, b"no such page image", "text/plain")
                return self.send(HTTPStatus.OK, png, "image/png", cache="max-age=31536000, immutable")
            if path == "/events":
                return self.events()
            if path.startswith("/epub/"):
                return self.epub(path)
        except (BrokenPipeError, ConnectionResetError):
            return None
        return self.send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

    def send(self, status: HTTPStatus, body: bytes, kind: str, cache: str = "no-store") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        self.wfile.write(body)

    def events(self) -> None:
        """Server-sent events: one 'update' after every rebuild or check, a comment every 15 s."""
        preview = self.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = preview.version
        self.wfile.write(b"retry: 500\n\n")
        self.wfile.flush()
        while not preview.stopping.is_set():
            current = self.wait(seen)
            if current != seen:
                seen = current
                self.wfile.write(f"event: update\ndata: {current}\n\n".encode())
            else:
                self.wfile.write(b": still here\n\n")
            self.wfile.flush()

    def wait(self, seen: int) -> int:
        """The update count, once it is no longer `seen` or after 15 s."""
        preview = self.preview
        with preview.changed:
            preview.changed.wait_for(lambda: preview.version != seen or preview.stopping.is_set(), timeout=15)
            return preview.version

    def epub(self, path: str) -> None:
        parts = path.split("/", 3)  # '', 'epub', lang, inner path
        lang = parts[2] if len(parts) > 2 else ""
        if lang not in self.preview.langs:
            return self.send(HTTPStatus.NOT_FOUND, b"no such language", "text/plain")
        data = self.preview.epub(lang)
        if not data:
            return self.send(HTTPStatus.SERVICE_UNAVAILABLE, b"the edition has problems: fix them first", "text/plain")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inner = parts[3] if len(parts) > 3 else ""
            if not inner:
                return self.send(HTTPStatus.OK, epub_index(archive, lang), "text/html; charset=utf-8")
            if inner not in archive.namelist():
                return self.send(HTTPStatus.NOT_FOUND, b"not in the EPUB", "text/plain")
            kind = TYPES.get(posixpath.splitext(inner)[1], "application/octet-stream")
            return self.send(HTTPStatus.OK, archive.read(inner), kind)


def epub_index(archive: zipfile.ZipFile, lang: str) -> bytes:
    links = "\n".join(f'<li><a href="/epub/{lang}/{path}">{name}</a></li>' for path, name in spine(archive))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><meta charset="utf-8"><title>EPUB reading view</title>'
        '<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">'
        f'<p><a href="/?lang={lang}">← back to the printed pages</a></p>'
        "<h1>EPUB reading view</h1><p>The EPUB's documents in reading order, served as they are in the EPUB:</p>"
        f"<ol>{links}</ol></body></html>"
    ).encode()


def serve(preview: Preview, port: int) -> ThreadingHTTPServer:
    """The HTTP server on 127.0.0.1 (port 0: any free port); the caller runs serve_forever()."""
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    server = ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    return server


def run(preview: Preview, port: int, ready: Callable[[str], None]) -> None:
    """Serve until interrupted (Ctrl-C) or stopped: the first language laid out, then the watcher."""
    started = time.perf_counter()
    server = serve(preview, port)
    watcher = threading.Thread(target=preview.watch, name="watch", daemon=True)
    watcher.start()  # before the first layout: a file saved while it runs is laid out next
    preview.engine(preview.first)
    preview.watching.wait(10)
    address = f"http://{HOST}:{server.server_address[1]}/"
    ready(f"{address} ({time.perf_counter() - started:.1f} s to start)")
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        preview.stop()
        server.server_close()
