"""Sequence-to-sequence model backends behind one small interface; one file each.

A backend is chosen by the `backend` field of a model's TOML file. Adding one is adding a
file with a Seq2SeqBackend subclass and a line in BACKENDS.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from summarizer.backends.base import Seq2SeqBackend
from summarizer.errors import ConfigError
from summarizer.models import ModelSpec

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


def load_backend(spec: ModelSpec) -> Seq2SeqBackend:
    """Load the model a spec names, once; raises ModelError with the fetch command if it is missing."""
    if spec.backend not in BACKENDS:
        raise ConfigError(f"{spec.source or spec.name}: unknown backend {spec.backend!r}; use one of {sorted(BACKENDS)}")
    if spec.backend == "ctranslate2":
        from summarizer.backends.ctranslate2_backend import ctranslate2_available

        if not ctranslate2_available():
            log.warning("%s: ctranslate2 is not installed (pip install 'summarizer[ct2]'); using transformers, "
                        "which is several times slower", spec.name)
            spec = replace(spec, backend="transformers")
    return BACKENDS[spec.backend]()(spec)


__all__ = ["BACKEND_NAMES", "BACKENDS", "Seq2SeqBackend", "load_backend"]
