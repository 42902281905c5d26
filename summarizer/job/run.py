"""One night: read → split → editions → cache → engine → write, safe to run unattended.

The job is the only part that knows about files, the cache, the lock and progress. It checks
that it can work before it starts (models load offline, output folder writable and not
locked), keeps every finished article in the cache, isolates failures, and writes each file
through a temporary file and a rename, so no reader ever sees half a digest.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from summarizer.config import RunOptions
from summarizer.engines import Engine
from summarizer.engines.local import LocalEngine
from summarizer.engines.ray import RayEngine
from summarizer.errors import InternalError, Interrupted, PageError, SummarizerError, describe_error
from summarizer.job.cache import BriefCache, brief_key
from summarizer.job.editions import (
    EditionFallback,
    build_digest,
    group_editions,
    name_from_slug,
    page_errors_by_edition,
)
from summarizer.job.mail import deliver
from summarizer.job.outputs import (
    OutputLock,
    check_inside,
    check_output,
    make_folder_inside,
    prepare_output,
    remove_stale_temporaries,
    write_together,
)
from summarizer.job.report import REPORT_NAME, RunReport, write_report
from summarizer.names.credits import paper_to_english
from summarizer.readers import READERS, expand_inputs
from summarizer.readers.filenames import file_hint
from summarizer.records import Brief, Digest, EditionItem, FactSource, Page
from summarizer.splitting import split_page_files
from summarizer.stages.briefing import Stages
from summarizer.stages.settings import StageSettings
from summarizer.watching import watch_hits
from summarizer.writers import WRITERS, DigestWriter

log = logging.getLogger("summarizer")
CACHE_NAME = ".summarizer-cache.sqlite3"
Progress = Callable[..., Any]
"""A tqdm-like factory of progress bars (`progress(total=N)` with `update` and `close`)."""
STOPPING_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class StopRequest:
    """The first SIGTERM or SIGINT asks the run to stop at the next batch boundary (so that no
    batch, cache write or digest is cut in half); a second one stops it at once."""

    def __init__(self) -> None:
        self.signal: signal.Signals | None = None

    def handle(self, number: int, frame: object) -> None:
        self.signal = signal.Signals(number)
        signal.signal(number, signal.SIG_DFL)

    def check(self) -> None:
        if self.signal is not None:
            raise Interrupted(self.signal.value, self.signal.name)


@contextmanager
def stop_requests():
    """Handlers for the stopping signals while the run holds its lock (the main thread only)."""
    request = StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield request
        return
    previous = {number: signal.signal(number, request.handle) for number in STOPPING_SIGNALS}
    try:
        yield request
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def run_job(options: RunOptions, stages: Stages | None = None, progress: Progress | None = None) -> RunReport:
    """Run the whole job. Raises SummarizerError if it cannot start (having written nothing),
    InternalError on a fault of its own (recorded with its traceback in the run report); records
    every other failure in the report and the digests."""
    out = Path(options.out or ".")
    missing = [item for item in options.inputs if not os.path.lexists(item)]
    if missing and len(missing) == len(options.inputs):
        raise SummarizerError(f"inputs: {', '.join(missing)}: no such file or folder (check `inputs` in the job "
                              "config, or give the pages on the command line)")
    page_files = expand_inputs(options.inputs)
    if not page_files:
        raise SummarizerError(f"no page files ({', '.join(f'*{suffix}' for suffix in READERS)}) "
                              f"in {', '.join(options.inputs)}")
    check_output(out)
    OutputLock(out).check_free()
    report = RunReport(engine=options.engine)
    stages = stages or options.stage_settings.build()
    writers = [WRITERS[name]() for name in options.formats]
    cache_path = Path(options.cache) if options.cache else out / CACHE_NAME
    engine = _engine(options, stages)
    try:
        if not engine.lazy or not cache_path.exists():
            _start(engine, report)  # nothing can be cached yet: fail before creating anything
        prepare_output(out)
        with OutputLock(out), stop_requests() as stop:
            if out in cache_path.parents:
                check_inside(out, cache_path)
            report.stale_files_removed = remove_stale_temporaries(out)
            _run_guarded(options, stages, engine, writers, page_files, cache_path, out, report, progress, stop)
    finally:
        engine.close()
    return report


def _engine(options: RunOptions, stages: Stages) -> Engine:
    if options.engine != "ray":
        return LocalEngine(stages)
    settings = options.stage_settings
    absolute = StageSettings(_absolute(settings.summarizer_model), _absolute(settings.translator_model),
                             tuple(str(Path(path).resolve()) for path in settings.glossary_files),
                             settings.backend, settings.runtime)
    return RayEngine(options.ray_address, options.workers, options.cpus_per_worker, options.gpus_per_worker,
                     absolute, stages.fingerprint())


def _absolute(choice: str | None) -> str | None:
    """A model path as an absolute path (a worker's working folder is not the driver's); a model name as it is."""
    return str(Path(choice).resolve()) if choice and Path(choice).exists() else choice


def _start(engine: Engine, report: RunReport) -> None:
    """Start the engine (once; timed in the report)."""
    if engine.start_label in report.seconds:
        return
    started = time.perf_counter()
    engine.start()
    report.seconds[engine.start_label] = time.perf_counter() - started


def _run_guarded(options: RunOptions, stages: Stages, engine: Engine, writers: list[DigestWriter],
                 page_files: list[Path], cache_path: Path, out: Path, report: RunReport,
                 progress: Progress | None, stop: StopRequest) -> None:
    """The locked part of the run; a fault of summarizer's own is recorded with its traceback, a
    stop request in the report."""
    try:
        _run_locked(options, stages, engine, writers, page_files, cache_path, out, report, progress, stop)
    except Interrupted:
        report.interrupted = True
        write_report(out, report)
        raise
    except SummarizerError:
        raise
    except Exception as exc:  # noqa: BLE001 - recorded, then reported as one line by the CLI
        report.internal_error = traceback.format_exc()
        write_report(out, report)
        raise InternalError(f"internal error: {type(exc).__name__}: {describe_error(exc)} "
                            f"(the traceback is in {out / REPORT_NAME})") from exc
    write_report(out, report)


def _run_locked(options: RunOptions, stages: Stages, engine: Engine, writers: list[DigestWriter],
                page_files: list[Path], cache_path: Path, out: Path, report: RunReport,
                progress: Progress | None, stop: StopRequest) -> None:
    started = time.perf_counter()
    pages, page_errors = _read_pages(page_files, report)
    stop.check()
    fallback = EditionFallback(options.paper, options.date, *(
        FactSource.COMMAND_LINE if key in options.from_command_line else FactSource.CONFIG for key in ("paper", "date")))
    editions = group_editions(pages, fallback)
    report.seconds["split"] = time.perf_counter() - started

    cache = BriefCache(cache_path)
    try:
        started = time.perf_counter()
        items = [item for edition in editions for item in edition.items]
        briefs = _brief_items(items, stages, engine, cache, options.batch_size, report, progress, stop)
        report.seconds["summarize and translate"] = time.perf_counter() - started
    finally:
        report.cache_problem = cache.problem
        cache.close()

    started = time.perf_counter()
    models = {"summarizer": stages.summarizer.spec.display_name, "translator": stages.translator.spec.display_name}
    errors_by_edition = page_errors_by_edition(page_errors, editions, fallback)
    written = []
    for edition in editions:
        digest = build_digest(edition, [briefs[id(item)] for item in edition.items], models)
        digest.paper_en = paper_to_english(edition.paper, stages.glossary) or name_from_slug(edition.paper)
        unreadable = errors_by_edition.get((edition.slug, edition.date), [])
        digest.page_errors = [str(error) for error in unreadable]
        digest.unreadable_pages = sorted({page for error in unreadable if (page := file_hint(error.path).page_no)})
        digest.watch_hits = watch_hits(digest.briefs, options.watch)
        if _write_edition(out, out / edition.slug / edition.date, writers, digest, report):
            written.append(digest)
    report.seconds["render"] = time.perf_counter() - started
    _after_night(options, out, writers, written, report)


def _write_edition(out: Path, folder: Path, writers: list[DigestWriter], digest: Digest, report: RunReport) -> bool:
    """Every format's files of the edition, written together; the first file is the one the run names."""
    files = {folder / name: text for writer in writers for name, text in writer.files(digest).items()}
    try:
        make_folder_inside(out, folder)
        write_together(files)
    except SummarizerError as exc:
        report.output_errors.append(str(exc))
        log.error("error: %s", report.output_errors[-1])
        return False
    except OSError as exc:
        report.output_errors.append(f"{folder}: cannot write the digest: {exc.strerror or exc}")
        log.error("error: %s", report.output_errors[-1])
        return False
    if files:
        report.outputs.append(str(next(iter(files))))
    return True


