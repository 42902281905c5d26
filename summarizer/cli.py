"""The command line: a thin shell that parses options and calls the library."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import click
from tqdm import tqdm

from summarizer.backends import load_backend
from summarizer.backends.ctranslate2_backend import convert_to_ctranslate2
from summarizer.backends.fetching import fetch_model
from summarizer.backends.specs import (
    DEFAULT_MODELS,
    ModelSpec,
    configured_specs,
    converted_folder,
    is_available_offline,
    local_snapshot,
    spec_by_name,
)
from summarizer.config import RunOptions, setting_options
from summarizer.errors import (
    EXIT_CANNOT_START,
    EXIT_FAILURES,
    EXIT_INTERNAL,
    EXIT_SIGNAL_BASE,
    InternalError,
    Interrupted,
    PageError,
    SummarizerError,
    describe_error,
)
from summarizer.evaluating import evaluate as score_models
from summarizer.evaluating import format_report, read_references
from summarizer.job.run import Progress, run_job
from summarizer.readers import expand_inputs
from summarizer.records import Backend, Method, Page, Task
from summarizer.runtime import Runtime
from summarizer.splitting import split_page_files
from summarizer.stages.briefing import make_briefs
from summarizer.stages.settings import StageSettings

EXIT_STATUS_HELP = ("Exit status: 0 all done; 2 wrong command line; 3 finished, but some pages or articles failed "
                    "(the digests list them); 4 could not start, no digest could be written, or every article "
                    "failed; 5 internal error (traceback in OUT/run-report.json); 130 or 143 stopped by SIGINT or "
                    "SIGTERM at a batch boundary (the run report says interrupted).")


class CannotStart(click.ClickException):
    """Nothing was done (missing model, bad config, unusable output folder)."""

    exit_code = EXIT_CANNOT_START


class InternalFault(click.ClickException):
    """A fault in summarizer itself: one line, exit 5."""

    exit_code = EXIT_INTERNAL


class StoppedByTerm(click.ClickException):
    """Stopped by SIGTERM at a batch boundary: one line, exit 143 (128 + 15)."""

    exit_code = EXIT_SIGNAL_BASE + signal.SIGTERM


class StoppedByInterrupt(click.ClickException):
    """Stopped by SIGINT (Ctrl-C) at a batch boundary: one line, exit 130 (128 + 2)."""

    exit_code = EXIT_SIGNAL_BASE + signal.SIGINT


class GuardedGroup(click.Group):
    """Maps errors to exit statuses, once for every command: an expected failure (SummarizerError)
    is one line and status 4; any unexpected exception is one line and status 5, never a bare
    traceback (set SUMMARIZER_DEBUG=1 to see it on stderr as well)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit,
                KeyboardInterrupt):
            raise
        except InternalError as exc:
            raise InternalFault(str(exc)) from None
        except Interrupted as exc:
            stopped = StoppedByInterrupt if exc.exit_code == StoppedByInterrupt.exit_code else StoppedByTerm
            raise stopped(str(exc)) from None
        except SummarizerError as exc:
            raise CannotStart(str(exc)) from None
        except Exception as exc:  # noqa: BLE001 - the one place that catches everything
            if os.environ.get("SUMMARIZER_DEBUG"):
                traceback.print_exc()
            raise InternalFault(f"internal error: {type(exc).__name__}: {describe_error(exc)} "
                                "(set SUMMARIZER_DEBUG=1 for the traceback)") from None


def _progress_bar(show: bool) -> Progress | None:
    """A factory of tqdm bars over articles on stderr, or None where nobody watches (not a terminal, --quiet)."""
    if not show or not sys.stderr.isatty():
        return None
    return partial(tqdm, desc="articles", unit="article", file=sys.stderr)


