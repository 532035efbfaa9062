"""Building outputs: read every edition first, then write each output once, in parallel.

Phase 1 (this process): load and validate every requested edition and language;
any content problem stops the build before anything is written. Outputs whose
inputs have not changed are skipped. Phase 2: the remaining outputs are rendered
in a process pool; results are reported in a fixed order.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BuildError, ContentError, Problem
from .fonts import missing_fonts
from .formats import SUFFIXES as EXTENSIONS
from .outputs import Stamps, atomic_write, inputs_digest, output_digest
from .project import Project, editions, language_problems, languages

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from .model import Edition


@dataclass(frozen=True)
class Job:
    edition: Edition
    fmt: str
    output: Path
    digest: str


@dataclass
class Result:
    output: str
    status: str  # built, up to date, skipped, failed
    detail: str = ""
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    layouts: int = 0  # WeasyPrint layouts made for this result's unit (on its last result)


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    done: list[Result] = field(default_factory=list)  # up to date or skipped
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # found while reading the editions: `path:line: ...`
    outdated: list[str] = field(default_factory=list)  # outdated translations (translation.tracking)


def shared_inputs(project: Project) -> list[Path]:
    """Inputs every output depends on: layouts, house styles, and the toolkit itself."""
    here = Path(__file__).parent
    files = [*project.layouts.rglob("*"), *project.styles.rglob("*"), *here.rglob("*.py")]
    return [f for f in files if f.is_file() and "__pycache__" not in f.parts]


def select(project: Project, edition_filter: list[str] | None, lang_filter: list[str] | None):
    """(slug, lang) pairs to build, and problems with the selection itself."""
    known = editions(project)
    problems = [
        Problem(str(project.show(project.content / s)), 0, f"no edition '{s}'", "editions: " + ", ".join(known))
        for s in edition_filter or []
        if s not in known
    ]
    pairs = []
    for slug in edition_filter or known:
        if slug not in known:
            continue
        problems += language_problems(project, slug)
        langs = languages(project.content / slug)
        pairs += [(slug, lang) for lang in langs if not lang_filter or lang in lang_filter]
    return pairs, problems


def sort_jobs(jobs: list[Job]) -> list[Job]:
    """By edition and language, then output name: a unit's jobs stand together."""
    return sorted(jobs, key=lambda j: (j.edition.name, j.output.name))


def plan(
    project: Project, formats: list[str], edition_filter=None, lang_filter=None, force=False, before_loading=None
) -> Plan:
    """Read every selected edition and language, and decide which outputs to make.

    Fast path: when no file of an edition's folder, nor of layouts/, styles/ or the toolkit, has
    changed since the last plan (names and bytes), loading it would give what was recorded then
    (build/.stamps/<edition>-<lang>.plan.json): its outputs are checked against that record, and the
    edition is loaded (YAML, schema) only when one of them must be made; `before_loading()` is called
    then, once (the build starts its workers there)."""
    result = Plan()
    pairs, result.problems = select(project, edition_filter, lang_filter)
    shared = inputs_digest(shared_inputs(project))
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")  # the EPUB's dates follow it (outputs.output_digest)
    trees: dict[str, str] = {}
    for slug, lang in pairs:
        if slug not in trees:
            trees[slug] = inputs_digest(edition_files(project, slug), extra=f"{shared}\n{epoch}")
        done = None if force else recorded_plan(project, slug, lang, trees[slug], formats, bool(lang_filter))
        if done is None:
            if before_loading:
                before_loading()
                before_loading = None
            plan_edition(project, result, slug, lang, formats, trees[slug], shared, force, bool(lang_filter))
        else:
            result.done += done
            result.outdated += recorded_warnings(project, slug, lang)
    result.jobs = sort_jobs(result.jobs)
    return result


def edition_files(project: Project, slug: str) -> list[Path]:
    """Every file of an edition's folder: all that loading it can read there."""
    return [p for p in (project.content / slug).rglob("*") if p.is_file()]


def record_path(project: Project, slug: str, lang: str) -> Path:
    return project.build / ".stamps" / f"{slug}-{lang}.plan.json"


def recorded_warnings(project: Project, slug: str, lang: str) -> list[str]:
    """The warnings recorded with an edition's last plan (its outdated translation)."""
    try:
        return list(json.loads(record_path(project, slug, lang).read_text(encoding="utf-8")).get("warnings", []))
    except (OSError, ValueError):
        return []