def _after_night(options: RunOptions, out: Path, writers: list[DigestWriter], digests: list[Digest],
                 report: RunReport) -> None:
    """What spans the editions, once they are written: each format's files across nights (the index
    of nights, the feeds), rebuilt from the digests on disk; then the mail of this run's editions."""
    started = time.perf_counter()
    files = {out / name: text for writer in writers for name, text in writer.after_night(out).items()}
    try:
        for folder in {path.parent for path in files}:
            make_folder_inside(out, folder)
        write_together(files)
    except SummarizerError as exc:
        report.output_errors.append(str(exc))
        log.error("error: %s", report.output_errors[-1])
    except OSError as exc:
        report.output_errors.append(f"{out}: cannot write the index and feeds: {exc.strerror or exc}")
        log.error("error: %s", report.output_errors[-1])
    if options.mail:
        deliver(digests, options.mail, options.watch, out, Path(options.dry_run_mail) if options.dry_run_mail
                else None, report)
    report.seconds["index, feeds and mail"] = time.perf_counter() - started


def _read_pages(page_files: list[Path], report: RunReport) -> tuple[list[Page], list[PageError]]:
    pages, errors = split_page_files(page_files)
    report.pages = len(page_files)
    for error in errors:
        report.page_errors.append(str(error))
        log.error("error: %s", error)
    return pages, errors