def _log_to_stderr(level: int) -> None:
    """summarizer's own lines at `level`; every library's (an HTTP client's line per request, Ray's
    notices) at WARNING, so that the nightly log says what the night did and nothing else."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr, force=True)
    logging.getLogger("summarizer").setLevel(level)


MODEL_SETTINGS = ("summarizer_model", "translator_model", "glossary", "backend", "device", "compute_type")
"""The run settings that every command using the models takes."""


def _stage_settings(summarizer_model: str | None, translator_model: str | None, glossary: tuple[str, ...],
                    backend: str | None, device: str | None, compute_type: str | None,
                    batch_size: int | None = None) -> StageSettings:
    runtime = Runtime(device=device or "auto", compute_type=compute_type)
    if batch_size:
        runtime = replace(runtime, batch_size=batch_size)
    return StageSettings(summarizer_model, translator_model, tuple(glossary), Backend(backend) if backend else None,
                         runtime)


@click.group(cls=GuardedGroup)
@click.version_option(package_name="summarizer")
def main() -> None:
    """Bilingual briefs from the text of Chinese newspaper pages."""


@main.command()
@click.argument("pages", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of an outline.")
def split(pages: tuple[str, ...], as_json: bool) -> None:
    """Split PAGES (page files, or folders of them) into articles and show them."""
    results, errors = split_page_files(expand_inputs(list(pages)))
    _report_page_errors(errors)
    if as_json:
        document = {"pages": [page.to_dict() for page in results]}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for page in results:
            click.echo(format_outline(page))
    if errors:
        sys.exit(EXIT_FAILURES)


def _report_page_errors(errors: list[PageError]) -> None:
    for error in errors:
        click.echo(f"error: {error}", err=True)


def format_outline(page: Page) -> str:
    meta = ", ".join(
        f"{name} {value}" for name, value in (("paper", page.paper), ("date", page.date), ("page", page.page_no)) if value
    )
    lines = [f"{page.source} ({meta or 'no edition metadata'}): {len(page.articles)} articles"]
    for number, article in enumerate(page.articles, 1):
        lines.append(f"{number:>3}. [{article.kind}] {article.headline}")
        details = [article.byline or article.dateline or "no attribution", f"{len(article.paragraphs)} paragraphs"]
        details.append(f"{sum(len(p) for p in article.paragraphs)} characters")
        if article.subheads:
            details.append(f"{len(article.subheads)} subheads")
        if article.continued_from_page:
            details.append(f"continued from page {article.continued_from_page}")
        if article.continued_to_page:
            details.append(f"continues on page {article.continued_to_page}")
        lines.append("     " + " | ".join(details))
    return "\n".join(lines)


@main.command()
@click.argument("pages", nargs=-1, required=True)
@setting_options(*MODEL_SETTINGS)
def brief(pages: tuple[str, ...], summarizer_model: str | None, translator_model: str | None,
          glossary: tuple[str, ...], backend: str | None, device: str | None, compute_type: str | None) -> None:
    """Split PAGES and print each article's bilingual brief as JSON (no files written)."""
    stages = _stage_settings(summarizer_model, translator_model, glossary, backend, device, compute_type).build()
    stages.load_models()
    results, errors = split_page_files(expand_inputs(list(pages)))
    _report_page_errors(errors)
    output = [{"source": page.source, "briefs": [b.to_dict() for b in make_briefs(page.articles, stages)]}
              for page in results]
    click.echo(json.dumps({"pages": output}, ensure_ascii=False, indent=2))
    if errors:
        sys.exit(EXIT_FAILURES)


