"""What every writer does: turn one edition's digest into the files of its folder."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar

from summarizer.records import Digest


class DigestWriter(ABC):
    """One output format. The job writes every chosen format's files of an edition together,
    through temporary files and renames, so a reader never sees half an edition."""

    name: ClassVar[str]
    """The format's name in `formats = [...]`."""
    needs: ClassVar[tuple[str, ...]] = ()
    """Formats it cannot do without (the index of nights reads the editions' digest.json)."""

    @abstractmethod
    def files(self, digest: Digest) -> dict[str, str]:
        """File name (inside the edition's folder) -> its text. A pure function of the digest."""

    def after_night(self, out: Path) -> dict[str, str]:
        """Files that span editions (an index of nights, a feed), rebuilt once a run has written
        its editions: file name relative to the output folder -> its text. Built from the
        `digest.json` files on disk, so they also cover the nights of earlier runs and survive a
        run that failed. Most formats have none."""
        return {}
