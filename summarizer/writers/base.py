"""What every writer does: turn one edition's digest into the files of its folder."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from summarizer.records import Digest


class DigestWriter(ABC):
    """One output format. The job writes every chosen format's files of an edition together,
    through temporary files and renames, so a reader never sees half an edition."""

    name: ClassVar[str]
    """The format's name in `formats = [...]`."""

    @abstractmethod
    def files(self, digest: Digest) -> dict[str, str]:
        """File name (inside the edition's folder) -> its text. A pure function of the digest."""
