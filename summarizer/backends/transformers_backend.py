"""The transformers backend: AutoTokenizer + AutoModelForSeq2SeqLM + generate, on the CPU."""

from __future__ import annotations

import os

from summarizer.backends.base import Seq2SeqBackend
from summarizer.errors import describe_error
from summarizer.models import ModelSpec, missing_model_error


def _quiet_transformers() -> None:
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()


def offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "0") not in ("", "0", "false", "False")


class TransformersBackend(Seq2SeqBackend):
    def __init__(self, spec: ModelSpec):
        super().__init__(spec)
        _quiet_transformers()
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        options = {"trust_remote_code": False}
        if not spec.is_local:
            options.update(revision=spec.revision, local_files_only=offline())
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(spec.model, **options)
            self.model = AutoModelForSeq2SeqLM.from_pretrained(spec.model, **options)
        except Exception as exc:  # noqa: BLE001 - a corrupt file raises anything; the user needs one line
            raise missing_model_error(spec, describe_error(exc)) from None
        self.model.eval()

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(self.spec.prefix + text, truncation=False)["input_ids"])

    def _generate_batch(self, texts: list[str]) -> list[str]:
        import torch

        inputs = self.tokenizer(
            [self.spec.prefix + text for text in texts],
            return_tensors="pt",
            padding=True,
            truncation=True,
            max_length=self.spec.max_input_tokens,
        )
        with torch.inference_mode():
            output_ids = self.model.generate(**inputs, **self.spec.generation)
        return [text.strip() for text in self.tokenizer.batch_decode(output_ids, skip_special_tokens=True)]
