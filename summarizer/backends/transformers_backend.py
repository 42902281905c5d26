"""The transformers backend: AutoTokenizer + AutoModelForSeq2SeqLM + generate, on the CPU (float32)
or a GPU (bfloat16, or float16 where the GPU has no bfloat16)."""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Any

from summarizer.backends.base import Seq2SeqBackend
from summarizer.backends.specs import ModelSpec, missing_model_error
from summarizer.backends.vocabulary import output_ids
from summarizer.errors import ModelError, describe_error
from summarizer.runtime import Runtime


def quiet_transformers() -> None:
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()


def offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "0") not in ("", "0", "false", "False")


_DTYPES = ("float32", "float16", "bfloat16")
"""The number formats transformers runs in (each a torch dtype of that name)."""


def load_pretrained(spec: ModelSpec, runtime: Runtime, model_class: str, **tokenizer_options):
    """(compute type, tokenizer, model) for a transformers model folder or hub id, in the runtime's
    number format, on its device, never running the model's own code; ModelError if it cannot load."""
    quiet_transformers()
    import torch
    import transformers

    compute_type = runtime.compute_type_for("transformers", "float32")
    if compute_type not in _DTYPES:
        raise ModelError(f"{spec.name}: transformers cannot run in {compute_type}; use "
                         f"{', '.join(_DTYPES)} (or the ctranslate2 backend)")
    options: dict[str, Any] = {"trust_remote_code": False}
    if not spec.is_local:
        options.update(revision=spec.revision, local_files_only=offline())
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(spec.model, **options, **tokenizer_options)
        model = getattr(transformers, model_class).from_pretrained(
            spec.model, dtype=getattr(torch, compute_type), **options)
    except Exception as exc:  # noqa: BLE001 - a corrupt file raises anything; the user needs one line
        raise missing_model_error(spec, describe_error(exc)) from None
    model.to(runtime.device)
    model.eval()
    return compute_type, tokenizer, model


class TransformersBackend(Seq2SeqBackend):
    def __init__(self, spec: ModelSpec, runtime: Runtime | None = None):
        super().__init__(spec, runtime)
        self.compute_type, self.tokenizer, self.model = load_pretrained(spec, self.runtime, "AutoModelForSeq2SeqLM")
        if spec.restrict_output:
            self._mask_outside(output_ids(self.tokenizer))

    def _mask_outside(self, allowed: list[int]) -> None:
        """-inf on the logits of every piece outside `allowed`, before the softmax: exactly what
        CTranslate2's vocabulary map computes."""
        import torch

        size = self.model.get_output_embeddings().out_features
        mask = torch.full((size,), float("-inf"), device=self.runtime.device)
        mask[[index for index in allowed if index < size]] = 0
        self.model.get_output_embeddings().register_forward_hook(lambda module, inputs, logits: logits + mask.to(logits.dtype))

    def _generate_batch(self, texts: list[str]) -> list[str]:
        import torch

        inputs = self.tokenizer(
            [self.spec.prefix + text for text in texts],
            return_tensors="pt",
            padding=True,
            truncation=True,
            max_length=self.spec.max_input_tokens,
        ).to(self.runtime.device)
        with torch.inference_mode(), cpu_threads(self.runtime.threads):
            output_ids = self.model.generate(**inputs, **self.spec.generation)
        return [text.strip() for text in self.tokenizer.batch_decode(output_ids, skip_special_tokens=True)]


@contextmanager
def cpu_threads(threads: int | None):
    """torch's thread count for one call, then back as it was: the setting stays this backend's."""
    import torch

    if not threads:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)
