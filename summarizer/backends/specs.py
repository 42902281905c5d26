"""Model settings: one small TOML file per model in `models/`, so that a new model is a new file.

A stage is given a model as a configured name (`mt5-xlsum`), the path of such a TOML file, a
local model directory (any transformers seq2seq, CTranslate2 or causal-LM model folder), or
`extractive` for no model at all.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from summarizer.backends.prompting import prompt_for
from summarizer.errors import ConfigError, ModelError, shown_url
from summarizer.records import Backend, LongArticles, Task
from summarizer.runtime import COMPUTE_TYPES

DEFAULT_MODELS = {Task.SUMMARIZE: "mt5-xlsum", Task.TRANSLATE: "opus-mt-zh-en"}
SEQ2SEQ_BACKENDS = (Backend.TRANSFORMERS, Backend.CTRANSLATE2)
"""Backends of encoder-decoder models (mT5, Marian); `--backend` switches between them."""
INSTRUCT_BACKENDS = (Backend.CAUSAL_LM, Backend.OPENAI)
"""Backends of instruct LLMs: each text goes in a prompt, with the names it must render."""
INSTRUCT_DEFAULTS = {Task.SUMMARIZE: {"max_new_tokens": 256}, Task.TRANSLATE: {"max_new_tokens": 512}}
"""Generation settings of an instruct model given as a bare directory (a TOML file may set its own)."""
INSTRUCT_INPUT_TOKENS = 3072
COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")


def models_dir() -> Path:
    """Where the model TOML files are: $SUMMARIZER_MODELS, else the checkout's `models/` (an
    editable install), else `<prefix>/share/summarizer/models` (where a wheel installs them)."""
    configured = os.environ.get("SUMMARIZER_MODELS")
    if configured:
        return Path(configured)
    checkout = Path(__file__).resolve().parents[2] / "models"
    if checkout.is_dir() and (checkout.parent / "setup.cfg").is_file():
        return checkout
    return Path(sys.prefix) / "share" / "summarizer" / "models"


@dataclass(frozen=True)
class ModelSpec:
    """Everything that decides what a model stage produces."""

    name: str
    task: Task
    backend: Backend = Backend.TRANSFORMERS
    model: str | None = None
    """A hub id or a local directory."""
    revision: str | None = None
    prefix: str = ""
    max_input_tokens: int = 512
    license: str | None = None
    generation: dict = field(default_factory=dict)
    compute_type: str = "int8"
    """CTranslate2 on the CPU: int8, int8_float32, float32 (a GPU run uses the runtime's)."""
    restrict_output: bool = False
    """Decode over the pieces a Chinese summary can use only (backends/vocabulary.py)."""
    long_articles: LongArticles = LongArticles.CHUNKS
    """Summarizers only."""
    system: str | None = None
    """Instruct models: the system prompt (None: the task's default in prompting.py)."""
    user: str | None = None
    """Instruct models: the user prompt, with `{text}` and optionally `{glossary}` (None: the task's default)."""
    base_url: str | None = None
    """openai: the server's address, such as http://127.0.0.1:8000/v1."""
    api_key_env: str | None = None
    """openai: the environment variable that holds the API key (the key itself is never in a file)."""
    concurrency: int = 4
    """openai: requests in flight at once."""
    timeout: float = 120.0
    """openai: seconds a request may take before it is retried."""
    retries: int = 3
    """openai: retries of a failed or timed-out request, with exponential backoff."""
    served_model: str | None = None
    """openai: the model the server reports it serves (found by the start-up check; part of the cache key)."""
    source: str | None = None
    """The TOML file the settings came from."""

    @property
    def is_instruct(self) -> bool:
        return self.backend in INSTRUCT_BACKENDS

    @property
    def is_local(self) -> bool:
        return self.model is not None and Path(self.model or "").is_dir()

    @property
    def is_pinned(self) -> bool:
        return self.is_local or bool(self.revision and COMMIT_RE.match(self.revision))

    @property
    def display_name(self) -> str:
        """How a digest names the model: its hub id, or the kind of a local model and its folder's name."""
        if self.backend == Backend.OPENAI:
            return f"{self.model} (served at {shown_url(self.base_url)})"
        if self.is_local:
            try:
                import json

                kind = json.loads((Path(self.model or "") / "config.json").read_text(encoding="utf-8")).get("model_type")
            except (OSError, ValueError):
                kind = None
            return f"a local {kind or self.backend} model ({Path(self.model or '').name})"
        return self.model or self.name

    @property
    def prompt(self) -> tuple[str, str]:
        """Instruct models: the (system, user) prompt they run with."""
        return prompt_for(self.task, self.system, self.user)

    def fingerprint(self) -> dict:
        """The settings that change a result; part of every cache key."""
        model = str(Path(self.model or "").resolve()) if self.is_local else self.model
        fingerprint: dict[str, object] = {
            "backend": self.backend, "model": model, "revision": self.revision, "prefix": self.prefix,
            "max_input_tokens": self.max_input_tokens, "generation": dict(sorted(self.generation.items())),
            "restrict_output": self.restrict_output, "long_articles": self.long_articles,
        }
        if self.is_local:
            fingerprint["files"] = hashlib.sha256(folder_signature(Path(self.model or "")).encode()).hexdigest()[:16]
        if self.is_instruct:
            fingerprint.update(prompt=list(self.prompt), served_model=self.served_model)
        return fingerprint


@dataclass(frozen=True)
class Rule:
    """What one key of a model file may hold."""

    kinds: tuple[type, ...]
    what: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()

    def problem(self, value: object) -> bool:
        if isinstance(value, bool) and bool not in self.kinds:
            return True
        if not isinstance(value, self.kinds):
            return True
        if self.choices and value not in self.choices:
            return True
        if isinstance(value, str) and not self.choices and not value.strip() and self.low != 0:
            return True
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        return number is not None and ((self.low is not None and number < self.low)
                                       or (self.high is not None and number > self.high))


def _text(what: str = "a non-empty string") -> Rule:
    return Rule((str,), what)


def _whole(low: int, high: int) -> Rule:
    return Rule((int,), f"a whole number from {low} to {high}", low, high)


def _one_of(choices: tuple[str, ...]) -> Rule:
    return Rule((str,), f"one of {', '.join(choices)}", choices=choices)


MODEL_RULES: dict[str, Rule] = {
    "name": _text(), "task": _one_of(tuple(Task)), "backend": _one_of(tuple(Backend)), "model": _text(),
    "revision": _text(), "prefix": Rule((str,), "a string", low=0), "license": _text(),
    "max_input_tokens": _whole(1, 65536), "generation": Rule((dict,), "a table of generation settings"),
    "compute_type": _one_of(COMPUTE_TYPES), "restrict_output": Rule((bool,), "true or false"),
    "long_articles": _one_of(tuple(LongArticles)), "system": _text(), "user": _text(), "base_url": _text(),
    "api_key_env": _text(), "concurrency": _whole(1, 1024), "retries": _whole(0, 10),
    "timeout": Rule((int, float), "a number of seconds above 0, at most 3600", 0.001, 3600),
}
"""Every key of a model's TOML file and what it may hold: the one schema of model files."""
GENERATION_RULES: dict[str, Rule] = {
    "num_beams": _whole(1, 16), "no_repeat_ngram_size": _whole(0, 16), "max_new_tokens": _whole(1, 4096),
    "min_new_tokens": _whole(0, 4096), "length_penalty": Rule((int, float), "a number from -10 to 10", -10, 10),
    "repetition_penalty": Rule((int, float), "a number from 0.5 to 10", 0.5, 10),
    "early_stopping": Rule((bool,), "true or false"),
}


def load_spec_file(path: Path) -> ModelSpec:
    """A model's TOML file as a ModelSpec; a ConfigError names the file and the key at fault."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read model settings: {exc}") from None
    unknown = set(data) - set(MODEL_RULES)
    if unknown:
        raise ConfigError(f"{path}: unknown model settings {sorted(unknown)}")
    if data.get("task") not in tuple(Task) or "name" not in data:
        raise ConfigError(f"{path}: a model file needs name and task ({' or '.join(Task)})")
    problem = _setting_problem(data)
    if problem:
        raise ConfigError(f"{path}: {problem}")
    typed = {"task": Task(data["task"]), "backend": Backend(data.get("backend", ModelSpec.backend)),
             "long_articles": LongArticles(data.get("long_articles", ModelSpec.long_articles))}
    return ModelSpec(**{**data, **typed}, source=str(path))


def _setting_problem(data: dict) -> str | None:
    """What is wrong with a model file's settings, beginning with the key; None if nothing."""
    for key, value in data.items():
        if MODEL_RULES[key].problem(value):
            return f"{key}: must be {MODEL_RULES[key].what}, not {value!r}"
    generation = data.get("generation", {})
    unknown = set(generation) - set(GENERATION_RULES)
    if unknown:
        return f"generation: unknown generation settings {sorted(unknown)}"
    for key, value in generation.items():
        if GENERATION_RULES[key].problem(value):
            return f"generation.{key}: must be {GENERATION_RULES[key].what}, not {value!r}"
    backend = data.get("backend", ModelSpec.backend)
    if backend == Backend.OPENAI and not data.get("base_url"):
        return "base_url: an openai model needs the address of its server, such as http://127.0.0.1:8000/v1"
    if backend in INSTRUCT_BACKENDS and not data.get("model"):
        return "model: an instruct model needs a hub id, a local directory or the served model's name"
    if "user" in data and "{text}" not in data["user"]:
        return "user: the prompt must contain {text}, where the article goes"
    return None


def configured_specs() -> list[ModelSpec]:
    folder = models_dir()
    return [load_spec_file(path) for path in sorted(folder.glob("*.toml"))] if folder.is_dir() else []


def is_ctranslate2_folder(folder: str | Path) -> bool:
    """Whether a folder holds a CTranslate2 model (its weights are one `model.bin`)."""
    return (Path(folder) / "model.bin").is_file()


def resolve_spec(choice: str | None, task: Task) -> ModelSpec:
    """A configured name, a local model directory, or `extractive`, as a ModelSpec for the task."""
    choice = choice or DEFAULT_MODELS[task]
    path = Path(choice).expanduser()
    if path.suffix == ".toml":
        if not path.is_file():
            raise ConfigError(f"{choice}: no such model file")
        spec = load_spec_file(path)
        if spec.task != task:
            raise ConfigError(f"{choice}: a {spec.task} model, not a {task} model")
        return spec
    specs = {spec.name: spec for spec in configured_specs()}
    if choice == Backend.EXTRACTIVE:
        if task != Task.SUMMARIZE:
            raise ConfigError("extractive is a summarizer, not a translator")
        return specs.get(Backend.EXTRACTIVE) or ModelSpec(name=Backend.EXTRACTIVE, task=Task.SUMMARIZE,
                                                          backend=Backend.EXTRACTIVE)
    if choice in specs:
        spec = specs[choice]
        if spec.task != task:
            raise ConfigError(f"model {choice} is a {spec.task} model, not a {task} model")
        return spec
    if path.is_dir() and is_causal_lm_folder(path):
        return ModelSpec(name=path.name, task=task, backend=Backend.CAUSAL_LM, model=str(path),
                         max_input_tokens=INSTRUCT_INPUT_TOKENS, generation=dict(INSTRUCT_DEFAULTS[task]),
                         long_articles=LongArticles.LEAD, license="local model")
    if path.is_dir():
        defaults = specs.get(DEFAULT_MODELS[task]) or ModelSpec(name=DEFAULT_MODELS[task], task=task)
        backend = Backend.CTRANSLATE2 if is_ctranslate2_folder(path) else Backend.TRANSFORMERS
        return replace(defaults, name=path.name, model=str(path), revision=None, backend=backend,
                       license="local model", source=None)
    if path.exists():
        raise ConfigError(f"{choice}: not a model directory")
    raise ConfigError(
        f"unknown {task} model {choice!r}: give a name from `summarizer models list` "
        f"({', '.join(sorted(s for s in specs if specs[s].task == task))}), a local model directory, "
        f"or add a TOML file for it in {models_dir()}"
    )


def is_causal_lm_folder(folder: str | Path) -> bool:
    """Whether a transformers model folder holds a causal (decoder-only) LM, as its config.json says."""
    import json

    try:
        config = json.loads((Path(folder) / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return any(str(name).endswith("ForCausalLM") for name in config.get("architectures") or ())


def with_backend(spec: ModelSpec, backend: Backend | None) -> ModelSpec:
    """The spec run by another seq2seq backend (a CTranslate2 folder can only run on CTranslate2;
    an instruct model keeps its own)."""
    if not backend or spec.backend not in SEQ2SEQ_BACKENDS or spec.backend == backend:
        return spec
    if spec.model and is_ctranslate2_folder(spec.model):
        raise ConfigError(f"{spec.model} is a CTranslate2 model; it cannot run on {backend}")
    return replace(spec, backend=backend)


def spec_by_name(choice: str) -> ModelSpec:
    """A model by name or directory, whatever its task (a Marian directory is a translator)."""
    if choice.endswith(".toml") and Path(choice).is_file():
        return load_spec_file(Path(choice))
    specs = {spec.name: spec for spec in configured_specs()}
    if choice in specs:
        return specs[choice]
    config = Path(choice) / "config.json"
    is_translator = config.is_file() and '"marian"' in config.read_text(encoding="utf-8", errors="replace")
    return resolve_spec(choice, Task.TRANSLATE if is_translator else Task.SUMMARIZE)


def missing_model_error(spec: ModelSpec, reason: str) -> ModelError:
    if spec.is_local:
        return ModelError(f"model {spec.name} at {spec.model} cannot be loaded: {reason}")
    return ModelError(
        f"model {spec.name} ({spec.model}) is not available offline: {reason}. "
        f"Fetch it once with: summarizer models fetch {spec.name}"
    )


def cache_root() -> Path:
    return Path(os.environ.get("SUMMARIZER_CACHE") or Path.home() / ".cache" / "summarizer")


def folder_signature(folder: Path) -> str:
    """The sizes and modification times of a model folder's files: changes when its weights,
    tokenizer or config change, without reading gigabytes (a hash would)."""
    files = sorted(path for path in folder.rglob("*") if path.is_file() and not path.name.startswith("."))
    return "-".join(f"{path.relative_to(folder)}:{path.stat().st_size}.{int(path.stat().st_mtime)}"
                    for path in files)


def converted_folder(spec: ModelSpec) -> Path:
    """Where the CTranslate2 conversion of a hub model at its revision is kept."""
    version = spec.revision
    if spec.is_local:
        files = sorted(Path(spec.model or "").glob("*.safetensors")) or sorted(Path(spec.model or "").glob("*.bin"))
        version = "-".join(f"{f.stat().st_size}.{int(f.stat().st_mtime)}" for f in files) or "local"
        spec = replace(spec, model=str(Path(spec.model or "").resolve()))
    safe = re.sub(r"[^A-Za-z0-9._-]+", "--", f"{spec.model}@{version}").strip("-")
    return cache_root() / "ctranslate2" / f"{safe}-{spec.compute_type}"


def local_snapshot(spec: ModelSpec) -> Path | None:
    """The model's files on this machine: its directory, or its snapshot in the hub cache (no network)."""
    if spec.model is None:
        return None
    if spec.is_local:
        return Path(spec.model or "")
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(spec.model, revision=spec.revision, local_files_only=True))
    except Exception:  # noqa: BLE001 - any failure here means "not in the cache"
        return None


def is_available_offline(spec: ModelSpec) -> bool:
    """Whether the model can be loaded with no network: a local directory, or in the hub cache."""
    if spec.backend in (Backend.EXTRACTIVE, Backend.OPENAI):
        return True
    if spec.backend == Backend.CTRANSLATE2 and not spec.is_local and is_ctranslate2_folder(converted_folder(spec)):
        return True
    return local_snapshot(spec) is not None
