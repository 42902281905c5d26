"""The output folder: checked before any work, locked while a run writes, and written only through
temporary files and renames, so that no reader ever sees half a file."""

from __future__ import annotations

import fcntl
import logging
import os
import re
from pathlib import Path
from typing import TextIO

from summarizer.errors import SummarizerError

log = logging.getLogger("summarizer")
LOCK_NAME = ".summarizer.lock"


class OutputLock:
    """An exclusive lock on an output folder; the OS drops it when the process dies, even by kill -9."""

    def __init__(self, folder: Path):
        self.path = folder / LOCK_NAME
        self._handle: TextIO | None = None

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
        try:
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise SummarizerError(f"{self.path}: cannot take the output folder's lock: "
                                  f"{_link_or_reason(self.path, exc)}") from None
        handle = self._handle = os.fdopen(descriptor, "r+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise SummarizerError(self._held_message()) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder and a rename: readers see old or new, never half."""
    write_together({path: text})


def write_together(files: dict[Path, str]) -> None:
    """Write every file to a temporary file first, then rename them all: a full disk or any other
    write error leaves the old files (or none), never one new file without the others. A
    temporary is created new (never through a link left in its place)."""
    temporaries = {path: path.with_name(f"{TEMPORARY_PREFIX}{path.name}.{os.getpid()}{TEMPORARY_SUFFIX}")
                   for path in files}
    try:
        for path, text in files.items():
            temporaries[path].unlink(missing_ok=True)
            descriptor = os.open(temporaries[path], os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        raise
    for path, temporary in temporaries.items():
        os.replace(temporary, path)


TEMPORARY_PREFIX = ".summarizer-tmp."
"""Only the job names files so: the cleanup removes these and nothing of the user's."""
TEMPORARY_SUFFIX = ".tmp"
_TEMPORARY_RE = re.compile(rf"^{re.escape(TEMPORARY_PREFIX)}.+\.\d+{re.escape(TEMPORARY_SUFFIX)}$")


def remove_stale_temporaries(folder: Path) -> int:
    """Remove the temporary files a killed run left behind (`.summarizer-tmp.digest.json.PID.tmp`);
    call it holding the folder's lock, so that no live run's file can be among them."""
    removed = 0
    for path in folder.rglob(f"{TEMPORARY_PREFIX}*{TEMPORARY_SUFFIX}"):
        if _TEMPORARY_RE.match(path.name) and not path.is_symlink() and path.is_file():
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


def _link_or_reason(path: Path, exc: OSError) -> str:
    return "it is a symbolic link" if path.is_symlink() else (exc.strerror or str(exc))


def check_inside(out: Path, path: Path) -> None:
    """Refuse, in one line, a path under the output folder that a symbolic link would carry
    elsewhere: every part of it below `out` that exists must be a real folder or file."""
    relative = path.relative_to(out)
    current = out
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            raise SummarizerError(f"{current}: is a symbolic link; summarizer writes only inside {out}")
        if not current.exists():
            return


def make_folder_inside(out: Path, folder: Path) -> None:
    """Create a folder under the output folder, through no symbolic link."""
    check_inside(out, folder)
    folder.mkdir(parents=True, exist_ok=True)
    check_inside(out, folder)
