"""Model backends behind one small interface; one file each.

A backend is chosen by the `backend` field of a model's TOML file. Adding one is adding a
file with a Seq2SeqBackend or InstructBackend subclass and a line in BACKENDS.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from summarizer.backends import ctranslate2_backend
from summarizer.backends.base import InstructBackend, ModelBackend, Seq2SeqBackend
from summarizer.backends.causal_lm_backend import CausalLMBackend
from summarizer.backends.ctranslate2_backend import CTranslate2Backend
from summarizer.backends.openai_backend import OpenAIBackend
from summarizer.backends.specs import SEQ2SEQ_BACKENDS, ModelSpec, is_ctranslate2_folder
from summarizer.backends.transformers_backend import TransformersBackend
from summarizer.errors import ConfigError
from summarizer.records import Backend
from summarizer.runtime import Runtime

log = logging.getLogger("summarizer")


BACKENDS: dict[str, type[ModelBackend]] = {
    Backend.TRANSFORMERS: TransformersBackend,
    Backend.CTRANSLATE2: CTranslate2Backend,
    Backend.CAUSAL_LM: CausalLMBackend,
    Backend.OPENAI: OpenAIBackend,
}
"""The model backends by name (a backend module imports its heavy library only when it loads a model)."""
BACKEND_NAMES = SEQ2SEQ_BACKENDS
"""What `--backend` may switch the seq2seq models to; the command line's choices come from here."""


def effective_spec(spec: ModelSpec, runtime: Runtime) -> ModelSpec:
    """The spec as it will actually run: CTranslate2 falls back to transformers where it is not
    installed, or where the run is on a GPU that CTranslate2's build cannot use (a CUDA 13 host
    without libcublas.so.12, say); each fallback is said once."""
    if spec.backend not in BACKENDS:
        raise ConfigError(f"{spec.source or spec.name}: backend: unknown backend {spec.backend!r}; "
                          f"use one of {', '.join(BACKENDS)}")
    if spec.backend != "ctranslate2" or is_ctranslate2_folder(spec.model or ""):
        return spec
    if not ctranslate2_backend.ctranslate2_available():
        log.warning("%s: ctranslate2 is not installed (pip install 'summarizer[ct2]'); using transformers, "
                    "which is several times slower", spec.name)
        return replace(spec, backend=Backend.TRANSFORMERS)
    if runtime.device == "cuda" and ctranslate2_backend.ctranslate2_cuda_devices() == 0:
        log.warning("%s: this CTranslate2 build cannot use the GPU; using transformers on the GPU", spec.name)
        return replace(spec, backend=Backend.TRANSFORMERS)
    return spec


def preflight(spec: ModelSpec, runtime: Runtime) -> ModelSpec:
    """The spec as it will run, checked cheaply at start-up (its files are here, or its server
    answers and serves it); a ModelError or ConfigError says what is wrong in one line."""
    spec = effective_spec(spec, runtime)
    return BACKENDS[spec.backend].preflight(spec)


def load_backend(spec: ModelSpec, runtime: Runtime | None = None) -> ModelBackend:
    """Load the model a spec names, once, with the runtime's device, number format and threads;
    raises ModelError with the fetch command if it is missing."""
    runtime = (runtime or Runtime(device="cpu")).resolved()
    spec = effective_spec(spec, runtime)
    return BACKENDS[spec.backend](spec, runtime)


__all__ = ["BACKEND_NAMES", "BACKENDS", "effective_spec", "InstructBackend", "ModelBackend",
           "Seq2SeqBackend", "load_backend", "preflight"]
