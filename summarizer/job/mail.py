"""Mail: each edition to its readers, once.

Mail is delivery, not a file writer, so it lives with the job rather than in writers/: it talks
to a server, remembers across runs what it sent (OUT/.summarizer-mail.json), and its failure is
the night's failure (exit 3), all of which is the job's business, like the cache and the report.
What it sends is the writers' work: the Markdown as the text part and the edition's page, with
its styles inline, as the HTML part.

An edition is mailed to each audience once: a rerun sends nothing unless what that audience
would receive changed (the digest, or the watchlist's hits in it). A server that refuses, times
out or fails mid-way is recorded in the run report (exit 3); the editions not mailed are noted
as owed, and the next run, whatever night it reads, mails them from their digest.json.
The password comes from the environment variable `mail.password_env` names, and is never
written anywhere: not in a file, the report, a log line or an error message.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
import re
import smtplib
import ssl
from dataclasses import dataclass, replace
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from summarizer import lexicon
from summarizer.config import MailSettings
from summarizer.errors import describe_error
from summarizer.job.outputs import write_atomically
from summarizer.job.report import RunReport
from summarizer.records import PLACE, Digest
from summarizer.watching import watch_hits
from summarizer.writers.html import edition_html
from summarizer.writers.json import digest_from_json, digest_to_json
from summarizer.writers.markdown import digest_to_markdown
from summarizer.writers.nights import DIGEST_JSON
from summarizer.writers.wording import paper_name, short_date

log = logging.getLogger("summarizer")
SENT_NAME = ".summarizer-mail.json"
"""What was mailed: each edition and audience with the fingerprint of what it received."""


@dataclass(frozen=True)
class Audience:
    """Who receives one message of an edition, with which watchlist."""

    addresses: tuple[str, ...]
    watch: tuple[str, ...]
    only_when_watched: bool = False


@dataclass(frozen=True)
class Letter:
    """One edition's message to one audience."""

    key: str
    """The edition and the audience (`jining-daily/2021-12-04 to staff@example.org`)."""
    edition: str
    """The edition's folder under OUT (`jining-daily/2021-12-04`)."""
    fingerprint: str
    """What the audience receives, hashed: a rerun sends again only if it changed."""
    file_stem: str
    message: EmailMessage


def audiences(settings: MailSettings, watch: list[str]) -> list[Audience]:
    """The list (`to`, with the job's watchlist), then each reader with a watchlist of their own."""
    found = [Audience(settings.to, tuple(watch))] if settings.to else []
    found += [Audience((reader.address,), tuple(watch if reader.watch is None else reader.watch),
                       reader.only_when_watched) for reader in settings.recipients]
    return found


def subject(digest: Digest) -> str:
    """`Jining Daily, 3 Dec 2025: 2 foreign-affairs items (Belarus, Republic of Korea)`, then the watchlist's hits."""
    foreign = [brief for brief in digest.briefs if brief.foreign_affairs]
    if foreign:
        countries = list(dict.fromkeys(
            entity.en for brief in foreign for entity in brief.entities
            if entity.type == PLACE and entity.en and not entity.credit and _is_country(entity.zh)))
        line = f"{len(foreign)} foreign-affairs item{'s' if len(foreign) != 1 else ''}"
        line += f" ({', '.join(countries)})" if countries else ""
    else:
        line = "no foreign-affairs items"
    if digest.watch_hits:
        line += f" — watchlist: {', '.join(hit.name for hit in digest.watch_hits)}"
    return re.sub(r"\s+", " ", f"{paper_name(digest)}, {short_date(digest.date)}: {line}").strip()


def _is_country(zh: str) -> bool:
    known = lexicon.place_name(zh)
    return bool(known and known.source == lexicon.CLDR)


def compose(digest: Digest, settings: MailSettings, addresses: tuple[str, ...]) -> EmailMessage:
    """multipart/alternative: the Markdown as text, the edition's page with inline styles as HTML."""
    message = EmailMessage()
    message["Subject"] = subject(digest)
    message["From"] = settings.sender
    message["To"] = ", ".join(addresses)
    message["List-Id"] = settings.list_header
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.sender_domain)
    message.set_content(digest_to_markdown(digest))
    message.add_alternative(edition_html(digest, inline=True), subtype="html")
    return message


def letters(digests: list[Digest], settings: MailSettings, watch: list[str]) -> list[Letter]:
    """Every message of the night: an edition for each audience (none for a reader who asked only
    for nights on which their watchlist has a hit, on a night without one)."""
    found = []
    for digest in digests:
        for number, audience in enumerate(audiences(settings, watch), 1):
            hits = watch_hits(digest.briefs, list(audience.watch))
            if audience.only_when_watched and not hits:
                continue
            mailed = replace(digest, watch_hits=hits)
            fingerprint = hashlib.sha256(digest_to_json(mailed).encode("utf-8")).hexdigest()
            edition = f"{digest.slug}/{digest.date}"
            found.append(Letter(f"{edition} to {', '.join(audience.addresses)}", edition, fingerprint,
                                f"{digest.slug}-{digest.date}-{number}", compose(mailed, settings, audience.addresses)))
    return found


