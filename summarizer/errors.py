"""Errors the user sees as one line; each names what failed and why."""

from __future__ import annotations

import os
import re
from pathlib import Path

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def shown_path(path: str | Path) -> str:
    """A file name as it may be shown anywhere (a terminal, a log, a digest): bytes that are not
    UTF-8 and control characters escaped (`p\\xff\\nbad.txt`), so a name can neither break a line
    nor fail to print."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _CONTROL_RE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


class SummarizerError(Exception):
    """An expected failure with a message fit for the user (no traceback)."""


class PageError(SummarizerError):
    """A page that cannot be read or split; the other pages go on."""

    def __init__(self, path: str | Path, reason: str):
        self.path = shown_path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ModelError(SummarizerError):
    """A model that cannot be found or loaded."""


class ConfigError(SummarizerError):
    """A configuration file or option that makes no sense."""


_SECRETS: set[str] = set()
_BEARER_RE = re.compile(r"(?i)\b(bearer|authorization:?|api[-_]?key[=:]?)\s*\S+")
_URL_USER_RE = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/@\s]+@")


def register_secret(value: str) -> None:
    """A value (an API key, a password) that must never leave the process: `redact` removes it."""
    if value and len(value) >= 4:
        _SECRETS.add(value)


def redact(text: str) -> str:
    """The text without any registered secret, bearer token, key parameter or URL user info."""
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, "[redacted]")
    text = _BEARER_RE.sub(lambda match: f"{match.group(1)} [redacted]", text)
    return _URL_USER_RE.sub(r"\1[redacted]@", text)


def shown_url(url: str | None) -> str:
    """A server's address as it may be shown: without the user name and password it may carry."""
    return _URL_USER_RE.sub(r"\1", url or "")


def describe_error(exc: BaseException, limit: int = 200) -> str:
    """An exception as one short line, secrets removed: its first line of text, else its type's name."""
    text = redact(str(exc)).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:limit]


EXIT_OK = 0
EXIT_USAGE = 2
"""click's own status for a malformed command line."""
EXIT_FAILURES = 3
"""The run finished, but some pages or articles failed; their errors are in the output."""
EXIT_CANNOT_START = 4
"""Nothing was done: missing model, bad config, output folder unusable or locked, or no digest
could be written (every page unreadable, say)."""
EXIT_INTERNAL = 5
"""A fault in summarizer itself: one line on stderr, the traceback in run-report.json."""


EXIT_SIGNAL_BASE = 128
"""Stopped by a signal at a batch boundary: 128 + the signal's number (130 SIGINT, 143 SIGTERM)."""


class Interrupted(SummarizerError):
    """SIGTERM or SIGINT: the run stopped at a batch boundary, its report written, its lock released."""

    def __init__(self, signal_number: int, name: str):
        self.exit_code = EXIT_SIGNAL_BASE + signal_number
        super().__init__(f"stopped by {name} at a batch boundary; the briefs made so far are in the cache, "
                         "and the next run goes on from there")


class InternalError(SummarizerError):
    """An unexpected exception, already recorded with its traceback; its message says where."""
