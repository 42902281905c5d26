"""What every model backend does: check its model is at hand, count tokens, and generate in batches.

Two kinds: seq2seq models (mT5, Marian) take the text itself, with names already in English;
instruct LLMs take each text inside the task's prompt, with the names they must render.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from summarizer.backends.prompting import chat_messages, strip_chat
from summarizer.backends.specs import ModelSpec, is_available_offline, missing_model_error
from summarizer.runtime import Runtime


class ModelBackend(ABC):
    """A loaded model that turns texts into texts with the generation settings of its spec, on
    the device, in the number format and with the threads its runtime gives."""

    def __init__(self, spec: ModelSpec, runtime: Runtime | None = None):
        self.spec = spec
        self.runtime = runtime or Runtime(device="cpu")

    tokenizer: Any = None
    """The model's transformers tokenizer, where it has one."""
    missing_reason = "it is not on this machine"
    """What the start-up check says when the model's files are not here."""

    @classmethod
    def preflight(cls, spec: ModelSpec) -> ModelSpec:
        """The start-up check, cheap and without loading the model: its files are on this machine.
        Returns the spec with anything the check learned (a server's model, say)."""
        if not is_available_offline(spec):
            raise missing_model_error(spec, cls.missing_reason)
        return spec

    def count_tokens(self, text: str) -> int:
        """Tokens the model's input would take for this text (with the task prefix)."""
        return len(self.tokenizer(self.spec.prefix + text, truncation=False)["input_ids"])

    @abstractmethod
    def generate(self, texts: list[str], batch_size: int = 8, terms: list[dict[str, str | None]] | None = None) -> list[str]:
        """Outputs for all texts, in order. `terms` (per text, Chinese -> English) are the names
        and glossary terms an instruct model is told to render; a seq2seq model gets them already
        replaced in its text."""


class Seq2SeqBackend(ModelBackend):
    """An encoder-decoder model that takes the text itself (with the spec's prefix)."""

    @abstractmethod
    def _generate_batch(self, texts: list[str]) -> list[str]:
        """Outputs for one batch of inputs, in order."""

    def generate(self, texts: list[str], batch_size: int = 8, terms: list[dict[str, str | None]] | None = None) -> list[str]:
        """Inputs are batched by similar length to waste no padding. (Characters stand in for
        tokens when ordering: close enough, and no text is tokenized twice.)"""
        return in_length_batches(texts, batch_size, len, self._generate_batch)


class InstructBackend(ModelBackend):
    """An instruct LLM: each text goes in the task's chat prompt, and the answer comes back
    without reasoning or chat boilerplate. Decoding is greedy."""

    def generate(self, texts: list[str], batch_size: int = 8, terms: list[dict[str, str | None]] | None = None) -> list[str]:
        chats = [chat_messages(self.spec.task, self.spec.prompt, text, found) for text, found in zip(texts, terms or [{}] * len(texts))]
        return [strip_chat(answer) for answer in self._complete(chats, batch_size)]

    @abstractmethod
    def _complete(self, chats: list[list[dict[str, str]]], batch_size: int) -> list[str]:
        """The model's raw answer to each chat, in order."""


def in_length_batches(
    texts: list[str], batch_size: int, length: Callable[[str], int], run: Callable[[list[str]], list[str]]
) -> list[str]:
    order = sorted(range(len(texts)), key=lambda index: length(texts[index]))
    outputs: list[str] = [""] * len(texts)
    for start in range(0, len(order), batch_size):
        batch = order[start: start + batch_size]
        for index, output in zip(batch, run([texts[i] for i in batch])):
            outputs[index] = output
    return outputs
