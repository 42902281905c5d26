"""What every reader does first: take a page file's bytes, safely."""

from __future__ import annotations

import stat
from pathlib import Path

from summarizer.errors import PageError


def page_bytes(path: Path, max_bytes: int, what: str = "a page") -> bytes:
    """The bytes of a page file, or a PageError saying in one line why not. Only a regular file
    is opened (a pipe would hang the night, a device would never end), and its size is checked
    before it is read."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise PageError(path, "is a folder, not a page file")
        if not stat.S_ISREG(status.st_mode):
            raise PageError(path, "not a regular file (a pipe, socket or device); a page is a file")
        if status.st_size > max_bytes:
            raise PageError(path, f"file too large ({status.st_size / 1e6:.1f} MB; {what} is at most "
                                  f"{max_bytes / 1e6:.1f} MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise PageError(path, "no such file") from None
    except PermissionError:
        raise PageError(path, "permission denied") from None
    except OSError as exc:
        raise PageError(path, f"cannot read: {exc.strerror or exc}") from None
