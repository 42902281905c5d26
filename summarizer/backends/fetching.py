"""`summarizer models fetch`: a model's files from the hub into the local cache, its revision
pinned in its TOML file, and (for CTranslate2) converted once."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import huggingface_hub

from summarizer.backends.ctranslate2_backend import convert_to_ctranslate2, ctranslate2_available
from summarizer.backends.specs import COMMIT_RE, ModelSpec, converted_folder
from summarizer.errors import ModelError, describe_error
from summarizer.records import Backend


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


FETCH_PATTERNS = ["*.json", "*.model", "*.spm", "*.txt", "*.safetensors", "*.bin", "tokenizer*", "*.tiktoken"]


def fetch_model(spec: ModelSpec) -> str:
    """Download the model into the local hub cache at its revision; pin the commit; return it."""
    if spec.backend == Backend.OPENAI:
        return "served"
    if spec.backend == Backend.EXTRACTIVE or spec.is_local or not spec.model:
        return "local"
    try:
        patterns = list(FETCH_PATTERNS)
        files = huggingface_hub.list_repo_files(spec.model, revision=spec.revision)
        if any(name.endswith(".safetensors") for name in files):
            patterns.remove("*.bin")  # the same weights twice: take the safetensors only
        folder = huggingface_hub.snapshot_download(spec.model, revision=spec.revision, allow_patterns=patterns)
    except Exception as exc:  # noqa: BLE001 - the hub client raises many kinds; the user needs one line
        raise ModelError(f"cannot fetch {spec.name} ({spec.model}@{spec.revision}): {describe_error(exc)}") from None
    commit = Path(folder).name
    if COMMIT_RE.match(commit):
        pin_revision(spec, commit)
        spec = replace(spec, revision=commit)
    if spec.backend == Backend.CTRANSLATE2:
        if ctranslate2_available():
            convert_to_ctranslate2(folder, converted_folder(spec), spec.compute_type)
    return commit
