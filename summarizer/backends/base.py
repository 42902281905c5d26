"""What every sequence-to-sequence backend does: count tokens and generate, in batches."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

from summarizer.models import ModelSpec
from summarizer.runtime import Runtime


class Seq2SeqBackend(ABC):
    """A loaded model that turns texts into texts with the generation settings of its spec, on
    the device, in the number format and with the threads its runtime gives."""

    def __init__(self, spec: ModelSpec, runtime: Runtime | None = None):
        self.spec = spec
        self.runtime = runtime or Runtime(device="cpu")

    tokenizer = None
    """The model's transformers tokenizer, where it has one."""

    def count_tokens(self, text: str) -> int:
        """Tokens the model's input would take for this text (with the task prefix)."""
        return len(self.tokenizer(self.spec.prefix + text, truncation=False)["input_ids"])

    @abstractmethod
    def _generate_batch(self, texts: list[str]) -> list[str]:
        """Outputs for one batch of inputs, in order."""

    def generate(self, texts: list[str], batch_size: int = 8) -> list[str]:
        """Outputs for all texts, in order; inputs are batched by similar length to waste no padding.
        (Characters stand in for tokens when ordering: close enough, and no text is tokenized twice.)"""
        return in_length_batches(texts, batch_size, len, self._generate_batch)


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
