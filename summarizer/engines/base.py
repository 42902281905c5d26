"""What every engine does: run the model stages over batches of articles, and hand back each
batch's briefs as it is done. Engines hold no domain rule; the stages do."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from summarizer.records import Article, Brief


@dataclass
class BatchBriefs:
    """One batch's briefs, in its articles' order; a failed article is a brief with its error."""

    number: int
    """The batch's place in the list the engine was given."""
    briefs: list[Brief]
    worker: str | None = None
    """The worker that made them, where the engine has several (host:pid)."""
    names_found_ahead: int = 0
    """Articles whose names a worker process had found before the batch ran."""


class Engine(ABC):
    name: ClassVar[str]
    start_label: ClassVar[str]
    """What starting is called in the run report's seconds."""
    lazy: ClassVar[bool] = False
    """Whether a run whose briefs are all cached may skip starting it."""

    @abstractmethod
    def start(self) -> None:
        """Get ready (load the models, reach the workers); a ModelError says why not. Idempotent."""

    @abstractmethod
    def brief_batches(self, batches: list[list[Article]]) -> Iterator[BatchBriefs]:
        """Every batch's briefs, as each is done (not necessarily in order)."""

    @abstractmethod
    def close(self) -> None:
        """Release what start took."""
