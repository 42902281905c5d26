"""The nightly batch: pages in, one digest per edition out, safe to run unattended.

The runner is the only part that knows about files, the cache, the lock and progress. It
checks that it can work before it starts (models load offline, output folder writable and
not locked), keeps every finished article in the cache, isolates failures, and writes each
file through a temporary file and a rename, so no reader ever sees half a digest.
"""

from __future__ import annotations

import datetime
import fcntl
import json
import logging
import os
import re
import sys
import time
import tomllib
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pypinyin import lazy_pinyin

from summarizer import patterns as P
from summarizer.backends import BACKEND_NAMES
from summarizer.runtime import COMPUTE_TYPES, DEFAULT_BATCH_SIZE, DEVICES, ENGINES, Runtime
from summarizer.stages.briefing import Stages, article_names, make_briefs
from summarizer.names.credits import paper_to_english
from summarizer.job.cache import BriefCache, brief_key
from summarizer.errors import ConfigError, InternalError, PageError, SummarizerError, describe_error
from summarizer.readers.text import edition_from_filename, expand_inputs
from summarizer.records import Article, Bilingual, Brief, Digest, Page
from summarizer.writers.markdown import FAILED, digest_to_json, digest_to_markdown
from summarizer.splitting.splitter import overlap, split_page_files

log = logging.getLogger("summarizer")
LOCK_NAME = ".summarizer.lock"
CACHE_NAME = ".summarizer-cache.sqlite3"
REPORT_NAME = "run-report.json"
"""The last run's report: pages, articles, every failure, cache hits, seconds per stage."""


@dataclass
class RunOptions:
    """Everything a run needs; loaded from the job's TOML file, then overridden by the command line."""

    inputs: list[str] = field(default_factory=list)
    out: str | None = None
    paper: str | None = None
    """The paper's name where neither the page header nor the file name gives one."""
    date: str | None = None
    """The edition date (YYYY-MM-DD) where neither the page header nor the file name gives one."""
    summarizer_model: str | None = None
    translator_model: str | None = None
    glossary: list[str] = field(default_factory=list)
    backend: str | None = None
    """transformers or ctranslate2 for both models, instead of what their TOML files say."""
    device: str = "auto"
    compute_type: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    threads: int | None = None
    name_workers: int | None = None
    """Processes that find names ahead of the models (default: all cores but one on a GPU, none on the CPU)."""
    cache: str | None = None
    quiet: bool = False
    engine: str = "local"
    """local (this process) or ray (a Ray cluster, or a local Ray: see ray_engine.py)."""
    ray_address: str | None = None
    """ray: auto, host:port, ray://host:10001, or None for a local Ray on this machine."""
    workers: int = 1
    """ray: actors, each holding both models."""
    cpus_per_worker: float = 1
    gpus_per_worker: float = 0

    @property
    def runtime(self) -> Runtime:
        return Runtime(device=self.device, compute_type=self.compute_type, threads=self.threads,
                       batch_size=self.batch_size, name_workers=self.name_workers)

    @classmethod
    def load(cls, config: str | Path | None, **overrides) -> RunOptions:
        """The config file's settings, checked against SETTINGS, then the overrides (checked the same way)."""
        values: dict = {}
        if config:
            values = _read_config(Path(config))
        overrides = {key: value for key, value in overrides.items() if value not in (None, (), [])}
        for key, value in overrides.items():
            values[key] = check_setting(key, value, "command line")
        options = cls(**values)
        if not options.inputs:
            raise ConfigError("no input pages: give PAGE or FOLDER arguments, or `inputs` in the job config")
        if not options.out:
            raise ConfigError("no output folder: give --out DIR, or `out` in the job config")
        return options