class SentLog:
    """What was mailed (OUT/.summarizer-mail.json), and the editions whose mail is still owed (a
    failed night's, sent by the next run whatever pages it reads). An unreadable file is taken as
    nothing sent and nothing owed."""

    def __init__(self, path: Path):
        self.path = path
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            self.sent: dict[str, dict] = dict(document["sent"])
            self.pending: list[str] = [str(folder) for folder in document.get("pending", [])]
        except (OSError, ValueError, KeyError, TypeError):
            self.sent, self.pending = {}, []

    def is_sent(self, letter: Letter) -> bool:
        return self.sent.get(letter.key, {}).get("fingerprint") == letter.fingerprint

    def record(self, letter: Letter) -> None:
        self.sent[letter.key] = {"fingerprint": letter.fingerprint, "message_id": letter.message["Message-ID"],
                                 "sent": datetime.datetime.now().isoformat(timespec="seconds")}

    def save(self) -> None:
        write_atomically(self.path, json.dumps({"sent": self.sent, "pending": self.pending}, ensure_ascii=False,
                                               indent=2) + "\n")


def deliver(digests: list[Digest], settings: MailSettings, watch: list[str], out: Path, dry_run: Path | None,
            report: RunReport) -> None:
    """Mail this run's editions, and those an earlier run failed to mail, unless mailed already
    as they are; with `dry_run`, write the messages as .eml files there instead (recording nothing)."""
    log_file = SentLog(out / SENT_NAME)
    night = letters(digests + _owed(log_file, digests, out), settings, watch)
    if dry_run is not None:
        try:
            dry_run.mkdir(parents=True, exist_ok=True)
            for letter in night:
                write_atomically(dry_run / f"{letter.file_stem}.eml", letter.message.as_string())
                report.mails_written.append(str(dry_run / f"{letter.file_stem}.eml"))
        except OSError as exc:
            _failed(report, f"{dry_run}: cannot write the mail: {exc.strerror or exc}")
        return
    due = [letter for letter in night if not log_file.is_sent(letter)]
    if due:
        _send(due, settings, log_file, report)
    owed = sorted({letter.edition for letter in due if not log_file.is_sent(letter)})
    if report.mails_sent or owed != log_file.pending:
        log_file.pending = owed
        try:
            log_file.save()
        except OSError as exc:
            _failed(report, f"{log_file.path}: cannot record the mail sent: {exc.strerror or exc} (a rerun "
                            "sends it again)")


def _owed(log_file: SentLog, digests: list[Digest], out: Path) -> list[Digest]:
    """The editions of earlier runs whose mail is still owed, read back from their digest.json."""
    here = {f"{digest.slug}/{digest.date}" for digest in digests}
    owed = []
    for folder in log_file.pending:
        if folder in here:
            continue
        path = out / folder / DIGEST_JSON
        try:
            owed.append(digest_from_json(path.read_text(encoding="utf-8"), Path(folder).parent.name))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("%s: its mail is owed but it cannot be read (%s); given up", path, describe_error(exc))
    return owed


def _send(due: list[Letter], settings: MailSettings, log_file: SentLog, report: RunReport) -> None:
    password = os.environ.get(settings.password_env) if settings.password_env else None
    if settings.user and password is None:
        _failed(report, f"mail: the environment variable {settings.password_env} (mail.password_env) is not set; "
                        f"{len(due)} message(s) not sent, retried next run")
        return
    try:
        with _connect(settings, password) as server:
            for letter in due:
                server.send_message(letter.message)
                log_file.record(letter)
                report.mails_sent.append(letter.key)
    except (OSError, smtplib.SMTPException) as exc:
        unsent = len(due) - sum(1 for letter in due if log_file.is_sent(letter))
        _failed(report, f"mail to {settings.host}:{settings.port}: {describe_error(exc)}; {unsent} message(s) not "
                        "sent, retried next run")


def tls_context() -> ssl.SSLContext:
    """The system's trusted certificates, host names checked: a server must prove who it is."""
    return ssl.create_default_context()


def _connect(settings: MailSettings, password: str | None) -> smtplib.SMTP:
    if settings.security == "tls":
        server: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                                context=tls_context())
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        if settings.security == "starttls":
            server.starttls(context=tls_context())
        if settings.user:
            server.login(settings.user, password or "")
    except BaseException:
        server.close()
        raise
    return server


def _failed(report: RunReport, message: str) -> None:
    report.mail_errors.append(message)
    log.error("error: %s", message)
