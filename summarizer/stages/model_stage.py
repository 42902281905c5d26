"""What the summarizer and the translator share: a model that loads on first use."""

from __future__ import annotations

from summarizer import backends
from summarizer.backends.base import ModelBackend
from summarizer.backends.specs import ModelSpec
from summarizer.names.glossary import Glossary
from summarizer.runtime import Runtime


class ModelStage:
    """A stage that runs a model (the summarizer, the translator). The model is loaded on first
    use, so that a run whose briefs are all cached loads nothing."""

    def __init__(self, spec: ModelSpec, glossary: Glossary, backend: ModelBackend | None = None,
                 runtime: Runtime | None = None):
        self.spec = spec
        self.glossary = glossary
        self.runtime = runtime or Runtime(device="cpu")
        self._backend = backend

    @property
    def backend(self) -> ModelBackend:
        if self._backend is None:
            self._backend = backends.load_backend(self.spec, self.runtime)
        return self._backend