def _brief_items(items: list[EditionItem], stages: Stages, engine: Engine, cache: BriefCache, batch_size: int,
                 report: RunReport, progress: Progress | None, stop: StopRequest) -> dict[int, Brief]:
    """Each item's brief, by id(item): from the cache, else made by the engine in batches and cached."""
    fingerprint = stages.fingerprint()
    briefs: dict[int, Brief] = {}
    todo: list[tuple[EditionItem, str]] = []
    for item in items:
        key = brief_key(item.article, fingerprint)
        cached = cache.get(key)
        if cached:
            briefs[id(item)] = cached
            report.cache_hits += 1
        else:
            todo.append((item, key))
    report.articles = len(items)
    batches = [todo[start: start + batch_size] for start in range(0, len(todo), batch_size)]
    if not batches:
        return briefs
    _start(engine, report)
    stop.check()
    bar = progress(total=len(todo)) if progress else None
    for done in engine.brief_batches([[item.article for item, _ in batch] for batch in batches]):
        if done.worker:
            report.workers[done.worker] = report.workers.get(done.worker, 0) + 1
        report.names_found_ahead += done.names_found_ahead
        _record_batch(batches[done.number], done.briefs, cache, briefs, report)
        if bar:
            bar.update(len(batches[done.number]))
        else:
            log.info("summarized %d/%d articles", report.generated + len(report.article_errors), len(todo))
        if stop.signal is not None:
            if bar:
                bar.close()
            stop.check()
    if bar:
        bar.close()
    return briefs


def _record_batch(batch: list[tuple[EditionItem, str]], made: list[Brief], cache: BriefCache,
                  briefs: dict[int, Brief], report: RunReport) -> None:
    cache.put_many([(key, brief) for (item, key), brief in zip(batch, made) if not brief.error])
    for (item, _), brief in zip(batch, made):
        briefs[id(item)] = brief
        if brief.error:
            report.article_errors.append(f"{item.sources[0]}: {item.article.headline}: {brief.error}")
        else:
            report.generated += 1
