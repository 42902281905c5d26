"""Sequence-to-sequence model backends behind one small interface; one file each.

A backend is chosen by the `backend` field of a model's TOML file. Adding one is adding a
file with a Seq2SeqBackend subclass and a line in BACKENDS.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from summarizer.backends.base import Seq2SeqBackend
from summarizer.errors import ConfigError
from summarizer.models import ModelSpec, is_ctranslate2_folder
from summarizer.runtime import Runtime

log = logging.getLogger("summarizer")


def _transformers():
    from summarizer.backends.transformers_backend import TransformersBackend

    return TransformersBackend


def _ctranslate2():
    from summarizer.backends.ctranslate2_backend import CTranslate2Backend

    return CTranslate2Backend


BACKENDS = {"transformers": _transformers, "ctranslate2": _ctranslate2}
BACKEND_NAMES = tuple(BACKENDS)
"""The names a model file's `backend` or `--backend` may give; the command line's choices come from here."""


def effective_spec(spec: ModelSpec, runtime: Runtime) -> ModelSpec:
    """The spec as it will actually run: CTranslate2 falls back to transformers where it is not
    installed, or where the run is on a GPU that CTranslate2's build cannot use (a CUDA 13 host
    without libcublas.so.12, say); each fallback is said once."""
    if spec.backend not in BACKENDS:
        raise ConfigError(f"{spec.source or spec.name}: unknown backend {spec.backend!r}; use one of {sorted(BACKENDS)}")
    if spec.backend != "ctranslate2" or is_ctranslate2_folder(spec.model or ""):
        return spec
    from summarizer.backends.ctranslate2_backend import ctranslate2_available, ctranslate2_cuda_devices

    if not ctranslate2_available():
        log.warning("%s: ctranslate2 is not installed (pip install 'summarizer[ct2]'); using transformers, "
                    "which is several times slower", spec.name)
        return replace(spec, backend="transformers")
    if runtime.device == "cuda" and ctranslate2_cuda_devices() == 0:
        log.warning("%s: this CTranslate2 build cannot use the GPU; using transformers on the GPU", spec.name)
        return replace(spec, backend="transformers")
    return spec


def load_backend(spec: ModelSpec, runtime: Runtime | None = None) -> Seq2SeqBackend:
    """Load the model a spec names, once, with the runtime's device, number format and threads;
    raises ModelError with the fetch command if it is missing."""
    runtime = (runtime or Runtime(device="cpu")).resolved()
    spec = effective_spec(spec, runtime)
    return BACKENDS[spec.backend]()(spec, runtime)


class ModelStage:
    """A stage that runs a model (the summarizer, the translator). The model is loaded on first
    use, so that a run whose briefs are all cached loads nothing."""

    def __init__(self, spec: ModelSpec, backend: Seq2SeqBackend | None = None, glossary=None,
                 runtime: Runtime | None = None):
        from summarizer.names import Glossary

        self.spec = spec
        self.runtime = runtime or Runtime(device="cpu")
        self._backend = backend
        self.glossary = glossary or Glossary.load()

    @property
    def backend(self) -> Seq2SeqBackend:
        if self._backend is None:
            self._backend = load_backend(self.spec, self.runtime)
        return self._backend


__all__ = ["ModelStage", "BACKEND_NAMES", "BACKENDS", "effective_spec", "Seq2SeqBackend", "load_backend"]