def translation_warnings(project: Project, slug: str, lang: str) -> list[str]:
    """A warning when a translation has segments whose source changed since they were translated."""
    # deferred, with the loader: the no-op fast path reads the recorded warnings instead
    from .translation import edition
    from .translation.tracking import OUTDATED, chapter_ids, chapter_state, load_record

    edition_dir = project.content / slug
    ids, source = chapter_ids(project, edition_dir)
    if lang == source:
        return []
    record = load_record(edition_dir, lang)
    count = sum(chapter_state(edition_dir, source, lang, cid, record).count(OUTDATED) for cid in ids)
    count += edition.state(project, slug, source, lang, record).count(OUTDATED)
    if not count:
        return []
    return [
        f"{slug}/{lang}: {count} outdated segment{'s' if count != 1 else ''} (the {source} source changed since "
        f"they were translated); see them with: pocketpress status --diff {slug}/{lang}"
    ]


def recorded_plan(project: Project, slug: str, lang: str, tree: str, formats: list[str], explicit: bool):
    """The results of a plan recorded for the same files, when every output is up to date; else None."""
    try:
        record = json.loads(record_path(project, slug, lang).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("tree") != tree:
        return None
    name, stamps = f"{slug}-{lang}", Stamps(project.build)
    outputs = {fmt: project.build / f"{name}{EXTENSIONS[fmt]}" for fmt in formats}
    reason = "" if explicit else record.get("partial", "")
    if reason:
        return [Result(project.show(output), "skipped", reason) for output in outputs.values()]
    digests = record.get("digests", {})
    if not all(fmt in digests and stamps.up_to_date(out, digests[fmt]) for fmt, out in outputs.items()):
        return None
    return [Result(project.show(output), "up to date") for output in outputs.values()]


def plan_edition(project, result: Plan, slug, lang, formats, tree: str, shared: str, force: bool, explicit: bool):
    """Load one edition and language; add its jobs, or its up-to-date and skipped outputs, to result."""
    from .loader import load_edition  # deferred: the schema (pydantic) is slow to load, and the fast path needs none

    try:
        edition = load_edition(project, slug, lang)
    except ContentError as exc:
        result.problems += exc.problems
        return
    result.warnings += edition.warnings
    problems = missing_fonts(edition.fonts, project.show(edition.root / "edition.yaml"))
    result.problems += problems
    content = inputs_digest(edition.inputs, extra=shared)
    digests = {fmt: output_digest(content, fmt, edition.fonts) for fmt in EXTENSIONS}
    warnings = translation_warnings(project, slug, lang)
    result.outdated += warnings
    if not problems:
        record = {
            "tree": tree,
            "digests": digests,
            "partial": partial_reason(edition, explicit=False),
            "warnings": warnings,
        }
        atomic_write(record_path(project, slug, lang), json.dumps(record, indent=1).encode())
    reason = partial_reason(edition, explicit)
    stamps = Stamps(project.build)
    for fmt in formats:
        output = project.build / f"{edition.name}{EXTENSIONS[fmt]}"
        if reason:
            result.done.append(Result(project.show(output), "skipped", reason))
        elif not force and stamps.up_to_date(output, digests[fmt]):
            result.done.append(Result(project.show(output), "up to date"))
        else:
            result.jobs.append(Job(edition, fmt, output, digests[fmt]))


def partial_reason(edition: Edition, explicit: bool) -> str:
    """Why a partial translation is not built, or '' when it may be."""
    if not edition.missing or explicit or edition.allow_partial:
        return ""
    return (
        f"partial translation, not built: {len(edition.missing)} chapter(s) missing "
        f"({', '.join(edition.missing)}); build it with LANGS={edition.lang} or set allow_partial: true "
        f"in {edition.slug}/{edition.lang}/edition.yaml"
    )


PRINT_SHOP = "print-shop"


def layout_of(job: Job) -> str:
    """Which layout an output comes from: the print edition's, or the print shop's (bleed, marks, cover)."""
    shop_proof = job.fmt == "proof" and bool(job.edition.print_settings and job.edition.print_settings.cover_background)
    return PRINT_SHOP if job.fmt == "print" or shop_proof else "reading"


def units(jobs: list[Job]) -> list[list[Job]]:
    """The jobs grouped by edition and language and, within one, by layout, in the order of their first job.

    The reading outputs of an edition and language share one layout; the print-shop outputs make the
    other one. The two groups are independent, so a pool runs them at once, on two cores."""
    groups: dict[tuple[str, str], list[Job]] = {}
    for job in jobs:
        groups.setdefault((job.edition.name, layout_of(job)), []).append(job)
    return list(groups.values())


def run_unit(project: Project, jobs: list[Job]) -> list[Result]:
    """Every output of one edition and language that one layout gives, each written atomically (in a worker)."""
    from . import weasy, writers  # deferred: loads WeasyPrint, which a no-op build never needs

    unit = writers.Unit(project, jobs[0].edition, jobs[0].output.parent)
    before = weasy.COUNTS["layouts"]
    IN_JOB["now"] = True
    try:
        results = [run_job(project, unit, job) for job in jobs]
    except Terminated:
        # the job has unwound (its temporary file is gone); a worker whose build was stopped must
        # not go back to the pool's queue, where it would wait for a parent that may be dead
        os._exit(143)
    finally:
        IN_JOB["now"] = False
    results[-1].layouts = weasy.COUNTS["layouts"] - before
    return results


PR_SET_PDEATHSIG = 1  # linux/prctl.h


class Terminated(KeyboardInterrupt):
    """SIGTERM: stop like Ctrl-C (temporary files removed, outputs complete-old or complete-new)."""


IN_JOB = {"now": False}


def raise_terminated(signum, frame) -> None:
    """In a worker: inside a job, unwind (atomic_write removes its temporary file); idle, just exit."""
    if IN_JOB["now"]:
        raise Terminated()
    os._exit(143)


def die_with_parent() -> None:
    """In a worker: stop when the main process dies, even by SIGKILL (Linux; elsewhere nothing)."""
    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


def warm_up() -> None:
    """A worker's first work, while the main process still reads the editions: load what rendering needs.
    Ctrl-C goes to the main process alone (it stops the workers); SIGTERM stops a worker cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, raise_terminated)
    die_with_parent()
    from . import weasy, writers  # noqa: F401  (loaded, with the model that jobs are unpickled into)


class Workers:
    """The process pool, started when the plan finds work (`start`), so that its workers import WeasyPrint
    (0.6 s) while the main process is still reading the editions. A no-op build never starts it."""

    def __init__(self, count: int | None = None):
        self.count = count or os.cpu_count() or 1
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        if self.pool is not None or self.count <= 1:
            return
        from concurrent.futures import ProcessPoolExecutor as Pool  # deferred: 20 ms a no-op build does not need

        self.pool = Pool(max_workers=self.count, initializer=warm_up)
        self.pool.submit(int)  # the workers start now, not at the first job

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if self.pool is None:
            return
        if exc_type is not None:  # interrupted or failed: stop the workers now, not after their jobs
            for process in list(getattr(self.pool, "_processes", {}).values()):
                process.terminate()  # SIGTERM: each removes its temporary file (outputs.atomic_write)
        self.pool.shutdown(cancel_futures=True)


TIMEOUT_ENV = "POCKETPRESS_TIMEOUT"
DEFAULT_TIMEOUT = 600.0  # seconds one output may take (its layout included)


def time_limit() -> float:
    """The per-output time limit in seconds (POCKETPRESS_TIMEOUT, or `build --timeout`); 0: none."""
    try:
        return max(0.0, float(os.environ.get(TIMEOUT_ENV) or DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


class OutOfTime(BaseException):
    """The time limit of one output ran out."""


@contextlib.contextmanager
def limited(seconds: float, shown: str):
    """Raise BuildError naming the output when making it takes longer than seconds."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise OutOfTime()  # a BaseException: no library on the way catches or wraps it

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except OutOfTime:
        raise BuildError(
            f"took longer than the time limit of {seconds:g} s; raise it with --timeout or {TIMEOUT_ENV}, "
            "or look for a giant paragraph or table in the warnings"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_job(project: Project, unit, job: Job) -> Result:
    from . import writers  # deferred with run_unit

    start = time.perf_counter()
    shown = project.show(job.output)
    try:
        with limited(time_limit(), shown):
            data, warnings = writers.write(unit, job.fmt)
    except BuildError as exc:
        return Result(shown, "failed", str(exc), seconds=time.perf_counter() - start)
    atomic_write(job.output, data)
    Stamps(project.build).record(job.output, job.digest)
    return Result(shown, "built", f"{len(data) / 1024:.0f} KiB", warnings, time.perf_counter() - start)


def execute(project: Project, jobs: list[Job], workers: int | None = None) -> list[Result]:
    with Workers(workers) as pool:
        return list(results_in_order(project, jobs, pool))


def results_in_order(project: Project, jobs: list[Job], workers: Workers | None = None):
    """Render the jobs, one unit per edition, language and layout (in the process pool when there are
    several, or when the pool has started), yielding results unit by unit, in the jobs' order."""
    outputs = [j.output for j in jobs]
    if len(set(outputs)) != len(outputs):
        raise BuildError("two jobs would write the same output")
    groups = units(jobs)
    if workers is not None and len(groups) > 1:
        workers.start()
    if workers is None or workers.pool is None:
        for group in groups:
            yield from run_unit(project, group)
        return
    for results in workers.pool.map(run_unit, [project] * len(groups), groups):
        yield from results
