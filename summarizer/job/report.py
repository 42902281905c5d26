"""The run report: what a night did, for the operator and the scheduler (`OUT/run-report.json`)."""

from __future__ import annotations

import datetime
import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from summarizer.job.outputs import write_atomically

log = logging.getLogger("summarizer")
REPORT_NAME = "run-report.json"
"""The last run's report: pages, articles, every failure, cache hits, seconds per stage."""


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
    interrupted: bool = False
    """Stopped by SIGTERM or SIGINT at a batch boundary (exit 143 or 130); no digest written."""
    internal_error: str | None = None
    """The traceback of a fault in summarizer itself (exit status 5)."""
    engine: str = "local"
    workers: dict = field(default_factory=dict)
    """ray: the batches each worker (host:pid) made, restarted workers included."""
    mails_sent: list[str] = field(default_factory=list)
    """Each edition mailed by this run, with its audience."""
    mails_written: list[str] = field(default_factory=list)
    """--dry-run-mail: the .eml files written instead."""
    mail_errors: list[str] = field(default_factory=list)
    """Mail not sent (a server that refused or timed out): sent by the next run."""

    @property
    def failed(self) -> bool:
        return bool(self.page_errors or self.article_errors or self.output_errors or self.mail_errors)

    def summary(self) -> str:
        timing = ", ".join(f"{stage} {seconds:.1f}s" for stage, seconds in self.seconds.items())
        unwritten = f", {len(self.output_errors)} digests not written" if self.output_errors else ""
        if self.mails_sent or self.mail_errors:
            unwritten += f", {len(self.mails_sent)} mails sent" + (", mail failed" if self.mail_errors else "")
        return (
            f"{self.pages} pages ({len(self.page_errors)} failed), {self.articles} articles "
            f"({len(self.article_errors)} failed, {self.cache_hits} from cache, {self.generated} summarized)"
            f"{unwritten}; {timing}"
        )


def write_report(out: Path, report: RunReport) -> None:
    """The run report, or one line saying why it could not be written."""
    try:
        write_atomically(out / REPORT_NAME, json.dumps(
            {"finished": datetime.datetime.now().isoformat(timespec="seconds"), **asdict(report)},
            ensure_ascii=False, indent=2) + "\n")
    except OSError as exc:
        report.report_error = f"{out / REPORT_NAME}: cannot write the run report: {exc.strerror or exc}"
        log.error("error: %s", report.report_error)
