"""The local engine: the stages in this process, batch after batch."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from summarizer.engines.base import BatchBriefs, Engine
from summarizer.names.glossary import Glossary
from summarizer.records import Article
from summarizer.stages.briefing import ArticleNames, Stages, article_names, briefs_isolating_failures


class LocalEngine(Engine):
    name = "local"
    start_label = "load models"
    lazy = True

    def __init__(self, stages: Stages):
        self.stages = stages
        self._started = False

    def start(self) -> None:
        if not self._started:
            self.stages.load_models()
            self._started = True

    def close(self) -> None:
        """The models go with the process; the names workers with each night's NamesAhead."""

    def brief_batches(self, batches: list[list[Article]]) -> Iterator[BatchBriefs]:
        self.start()
        articles = [article for batch in batches for article in batch]
        with NamesAhead(articles, self.stages.glossary, self.stages.runtime.name_processes) as ahead:
            start = 0
            for number, batch in enumerate(batches):
                names = ahead.names(start, len(batch))
                start += len(batch)
                yield BatchBriefs(number, briefs_isolating_failures(batch, self.stages, names),
                                  names_found_ahead=len(batch) if names else 0)


class NamesAhead:
    """Finds the articles' names in worker processes while the models work on earlier batches,
    so that a fast GPU never waits for Python; with no workers, each batch finds its own."""

    def __init__(self, articles: list[Article], glossary: Glossary, workers: int):
        self.articles, self.glossary, self.workers = articles, glossary, workers
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[ArticleNames]] = []

    def __enter__(self) -> NamesAhead:
        if self.workers and len(self.articles) > 1:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
            self._futures = [self._pool.submit(article_names, article, self.glossary) for article in self.articles]
        return self

    def names(self, start: int, count: int) -> list[ArticleNames] | None:
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
