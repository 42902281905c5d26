"""What the stages are built from, as plain values: the job builds its stages from them, and so
does each Ray worker, so that both resolve the same models and glossary."""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizer.backends import preflight
from summarizer.backends.specs import resolve_spec, with_backend
from summarizer.names.glossary import Glossary
from summarizer.records import Backend, Task
from summarizer.runtime import Runtime
from summarizer.stages.briefing import Stages
from summarizer.stages.summarizing import make_summarizer
from summarizer.stages.translating import make_translator


@dataclass(frozen=True)
class StageSettings:
    """The model choices (a configured name, a TOML file, a model folder, or `extractive`), the
    extra glossary files, a backend that overrides the seq2seq models' TOML files, and the runtime."""

    summarizer_model: str | None = None
    translator_model: str | None = None
    glossary_files: tuple[str, ...] = ()
    backend: Backend | None = None
    runtime: Runtime = field(default_factory=Runtime)

    def build(self) -> Stages:
        """The stages, ready to load their models: a missing model, a server that does not answer,
        or `--device cuda` without a GPU is a ModelError now, a bad glossary a ConfigError."""
        runtime = self.runtime.resolved()
        glossary = Glossary.load(list(self.glossary_files))
        specs = []
        for choice, task in ((self.summarizer_model, Task.SUMMARIZE), (self.translator_model, Task.TRANSLATE)):
            spec = with_backend(resolve_spec(choice, task), self.backend)
            specs.append(spec if spec.backend == Backend.EXTRACTIVE else preflight(spec, runtime))
        return Stages(make_summarizer(specs[0], glossary, runtime), make_translator(specs[1], glossary, runtime),
                      glossary, runtime)