SETTINGS = {
    "inputs": "a list of page files or folders", "out": "a folder path", "paper": "a paper name",
    "date": "a date, YYYY-MM-DD", "summarizer_model": "a model name, folder or TOML file",
    "translator_model": "a model name, folder or TOML file",
    "glossary": "a list of glossary files", "backend": f"one of {', '.join(sorted(BACKEND_NAMES))}",
    "device": f"one of {', '.join(DEVICES)}", "compute_type": f"one of {', '.join(COMPUTE_TYPES)}",
    "batch_size": "a whole number, 1 or more", "threads": "a whole number, 1 or more",
    "name_workers": "a whole number, 0 or more", "cache": "a file path",
    "quiet": "true or false", "engine": f"one of {', '.join(ENGINES)}", "ray_address": "auto, host:port or ray://host:port",
    "workers": "a whole number, 1 or more", "cpus_per_worker": "a number above 0",
    "gpus_per_worker": "a number, 0 or more",
}
"""Every job setting and what it must be: the one schema that the config file and the command line share."""
_PATH_LISTS, _PATHS = ("inputs", "glossary"), ("out", "cache")
_MODEL_CHOICES = ("summarizer_model", "translator_model")


def check_setting(key: str, value, where: str):
    """The setting's value in its one form, or a ConfigError naming where, the key and what it must be."""
    if key not in SETTINGS:
        raise ConfigError(f"{where}: unknown setting {key!r}; the settings are {', '.join(SETTINGS)}")
    expected = SETTINGS[key]

    def wrong() -> ConfigError:
        return ConfigError(f"{where}: {key} must be {expected}, not {value!r}")

    if key in _PATH_LISTS:
        if isinstance(value, tuple):
            value = list(value)
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            raise wrong()
        return value
    if key in ("batch_size", "threads", "name_workers", "workers"):
        if isinstance(value, bool) or not isinstance(value, int) or value < (0 if key == "name_workers" else 1):
            raise wrong()
        return value
    if key in ("cpus_per_worker", "gpus_per_worker"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or (
                key == "cpus_per_worker" and value == 0):
            raise wrong()
        return value
    if key == "quiet":
        if not isinstance(value, bool):
            raise wrong()
        return value
    if key == "date":
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value.isoformat()
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise wrong()
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise ConfigError(f"{where}: date {value!r} is no real day") from None
        return value
    if (key == "backend" and value not in BACKEND_NAMES) or (key == "device" and value not in DEVICES) or (
            key == "compute_type" and value not in COMPUTE_TYPES) or (key == "engine" and value not in ENGINES):
        raise wrong()
    if not isinstance(value, str) or not value.strip():
        raise wrong()
    return value


def _read_config(path: Path) -> dict:
    try:
        text = path.read_bytes().decode("utf-8")
        raw = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read job config: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: job config is not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    values = {key: check_setting(key, value, str(path)) for key, value in raw.items()}
    base = path.resolve().parent
    for key in _PATHS:
        if key in values:
            values[key] = str(base / values[key])
    for key in _PATH_LISTS:
        values[key] = [str(base / item) for item in values.get(key, [])]
    for key in _MODEL_CHOICES:
        if key in values and ("/" in values[key] or values[key].endswith(".toml")):
            values[key] = str(base / values[key])  # a model folder or TOML file; a configured name stays a name
    return values


@dataclass
class RunReport:
    pages: int = 0
    page_errors: list[str] = field(default_factory=list)
    articles: int = 0
    article_errors: list[str] = field(default_factory=list)
    cache_hits: int = 0
    generated: int = 0
    seconds: dict = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    output_errors: list[str] = field(default_factory=list)
    names_found_ahead: int = 0
    """Articles whose names worker processes found while the models worked (see NamesAhead)."""
    cache_problem: str | None = None
    """Why the cache could not be used or updated (a full disk, say); the run went on without it."""
    stale_files_removed: int = 0
    """Temporary files a killed run had left, removed at the start."""
    report_error: str | None = None
    internal_error: str | None = None
    """The traceback of a fault in summarizer itself (exit status 5)."""
    engine: str = "local"
    workers: dict = field(default_factory=dict)
    """ray: the batches each worker (host:pid) made, restarted workers included."""

    @property
    def failed(self) -> bool:
        return bool(self.page_errors or self.article_errors or self.output_errors)

    def summary(self) -> str:
        timing = ", ".join(f"{stage} {seconds:.1f}s" for stage, seconds in self.seconds.items())
        unwritten = f", {len(self.output_errors)} digests not written" if self.output_errors else ""
        return (
            f"{self.pages} pages ({len(self.page_errors)} failed), {self.articles} articles "
            f"({len(self.article_errors)} failed, {self.cache_hits} from cache, {self.generated} summarized)"
            f"{unwritten}; {timing}"
        )


class OutputLock:
    """An exclusive lock on an output folder; the OS drops it when the process dies, even by kill -9."""

    def __init__(self, folder: Path):
        self.path = folder / LOCK_NAME
        self._handle = None

    def check_free(self) -> None:
        """Raise now if another run holds the lock, without creating anything (before loading models)."""
        try:
            with open(self.path) as handle:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except FileNotFoundError:
            return
        except BlockingIOError:
            raise SummarizerError(self._held_message()) from None
        except OSError:
            return  # unreadable lock file: the real attempt under __enter__ will say what is wrong

    def _held_message(self) -> str:
        try:
            holder = self.path.read_text(encoding="utf-8", errors="replace").strip() or "another process"
        except OSError:
            holder = "another process"
        return f"{self.path.parent}: another run is writing here ({holder}); try again later"

    def __enter__(self) -> OutputLock:
        self._handle = open(self.path, "a+")
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._handle.close()
            raise SummarizerError(self._held_message()) from None
        self._handle.seek(0)
        self._handle.truncate()
        self._handle.write(f"pid {os.getpid()}")
        self._handle.flush()
        return self

    def __exit__(self, *exc_info) -> None:
        fcntl.flock(self._handle, fcntl.LOCK_UN)
        self._handle.close()


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder and a rename: readers see old or new, never half."""
    write_together({path: text})


def write_together(files: dict[Path, str]) -> None:
    """Write every file to a temporary file first, then rename them all: a full disk or any other
    write error leaves the old files (or none), never one new file without the others."""
    temporaries = {path: path.with_name(f".{path.name}.{os.getpid()}{TEMPORARY_SUFFIX}") for path in files}
    try:
        for path, text in files.items():
            with open(temporaries[path], "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        raise
    for path, temporary in temporaries.items():
        os.replace(temporary, path)


TEMPORARY_SUFFIX = ".tmp"
_TEMPORARY_RE = re.compile(rf"^\..+\.\d+{re.escape(TEMPORARY_SUFFIX)}$")


def remove_stale_temporaries(folder: Path) -> int:
    """Remove the temporary files a killed run left behind (`.digest.json.PID.tmp`); call it
    holding the folder's lock, so that no live run's file can be among them."""
    removed = 0
    for path in folder.rglob(f"*{TEMPORARY_SUFFIX}"):
        if _TEMPORARY_RE.match(path.name) and path.is_file():
            try:
                path.unlink()
                removed += 1
            except OSError as exc:
                log.warning("%s: cannot remove a stale temporary file: %s", path, exc.strerror or exc)
    return removed


def check_output(folder: Path) -> None:
    """Fail now, before loading models, if the output folder cannot be made or written; creates nothing."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise SummarizerError(f"{folder}: output folder is not usable: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise SummarizerError(f"{folder}: output folder is not usable: {existing} is not writable")


def prepare_output(folder: Path) -> None:
    """Create the output folder and prove it is writable."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test.{os.getpid()}"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise SummarizerError(f"{folder}: output folder is not usable: {exc.strerror or exc}") from None


@dataclass
class _Item:
    """An article in its edition, with where it came from."""

    article: Article
    pages: list[int]
    sources: list[str]


@dataclass
class Edition:
    """One paper's pages of one date: what one digest covers."""

    paper: str
    slug: str
    date: str
    items: list[_Item]
    paper_source: str = "header"
    date_source: str = "header"


def run_job(options: RunOptions, stages: Stages | None = None, progress=None) -> RunReport:
    """Run the whole job. Raises SummarizerError if it cannot start (having written nothing),
    InternalError on a fault of its own (recorded with its traceback in the run report); records
    every other failure in the report and the digests."""
    out = Path(options.out)
    page_files = expand_inputs(options.inputs)
    if not page_files:
        raise SummarizerError(f"no page files (*.txt) in {', '.join(options.inputs)}")
    check_output(out)
    OutputLock(out).check_free()
    report = RunReport(engine=options.engine)
    stages = stages or Stages.load(options.summarizer_model, options.translator_model, options.glossary,
                                   options.backend, options.runtime)
    engine = _start_engine(options, stages, report)
    try:
        if engine is None and not Path(options.cache or out / CACHE_NAME).exists():
            _load_models(stages, report)  # nothing can be cached yet: fail before creating anything
        prepare_output(out)
        with OutputLock(out):
            report.stale_files_removed = remove_stale_temporaries(out)
            _run_guarded(options, stages, page_files, out, report, progress, engine)
    finally:
        if engine is not None:
            engine.close()
    return report


def _start_engine(options: RunOptions, stages: Stages, report: RunReport):
    """The Ray engine, connected, its first small batch briefed by a worker; None for the local engine."""
    if options.engine != "ray":
        return None
    from summarizer.engines.ray import RayEngine, StageSettings

    started = time.perf_counter()
    settings = StageSettings(_absolute(options.summarizer_model), _absolute(options.translator_model),
                             [_absolute(path) for path in options.glossary], options.backend, options.runtime)
    engine = RayEngine(options.ray_address, options.workers, options.cpus_per_worker, options.gpus_per_worker,
                       settings)
    try:
        engine.check_workers(stages.fingerprint())
    except BaseException:
        engine.close()
        raise
    report.seconds["start Ray workers"] = time.perf_counter() - started
    return engine


def _absolute(choice: str | None) -> str | None:
    """A model or glossary path as an absolute path (a worker's working folder is not the driver's);
    a model name as it is."""
    return str(Path(choice).resolve()) if choice and Path(choice).exists() else choice


def _run_guarded(options: RunOptions, stages: Stages, page_files: list[Path], out: Path, report: RunReport,
                 progress, engine) -> None:
    """The locked part of the run; a fault of summarizer's own is recorded with its traceback."""
    try:
        _run_locked(options, stages, page_files, out, report, progress, engine)
    except SummarizerError:
        raise
    except Exception as exc:  # noqa: BLE001 - recorded, then reported as one line by the CLI
        report.internal_error = traceback.format_exc()
        _write_report(out, report)
        raise InternalError(f"internal error: {type(exc).__name__}: {describe_error(exc)} "
                            f"(the traceback is in {out / REPORT_NAME})") from exc
    _write_report(out, report)


def _load_models(stages: Stages, report: RunReport) -> None:
    """Load the models (once; timed in the report). Called only when a brief is missing from the cache."""
    if "load models" in report.seconds:
        return
    started = time.perf_counter()
    stages.load_models()
    report.seconds["load models"] = time.perf_counter() - started


def _run_locked(options: RunOptions, stages: Stages, page_files: list[Path], out: Path, report: RunReport,
                progress, engine=None) -> None:
    started = time.perf_counter()
    pages, page_errors = _read_pages(page_files, report)
    editions = group_editions(pages, options)
    report.seconds["split"] = time.perf_counter() - started

    cache = BriefCache(options.cache or out / CACHE_NAME)
    try:
        started = time.perf_counter()
        items = [item for edition in editions for item in edition.items]
        briefs = _brief_items(items, stages, cache, options, report, progress, engine)
        report.seconds["summarize and translate"] = time.perf_counter() - started
    finally:
        report.cache_problem = cache.problem
        cache.close()

    started = time.perf_counter()
    models = {"summarizer": stages.summarizer.spec.display_name, "translator": stages.translator.spec.display_name}
    errors_by_edition = _page_errors_by_edition(page_errors, editions, options)
    for edition in editions:
        digest = build_digest(edition, [briefs[id(item)] for item in edition.items], models)
        digest.paper_en = paper_to_english(edition.paper, stages.glossary)
        digest.page_errors = errors_by_edition.get((edition.slug, edition.date), [])
        folder = out / edition.slug / edition.date
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_together({folder / "digest.json": digest_to_json(digest),
                            folder / "digest.md": digest_to_markdown(digest)})
        except OSError as exc:
            report.output_errors.append(f"{folder}: cannot write the digest: {exc.strerror or exc}")
            log.error("error: %s", report.output_errors[-1])
            continue
        report.outputs.append(str(folder / "digest.md"))
    report.seconds["render"] = time.perf_counter() - started


def _page_errors_by_edition(errors: list[PageError], editions: list[Edition],
                            options: RunOptions) -> dict[tuple[str, str], list[str]]:
    """Unreadable pages by the edition they belong to: the one whose other pages' file names
    give the same paper and date (`east-lake-daily-2024-05-07-p3.txt` beside its `-p1`), else
    the one their file name (or the config) names."""
    def file_edition(source: str) -> tuple[str, str] | None:
        hint = edition_from_filename(source)
        paper, date = hint.get("paper") or options.paper, hint.get("date") or options.date
        return (paper_slug(paper), date) if paper and date else None

    owner = {}
    for edition in editions:
        owner[(edition.slug, edition.date)] = (edition.slug, edition.date)
        for item in edition.items:
            for source in item.sources:
                key = file_edition(source)
                if key:
                    owner.setdefault(key, (edition.slug, edition.date))
    by_edition: dict[tuple[str, str], list[str]] = {}
    for error in errors:
        key = owner.get(file_edition(error.path))
        if key:
            by_edition.setdefault(key, []).append(str(error))
    return by_edition


def _write_report(out: Path, report: RunReport) -> None:
    """The run report, or one line saying why it could not be written."""
    try:
        write_atomically(out / REPORT_NAME, json.dumps(
            {"finished": datetime.datetime.now().isoformat(timespec="seconds"), **asdict(report)},
            ensure_ascii=False, indent=2) + "\n")
    except OSError as exc:
        report.report_error = f"{out / REPORT_NAME}: cannot write the run report: {exc.strerror or exc}"
        log.error("error: %s", report.report_error)


def _read_pages(page_files: list[Path], report: RunReport) -> tuple[list[Page], list[PageError]]:
    pages, errors = split_page_files(page_files)
    report.pages = len(page_files)
    for error in errors:
        report.page_errors.append(str(error))
        log.error("error: %s", error)
    return pages, errors


def paper_slug(paper: str) -> str:
    """A folder name for a paper: ASCII, lower case (`东湖日报` -> `donghuribao`)."""
    romanized = "".join(lazy_pinyin(paper, errors="default"))
    return re.sub(r"[^a-z0-9]+", "-", romanized.lower()).strip("-") or "paper"


def group_editions(pages: list[Page], options: RunOptions, today: datetime.date | None = None) -> list[Edition]:
    """Articles by edition (paper, date), in page order, with continued articles stitched into one.

    The paper comes from the page header, else the file name, else the job config. The date
    comes from the header, else the file name, else the job config, else the datelines' month
    and day (in the latest year that puts it on or before the run), else the day of the run.
    Each edition records where its paper and date came from, so the digest can say what it guessed."""
    today = today or datetime.date.today()
    by_edition: dict[tuple[str, str], list[Page]] = {}
    facts: dict[tuple[str, str], tuple[str, str, str]] = {}
    for page in pages:
        paper, paper_source = (page.paper, page.paper_source or "header") if page.paper else (
            (options.paper, "config") if options.paper else ("unknown-paper", "nothing"))
        date, date_source = _page_date(page, options, today)
        key = (paper_slug(paper), date)
        by_edition.setdefault(key, []).append(page)
        facts.setdefault(key, (paper, paper_source, date_source))
    editions = []
    for (slug, date), edition_pages in sorted(by_edition.items()):
        edition_pages.sort(key=lambda page: (page.page_no or 0, page.source))
        paper, paper_source, date_source = facts[(slug, date)]
        editions.append(Edition(paper, slug, date, stitch_continuations(edition_pages), paper_source, date_source))
    return editions


def _page_date(page: Page, options: RunOptions, today: datetime.date) -> tuple[str, str]:
    if page.date:
        return page.date, page.date_source or "header"
    if options.date:
        return options.date, "config"
    month_days = [P.dateline_month_day(article.dateline) for article in page.articles if article.dateline]
    dates = [_latest_date_on_or_before(month, day, today) for month, day in filter(None, month_days)]
    dates = [date for date in dates if date]
    if dates:
        return max(dates).isoformat(), "dateline"
    return today.isoformat(), "run date"


def _latest_date_on_or_before(month: int, day: int, today: datetime.date) -> datetime.date | None:
    for year in range(today.year, today.year - 8, -1):
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            continue
        if date <= today:
            return date
    return None


def stitch_continuations(pages: list[Page]) -> list[_Item]:
    """One item per article; an article that goes on to another page of the edition (下转/上接) is one item."""
    items = []
    for page in pages:
        for article in page.articles:
            items.append(_Item(article, [page.page_no] if page.page_no else [], [page.source]))
    absorbed: set[int] = set()
    for item in items:
        target = item.article.continued_to_page
        if not target or id(item) in absorbed:
            continue
        candidates = [rest for rest in items if rest.article.continued_from_page in item.pages
                      and rest.pages == [target] and id(rest) not in absorbed]
        if not candidates:
            continue
        rest = max(candidates, key=lambda candidate: overlap(item.article.headline, candidate.article.headline))
        merged = Article(**{**item.article.to_dict(), "paragraphs": item.article.paragraphs + rest.article.paragraphs,
                            "subheads": item.article.subheads + rest.article.subheads,
                            "continued_to_page": rest.article.continued_to_page})
        item.article, item.pages, item.sources = merged, item.pages + rest.pages, item.sources + rest.sources
        absorbed.add(id(rest))
    return [item for item in items if id(item) not in absorbed]


def _brief_items(items: list[_Item], stages: Stages, cache: BriefCache, options: RunOptions, report: RunReport,
                 progress, engine=None) -> dict[int, Brief]:
    fingerprint = stages.fingerprint()
    briefs: dict[int, Brief] = {}
    todo: list[tuple[_Item, str]] = []
    for item in items:
        key = brief_key(item.article, fingerprint)
        cached = cache.get(key)
        if cached:
            briefs[id(item)] = cached
            report.cache_hits += 1
        else:
            todo.append((item, key))
    report.articles = len(items)
    batches = [todo[start: start + options.batch_size] for start in range(0, len(todo), options.batch_size)]
    bar = progress(total=len(todo)) if progress and todo else None

    def record(batch, made: list[Brief]) -> None:
        _record_batch(batch, made, cache, briefs, report)
        if bar:
            bar.update(len(batch))
        else:
            log.info("summarized %d/%d articles", report.generated + len(report.article_errors), len(todo))

    if engine is not None and batches:
        for number, made, worker in engine.brief_batches([[item.article for item, _ in batch] for batch in batches]):
            report.workers[worker] = report.workers.get(worker, 0) + 1
            record(batches[number], made)
    elif batches:
        _load_models(stages, report)
        with NamesAhead([item.article for item, _ in todo], stages.glossary, stages.runtime.name_processes) as ahead:
            start = 0
            for batch in batches:
                names = ahead.names(start, len(batch))
                start += len(batch)
                report.names_found_ahead += len(batch) if names else 0
                record(batch, briefs_isolating_failures([item.article for item, _ in batch], stages, names))
    if bar:
        bar.close()
    return briefs


def _record_batch(batch, made: list[Brief], cache: BriefCache, briefs: dict[int, Brief], report: RunReport) -> None:
    cache.put_many([(key, brief) for (item, key), brief in zip(batch, made) if not brief.error])
    for (item, _), brief in zip(batch, made):
        briefs[id(item)] = brief
        if brief.error:
            report.article_errors.append(f"{item.sources[0]}: {item.article.headline}: {brief.error}")
        else:
            report.generated += 1


class NamesAhead:
    """Finds the articles' names in worker processes while the models work on earlier batches,
    so that a fast GPU never waits for Python; with no workers, each batch finds its own."""

    def __init__(self, articles: list[Article], glossary, workers: int):
        self.articles, self.glossary, self.workers = articles, glossary, workers
        self._pool = None
        self._futures: list = []

    def __enter__(self) -> NamesAhead:
        if self.workers and len(self.articles) > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
            self._futures = [self._pool.submit(article_names, article, self.glossary) for article in self.articles]
        return self

    def names(self, start: int, count: int):
        """The names of articles start..start+count, or None to have the batch find them itself."""
        if not self._futures:
            return None
        try:
            return [future.result() for future in self._futures[start: start + count]]
        except Exception:  # noqa: BLE001 - a worker's failure: the batch finds them itself, and isolates it
            return None

    def __exit__(self, *exc_info) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def briefs_isolating_failures(articles: list[Article], stages: Stages, names=None) -> list[Brief]:
    """The batch's briefs; if the batch fails, each article alone, so one bad article sinks only itself."""
    try:
        return make_briefs(articles, stages, names)
    except Exception:  # noqa: BLE001 - any failure of one article must not sink the night
        if len(articles) == 1:
            exc = sys.exc_info()[1]
            error = f"{type(exc).__name__}: {describe_error(exc, 300)}" if str(exc).strip() else type(exc).__name__
            log.error("article failed: %s: %s", articles[0].headline, error)
            article = articles[0]
            return [Brief(headline_zh=article.headline, method=FAILED, kind=article.kind,
                          byline=Bilingual(article.byline, "") if article.byline else None,
                          dateline=Bilingual(article.dateline, "") if article.dateline else None, error=error)]
        return [brief for article in articles for brief in briefs_isolating_failures([article], stages)]


def build_digest(edition: Edition, briefs: list[Brief], models: dict) -> Digest:
    """The edition's digest: foreign-affairs briefs first (most concerned first), then the rest in page order."""
    placed = []
    for number, (item, brief) in enumerate(zip(edition.items, briefs), 1):
        brief = Brief.from_dict(brief.to_dict())
        brief.id = f"{edition.slug}-{edition.date}-{number:03d}"
        brief.pages = list(item.pages)
        brief.sources = list(item.sources)
        brief.continued_to_page = item.article.continued_to_page
        placed.append(brief)
    foreign = sorted((b for b in placed if b.foreign_affairs), key=lambda b: -b.foreign_affairs_score)
    ordered = foreign + [b for b in placed if not b.foreign_affairs]
    return Digest(
        paper=edition.paper, date=edition.date, slug=edition.slug,
        pages=sorted({page for item in edition.items for page in item.pages}),
        sources=sorted({source for item in edition.items for source in item.sources}),
        briefs=ordered, models=models, paper_source=edition.paper_source, date_source=edition.date_source,
    )
