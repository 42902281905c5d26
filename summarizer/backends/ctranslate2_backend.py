"""The CTranslate2 backend: int8 inference on the CPU, several times faster than transformers.

A CTranslate2 model folder is made from a transformers one by `summarizer models convert`
(`convert_to_ctranslate2` below); it holds the converted weights and, in `tokenizer/`, the
original tokenizer, so that tokenization is exactly the transformers one.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from summarizer.backends.base import Seq2SeqBackend
from summarizer.backends.specs import (
    ModelSpec,
    converted_folder,
    is_ctranslate2_folder,
    local_snapshot,
    missing_model_error,
)
from summarizer.backends.transformers_backend import quiet_transformers
from summarizer.backends.vocabulary import VMAP_NAME, write_vocabulary_map
from summarizer.errors import ModelError, describe_error
from summarizer.runtime import Runtime, release_freed_memory

TOKENIZER_FOLDER = "tokenizer"
_GENERATION_TO_CT2 = {
    "num_beams": "beam_size", "max_new_tokens": "max_decoding_length", "min_new_tokens": "min_decoding_length",
    "no_repeat_ngram_size": "no_repeat_ngram_size", "length_penalty": "length_penalty",
    "repetition_penalty": "repetition_penalty",
}


def ctranslate2_available() -> bool:
    try:
        import ctranslate2  # noqa: F401
    except ImportError:
        return False
    return True


def _require_ctranslate2():
    try:
        import ctranslate2
    except ImportError:
        raise ModelError("the ctranslate2 backend needs the optional package: pip install 'summarizer[ct2]'") from None
    return ctranslate2


def ctranslate2_cuda_devices() -> int:
    """How many GPUs this CTranslate2 build can use (0 where its CUDA libraries are missing)."""
    try:
        import ctranslate2

        return ctranslate2.get_cuda_device_count()
    except Exception:  # noqa: BLE001 - a build without CUDA, or missing CUDA libraries, means none
        return 0


class CTranslate2Backend(Seq2SeqBackend):
    missing_reason = "neither it nor its CTranslate2 conversion is on this machine"

    def __init__(self, spec: ModelSpec, runtime: Runtime | None = None):
        super().__init__(spec, runtime)
        ctranslate2 = _require_ctranslate2()

        quiet_transformers()
        from transformers import AutoTokenizer

        self.compute_type = self.runtime.compute_type_for("ctranslate2", spec.compute_type)
        folder = ctranslate2_folder(spec)
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(folder / TOKENIZER_FOLDER)
            if spec.restrict_output and not (folder / VMAP_NAME).is_file():
                write_vocabulary_map(folder, self.tokenizer)
            self.translator = ctranslate2.Translator(
                str(folder), device=self.runtime.device, compute_type=self.compute_type, **self._threading())
        except Exception as exc:  # noqa: BLE001 - a corrupt file raises anything; the user needs one line
            raise missing_model_error(spec, describe_error(exc)) from None
        self.options = {_GENERATION_TO_CT2[k]: v for k, v in spec.generation.items() if k in _GENERATION_TO_CT2}
        if spec.restrict_output:
            self.options["use_vmap"] = True

    def _threading(self) -> dict:
        """On the CPU, one batch per thread at a time (inter_threads), each on one core: about a
        third faster on two cores than both cores on one batch, with the weights shared."""
        if self.runtime.device != "cpu":
            return {}
        return {"inter_threads": self.runtime.threads or os.cpu_count() or 1, "intra_threads": 1}

    def generate(self, texts: list[str], batch_size: int = 8, terms: list[dict[str, str | None]] | None = None) -> list[str]:
        """All texts in one call: CTranslate2 sorts them by length, cuts them into batches and
        runs the batches side by side on its threads, `batch_size` texts in flight in all (so
        memory stays that of one batch of `batch_size`)."""
        if not texts:
            return []
        threads = self._threading().get("inter_threads", 1)
        outputs = self._generate_batch(texts, max(1, -(-batch_size // threads)))
        if self.runtime.device == "cpu":
            release_freed_memory()
        return outputs

    def _generate_batch(self, texts: list[str], batch_size: int | None = None) -> list[str]:
        sources = [
            self.tokenizer.convert_ids_to_tokens(
                self.tokenizer(self.spec.prefix + text, truncation=True, max_length=self.spec.max_input_tokens)["input_ids"]
            )
            for text in texts
        ]
        results = self.translator.translate_batch(sources, max_batch_size=batch_size or len(sources), **self.options)
        return [
            self.tokenizer.decode(self.tokenizer.convert_tokens_to_ids(result.hypotheses[0]), skip_special_tokens=True).strip()
            for result in results
        ]


def ctranslate2_folder(spec: ModelSpec) -> Path:
    """The spec's CTranslate2 model: its own folder, or the conversion of its transformers model
    (made now, once and offline, if the transformers model is here but not yet converted)."""
    if spec.model and is_ctranslate2_folder(spec.model):
        return Path(spec.model)
    folder = converted_folder(spec)
    if is_ctranslate2_folder(folder):
        return folder
    source = local_snapshot(spec)
    if source is None:
        raise missing_model_error(spec, CTranslate2Backend.missing_reason)
    return convert_to_ctranslate2(source, folder, spec.compute_type, spec.restrict_output)


def convert_to_ctranslate2(source: str | Path, target: str | Path, quantization: str = "int8",
                           restrict_output: bool = False) -> Path:
    """Convert a local transformers seq2seq model folder into a CTranslate2 one, offline."""
    _require_ctranslate2()
    from ctranslate2.converters import TransformersConverter


    quiet_transformers()
    from transformers import AutoTokenizer

    source, target = Path(source), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    declared = json.loads((source / "config.json").read_text(encoding="utf-8"))

    class _Converter(TransformersConverter):
        def load_model(self, model_class, model_name_or_path, **kwargs):
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            # transformers 5 forces tie_word_embeddings=True on MT5 configs; CTranslate2 reads it to
            # decide whether to scale the decoder output, which an untied mT5 head must not be.
            model.config.tie_word_embeddings = declared.get("tie_word_embeddings", model.config.tie_word_embeddings)
            return model

    temporary = target.with_name(target.name + ".partial")
    shutil.rmtree(temporary, ignore_errors=True)
    try:
        _Converter(str(source)).convert(str(temporary), quantization=quantization, force=True)
        tokenizer = AutoTokenizer.from_pretrained(source)
        tokenizer.save_pretrained(temporary / TOKENIZER_FOLDER)
        if restrict_output:
            write_vocabulary_map(temporary, tokenizer)
    except Exception as exc:  # noqa: BLE001 - the converter raises anything; the user needs one line
        shutil.rmtree(temporary, ignore_errors=True)
        raise ModelError(f"cannot convert {source}: {describe_error(exc)}") from None
    shutil.rmtree(target, ignore_errors=True)
    temporary.rename(target)
    return target