@main.command("eval")
@click.argument("references", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of a table.")
@setting_options("batch_size", *MODEL_SETTINGS)
def evaluate(references: str, as_json: bool, batch_size: int | None, summarizer_model: str | None,
             translator_model: str | None, glossary: tuple[str, ...], backend: str | None, device: str | None,
             compute_type: str | None) -> None:
    """Score the chosen models on REFERENCES (JSON Lines: id, text, and any of headline, summary_zh,
    summary_en, names): ROUGE-1/2/L on characters, BLEU, chrF, names rendered exactly, methods and
    seconds per article. A malformed line is reported by its number; the others are still scored."""
    _log_to_stderr(logging.WARNING)
    refs, problems = read_references(Path(references))
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    if not refs:
        raise CannotStart(f"{references}: no reference to score")
    settings = _stage_settings(summarizer_model, translator_model, glossary, backend, device, compute_type,
                               batch_size)
    report = score_models(refs, settings.build(), settings.runtime.batch_size, _progress_bar(show=True))
    click.echo(json.dumps(report, ensure_ascii=False) if as_json else format_report(report))
    if problems or report["methods"].get(Method.FAILED):
        sys.exit(EXIT_FAILURES)


@main.group()
def models() -> None:
    """List, fetch and verify the configured models."""


@models.command("list")
def models_list() -> None:
    """Show the configured models and whether each is available offline."""
    for spec in configured_specs():
        default = " (default)" if DEFAULT_MODELS.get(spec.task) == spec.name else ""
        where = spec.model or "built in"
        revision = f"@{spec.revision}" if spec.revision else ""
        state = "available offline" if is_available_offline(spec) else "not fetched"
        pin = "" if spec.is_pinned or spec.backend == Backend.EXTRACTIVE else ", revision not pinned yet"
        click.echo(f"{spec.name:<16} {spec.task:<10} {spec.backend:<12} {where}{revision}{default}")
        click.echo(f"{'':<16} {state}{pin}; licence: {spec.license or 'unknown'}")


@models.command("fetch")
@click.argument("names", nargs=-1)
def models_fetch(names: tuple[str, ...]) -> None:
    """Download NAMES (default: the default models) into the local cache and pin their revision."""
    for spec in _named_or_default_specs(names):
        commit = fetch_model(spec)
        click.echo(f"{spec.name}: {spec.model or 'built in'} at {commit}")


@models.command("convert")
@click.argument("name")
@click.option("--out", "target", type=click.Path(file_okay=False), help="Folder for the CTranslate2 model.")
@click.option("--quantization", type=click.Choice(["int8", "int8_float32", "float32"]), default="int8",
              show_default=True)
def models_convert(name: str, target: str | None, quantization: str) -> None:
    """Convert model NAME (a fetched model or a local transformers folder) to CTranslate2, offline."""
    spec = replace(spec_by_name(name), compute_type=quantization)
    source = local_snapshot(spec)
    if source is None:
        raise CannotStart(f"model {spec.name} is not on this machine: summarizer models fetch {spec.name}")
    folder = convert_to_ctranslate2(source, target or converted_folder(spec), quantization)
    click.echo(f"{spec.name}: CTranslate2 model in {folder}")
    click.echo(f"use it with --{'translator' if spec.task == Task.TRANSLATE else 'summarizer'}-model {folder}")


@models.command("verify")
@click.argument("names", nargs=-1)
def models_verify(names: tuple[str, ...]) -> None:
    """Load NAMES (default: the default models) offline and run one short input through each."""
    for spec in _named_or_default_specs(names):
        if spec.backend == Backend.EXTRACTIVE:
            click.echo(f"{spec.name}: ok (no model)")
            continue
        output = load_backend(spec).generate(["市长会见了来访的代表团。"])[0]
        click.echo(f"{spec.name}: ok: {output[:80]!r}")


RUN_SETTINGS = ("inputs", "out", "paper", "date", "batch_size", "threads", "name_workers", "quiet", "engine",
                "watch", "dry_run_mail",
                "ray_address", "workers", "cpus_per_worker", "gpus_per_worker", "cache", "formats", *MODEL_SETTINGS)


@main.command(epilog=EXIT_STATUS_HELP)
@click.option("--config", help="Job config TOML (see jobs/nightly.toml); the options below override it.")
@setting_options(*RUN_SETTINGS)
def run(config: str | None, **settings) -> None:
    """Summarize INPUTS (page files or folders) into one bilingual digest per edition."""
    options = RunOptions.load(config, **settings)
    _log_to_stderr(logging.WARNING if options.quiet else logging.INFO)
    report = run_job(options, progress=_progress_bar(show=not options.quiet))
    log = logging.getLogger("summarizer")
    for error in report.article_errors:
        log.error("error: %s", error)
    if not options.quiet:
        for output in report.outputs + report.mails_written:
            click.echo(output)
    if not report.outputs:
        raise CannotStart(f"no digest written: {report.summary()}")
    if report.articles and len(report.article_errors) == report.articles:
        raise CannotStart(f"every article failed (the digests list why): {report.summary()}")
    log.warning("%s: %s", "finished with failures" if report.failed else "done", report.summary())
    if report.failed:
        sys.exit(EXIT_FAILURES)


def _named_or_default_specs(names: tuple[str, ...]) -> Iterator[ModelSpec]:
    """The models NAMES name, or the two default models; yields one at a time so errors stop early."""
    for name in names or (DEFAULT_MODELS[Task.SUMMARIZE], DEFAULT_MODELS[Task.TRANSLATE]):
        yield spec_by_name(name)
