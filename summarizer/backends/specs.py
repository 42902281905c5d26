"""Model settings: one small TOML file per model in `models/`, so that a new model is a new file.

A stage is given a model as a configured name (`mt5-xlsum`), the path of such a TOML file, a
local model directory (any transformers seq2seq, CTranslate2 or causal-LM model folder), or
`extractive` for no model at all.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from summarizer.errors import ConfigError, ModelError, describe_error

SUMMARIZE, TRANSLATE = "summarize", "translate"
DEFAULT_MODELS = {SUMMARIZE: "mt5-xlsum", TRANSLATE: "opus-mt-zh-en"}
EXTRACTIVE = "extractive"
SEQ2SEQ_BACKENDS = ("transformers", "ctranslate2")
"""Backends of encoder-decoder models (mT5, Marian); `--backend` switches between them."""
INSTRUCT_BACKENDS = ("causal-lm", "openai")
"""Backends of instruct LLMs: each text goes in a prompt, with the names it must render."""
MODEL_BACKENDS = SEQ2SEQ_BACKENDS + INSTRUCT_BACKENDS
INSTRUCT_DEFAULTS = {SUMMARIZE: {"max_new_tokens": 256}, TRANSLATE: {"max_new_tokens": 512}}
"""Generation settings of an instruct model given as a bare directory (a TOML file may set its own)."""
INSTRUCT_INPUT_TOKENS = 3072
GENERATION_KEYS = {
    "num_beams", "no_repeat_ngram_size", "max_new_tokens", "min_new_tokens", "length_penalty",
    "repetition_penalty", "early_stopping",
}
_COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")


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
    task: str
    backend: str = "transformers"
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
    long_articles: str = "chunks"
    """Summarizers: `lead` (the opening sentences that fit the input, as XL-Sum's models were
    trained) or `chunks` (summaries of chunks, summarized again)."""
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
        return self.model is not None and Path(self.model).is_dir()

    @property
    def is_pinned(self) -> bool:
        return self.is_local or bool(self.revision and _COMMIT_RE.match(self.revision))

    @property
    def display_name(self) -> str:
        """How a digest names the model: its hub id, or the kind of a local model and its folder's name."""
        if self.backend == "openai":
            return f"{self.model} (served at {self.base_url})"
        if self.is_local:
            try:
                import json

                kind = json.loads((Path(self.model) / "config.json").read_text(encoding="utf-8")).get("model_type")
            except (OSError, ValueError):
                kind = None
            return f"a local {kind or self.backend} model ({Path(self.model).name})"
        return self.model or self.name

    def fingerprint(self) -> dict:
        """The settings that change a result; part of every cache key."""
        model = str(Path(self.model).resolve()) if self.is_local else self.model
        fingerprint = {
            "backend": self.backend, "model": model, "revision": self.revision, "prefix": self.prefix,
            "max_input_tokens": self.max_input_tokens, "generation": dict(sorted(self.generation.items())),
            "restrict_output": self.restrict_output, "long_articles": self.long_articles,
        }
        if self.is_instruct:
            from summarizer.backends.prompting import prompt_for

            fingerprint.update(prompt=list(prompt_for(self)), served_model=self.served_model)
        return fingerprint


def load_spec_file(path: Path) -> ModelSpec:
    """A model's TOML file as a ModelSpec; a ConfigError names the file and the key at fault."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read model settings: {exc}") from None
    unknown_generation = set(data.get("generation", {})) - GENERATION_KEYS
    if unknown_generation:
        raise ConfigError(f"{path}: unknown generation settings {sorted(unknown_generation)}")
    known = {f for f in ModelSpec.__dataclass_fields__ if f not in ("source", "served_model")}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{path}: unknown model settings {sorted(unknown)}")
    if data.get("task") not in (SUMMARIZE, TRANSLATE) or "name" not in data:
        raise ConfigError(f"{path}: a model file needs name and task ({SUMMARIZE} or {TRANSLATE})")
    problem = _setting_problem(data)
    if problem:
        raise ConfigError(f"{path}: {problem}")
    return ModelSpec(**data, source=str(path))


def _setting_problem(data: dict) -> str | None:
    """What is wrong with a model file's settings, beginning with the key; None if nothing."""
    backend = data.get("backend", ModelSpec.backend)
    if backend not in MODEL_BACKENDS + (EXTRACTIVE,):
        return f"backend: unknown backend {backend!r}; use one of {', '.join(MODEL_BACKENDS + (EXTRACTIVE,))}"
    if data.get("long_articles", "chunks") not in ("lead", "chunks"):
        return 'long_articles: must be "lead" or "chunks"'
    if backend == "openai" and not data.get("base_url"):
        return "base_url: an openai model needs the address of its server, such as http://127.0.0.1:8000/v1"
    if backend in INSTRUCT_BACKENDS and not data.get("model"):
        return "model: an instruct model needs a hub id, a local directory or the served model's name"
    for key in ("system", "user", "base_url", "api_key_env"):
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            return f"{key}: must be a non-empty string"
    if "user" in data and "{text}" not in data["user"]:
        return "user: the prompt must contain {text}, where the article goes"
    for key in ("concurrency", "retries", "timeout", "max_input_tokens"):
        value = data.get(key, 1)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < (0 if key == "retries" else 1):
            return f"{key}: must be a number, {0 if key == 'retries' else 1} or more"
    return None


def configured_specs() -> list[ModelSpec]:
    folder = models_dir()
    return [load_spec_file(path) for path in sorted(folder.glob("*.toml"))] if folder.is_dir() else []


