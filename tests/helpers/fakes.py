"""Backends with scripted outputs, to test what the pipeline does with any model output."""

from __future__ import annotations

from collections.abc import Callable

from summarizer.backends.base import Seq2SeqBackend
from summarizer.backends.specs import ModelSpec


class ScriptedBackend(Seq2SeqBackend):
    """Answers each input with respond(input); counts one token per character; records every batch."""

    def __init__(self, respond: Callable[[str], str], task: str = "translate", max_input_tokens: int = 512):
        super().__init__(ModelSpec(name=f"scripted-{task}", task=task, backend="scripted",
                                   max_input_tokens=max_input_tokens))
        self.respond = respond
        self.batches: list[list[str]] = []

    def count_tokens(self, text: str) -> int:
        return len(text)

    def _generate_batch(self, texts: list[str]) -> list[str]:
        self.batches.append(list(texts))
        return [self.respond(text) for text in texts]

    @property
    def inputs(self) -> list[str]:
        return [text for batch in self.batches for text in batch]