def is_ctranslate2_folder(folder: str | Path) -> bool:
    """Whether a folder holds a CTranslate2 model (its weights are one `model.bin`)."""
    return (Path(folder) / "model.bin").is_file()


def resolve_spec(choice: str | None, task: str) -> ModelSpec:
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
    if choice == EXTRACTIVE:
        if task != SUMMARIZE:
            raise ConfigError("extractive is a summarizer, not a translator")
        return specs.get(EXTRACTIVE) or ModelSpec(name=EXTRACTIVE, task=SUMMARIZE, backend=EXTRACTIVE)
    if choice in specs:
        spec = specs[choice]
        if spec.task != task:
            raise ConfigError(f"model {choice} is a {spec.task} model, not a {task} model")
        return spec
    if path.is_dir() and is_causal_lm_folder(path):
        return ModelSpec(name=path.name, task=task, backend="causal-lm", model=str(path),
                         max_input_tokens=INSTRUCT_INPUT_TOKENS, generation=dict(INSTRUCT_DEFAULTS[task]),
                         long_articles="lead", license="local model")
    if path.is_dir():
        defaults = specs.get(DEFAULT_MODELS[task]) or ModelSpec(name=DEFAULT_MODELS[task], task=task)
        backend = "ctranslate2" if is_ctranslate2_folder(path) else "transformers"
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


def with_backend(spec: ModelSpec, backend: str | None) -> ModelSpec:
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
    return resolve_spec(choice, TRANSLATE if is_translator else SUMMARIZE)


def pin_revision(spec: ModelSpec, commit: str) -> None:
    """Write the commit a fetch resolved into the model's TOML file, so later loads use exactly it."""
    if not spec.source or spec.is_pinned:
        return
    path = Path(spec.source)
    text = path.read_text(encoding="utf-8")
    pinned = re.sub(r'(?m)^revision\s*=\s*".*"$', f'revision = "{commit}"', text, count=1)
    if pinned == text:
        pinned = text.rstrip("\n") + f'\nrevision = "{commit}"\n'
    temporary = path.with_suffix(".toml.tmp")
    temporary.write_text(pinned, encoding="utf-8")
    temporary.replace(path)


def missing_model_error(spec: ModelSpec, reason: str) -> ModelError:
    if spec.is_local:
        return ModelError(f"model {spec.name} at {spec.model} cannot be loaded: {reason}")
    return ModelError(
        f"model {spec.name} ({spec.model}) is not available offline: {reason}. "
        f"Fetch it once with: summarizer models fetch {spec.name}"
    )


def cache_root() -> Path:
    return Path(os.environ.get("SUMMARIZER_CACHE") or Path.home() / ".cache" / "summarizer")


def converted_folder(spec: ModelSpec) -> Path:
    """Where the CTranslate2 conversion of a hub model at its revision is kept."""
    version = spec.revision
    if spec.is_local:
        files = sorted(Path(spec.model).glob("*.safetensors")) or sorted(Path(spec.model).glob("*.bin"))
        version = "-".join(f"{f.stat().st_size}.{int(f.stat().st_mtime)}" for f in files) or "local"
        spec = replace(spec, model=str(Path(spec.model).resolve()))
    safe = re.sub(r"[^A-Za-z0-9._-]+", "--", f"{spec.model}@{version}").strip("-")
    return cache_root() / "ctranslate2" / f"{safe}-{spec.compute_type}"


def local_snapshot(spec: ModelSpec) -> Path | None:
    """The model's files on this machine: its directory, or its snapshot in the hub cache (no network)."""
    if spec.model is None:
        return None
    if spec.is_local:
        return Path(spec.model)
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(spec.model, revision=spec.revision, local_files_only=True))
    except Exception:  # noqa: BLE001 - any failure here means "not in the cache"
        return None


def is_available_offline(spec: ModelSpec) -> bool:
    """Whether the model can be loaded with no network: a local directory, or in the hub cache."""
    if spec.backend in (EXTRACTIVE, "openai"):
        return True
    if spec.backend == "ctranslate2" and not spec.is_local and is_ctranslate2_folder(converted_folder(spec)):
        return True
    return local_snapshot(spec) is not None


FETCH_PATTERNS = ["*.json", "*.model", "*.spm", "*.txt", "*.safetensors", "*.bin", "tokenizer*", "*.tiktoken"]


def fetch_model(spec: ModelSpec) -> str:
    """Download the model into the local hub cache at its revision; pin the commit; return it."""
    if spec.backend == "openai":
        return "served"
    if spec.backend == EXTRACTIVE or spec.is_local:
        return "local"
    import huggingface_hub

    try:
        patterns = list(FETCH_PATTERNS)
        files = huggingface_hub.list_repo_files(spec.model, revision=spec.revision)
        if any(name.endswith(".safetensors") for name in files):
            patterns.remove("*.bin")  # the same weights twice: take the safetensors only
        folder = huggingface_hub.snapshot_download(spec.model, revision=spec.revision, allow_patterns=patterns)
    except Exception as exc:  # noqa: BLE001 - the hub client raises many kinds; the user needs one line
        raise ModelError(f"cannot fetch {spec.name} ({spec.model}@{spec.revision}): {describe_error(exc)}") from None
    commit = Path(folder).name
    if _COMMIT_RE.match(commit):
        pin_revision(spec, commit)
        spec = replace(spec, revision=commit)
    if spec.backend == "ctranslate2":
        from summarizer.backends.ctranslate2_backend import ctranslate2_available, convert_to_ctranslate2

        if ctranslate2_available():
            convert_to_ctranslate2(folder, converted_folder(spec), spec.compute_type)
    return commit
