"""The whole chain through the real loading code, on tiny random models built offline."""

import json
import shutil

import pytest
from click.testing import CliRunner

from summarizer import patterns as P
from summarizer.backends import load_backend
from summarizer.backends.specs import resolve_spec
from summarizer.cli import main
from summarizer.errors import EXIT_CANNOT_START, ModelError
from summarizer.records import Method, Task
from tests.helpers.paths import OWN_PAGES

EAST_P1 = OWN_PAGES / "east-lake-daily-2024-05-07-p1.txt"


def run_brief(*arguments):
    result = CliRunner().invoke(main, ["brief", *map(str, arguments)])
    return result, (json.loads(result.stdout) if result.exit_code == 0 else None)


@pytest.mark.slow
def test_seed_page_briefs_with_tiny_models_survive_noise(seed_page, tiny_mt5, tiny_marian):
    result, document = run_brief(seed_page, "--summarizer-model", tiny_mt5, "--translator-model", tiny_marian)
    assert result.exit_code == 0, result.output
    briefs = document["pages"][0]["briefs"]
    assert len(briefs) == 9
    for brief in briefs:
        assert brief["summary"]["method"] == Method.FALLBACK
        assert P.cjk_count(brief["summary"]["zh"]) >= 8
        assert brief["headline"]["en"] and brief["summary"]["en"]
        assert brief["models"] == {"summarizer": "tiny-mt5", "translator": "tiny-marian"}
    meeting = briefs[4]
    assert meeting["headline"]["zh"] == "于永生会见白俄罗斯驻华大使"
    assert meeting["foreign_affairs"] is True
    names = {entity["zh"]: entity["en"] for entity in meeting["entities"]}
    assert names["于永生"] == "Yu Yongsheng" and names["白俄罗斯"] == "Belarus"


def test_extractive_summaries_need_no_summarizer_model(tiny_marian):
    result, document = run_brief(EAST_P1, "--summarizer-model", "extractive", "--translator-model", tiny_marian)
    assert result.exit_code == 0, result.output
    briefs = document["pages"][0]["briefs"]
    assert len(briefs) == 6
    assert {brief["summary"]["method"] for brief in briefs} == {Method.EXTRACTIVE}
    assert briefs[0]["summary"]["zh"].startswith("5月6日上午，市长陈建国")


@pytest.mark.slow
def test_tiny_models_load_through_the_same_path_as_hub_models(tiny_mt5, tiny_marian):
    summarizer_spec, translator_spec = resolve_spec(str(tiny_mt5), Task.SUMMARIZE), resolve_spec(str(tiny_marian), Task.TRANSLATE)
    assert summarizer_spec.backend == translator_spec.backend == "transformers"
    assert summarizer_spec.generation == resolve_spec(None, Task.SUMMARIZE).generation
    outputs = load_backend(translator_spec).generate(["市长会见了大使。", "", "双方签署了合作协议。"])
    assert len(outputs) == 3 and all(isinstance(text, str) for text in outputs)


def test_a_hub_model_missing_offline_names_the_fetch_command(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "empty-cache"))
    with pytest.raises(ModelError, match="summarizer models fetch opus-mt-zh-en"):
        load_backend(resolve_spec("opus-mt-zh-en", Task.TRANSLATE))
    result = CliRunner().invoke(main, ["brief", str(EAST_P1), "--summarizer-model", "extractive"])
    assert result.exit_code == EXIT_CANNOT_START
    assert "summarizer models fetch opus-mt-zh-en" in result.output
    assert "Traceback" not in result.output


def test_models_list_and_verify(tiny_marian, monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "empty-cache"))
    listing = CliRunner().invoke(main, ["models", "list"])
    assert listing.exit_code == 0
    assert "mt5-xlsum" in listing.output and "CC BY-NC-SA 4.0" in listing.output
    assert "not fetched" in listing.output
    verified = CliRunner().invoke(main, ["models", "verify", str(tiny_marian), "extractive"])
    assert verified.exit_code == 0, verified.output
    assert "tiny-marian: ok" in verified.output


def test_fetch_pins_the_resolved_commit_and_prepares_the_fast_backend(tiny_marian, tmp_path, monkeypatch):
    import huggingface_hub

    from summarizer.backends.fetching import fetch_model
    from summarizer.backends.specs import converted_folder, is_available_offline, spec_by_name

    models = tmp_path / "models"
    models.mkdir()
    (models / "opus.toml").write_text(
        'name = "opus"\ntask = "translate"\nbackend = "ctranslate2"\nmodel = "Helsinki-NLP/opus-mt-zh-en"\n'
        'revision = "main"\nlicense = "CC BY 4.0"\n[generation]\nnum_beams = 2\nmax_new_tokens = 16\n',
        encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_MODELS", str(models))
    commit = "0123456789abcdef0123456789abcdef01234567"
    snapshot = tmp_path / "hub" / commit
    shutil.copytree(tiny_marian, snapshot)
    asked = []

    def fake_download(repo_id, revision=None, allow_patterns=None, local_files_only=False):
        asked.append((repo_id, revision, allow_patterns))
        return str(snapshot)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_download)
    monkeypatch.setattr(huggingface_hub, "list_repo_files", lambda repo_id, revision=None: sorted(
        path.name for path in snapshot.iterdir()))
    spec = spec_by_name("opus")
    assert not spec.is_pinned
    assert fetch_model(spec) == commit
    assert asked[0][:2] == ("Helsinki-NLP/opus-mt-zh-en", "main")
    assert "*.safetensors" in asked[0][2] and "*.bin" not in asked[0][2]
    pinned = spec_by_name("opus")
    assert pinned.revision == commit and pinned.is_pinned
    assert (converted_folder(pinned) / "model.bin").is_file()
    assert is_available_offline(pinned)
    assert len(load_backend(pinned).generate(["双方签署了合作协议。"])) == 1


def test_a_corrupt_model_folder_is_one_line_and_cannot_start(tiny_marian, tmp_path):
    import shutil

    broken = tmp_path / "broken-marian"
    shutil.copytree(tiny_marian, broken)
    (broken / "model.safetensors").write_bytes(b"\x00garbage" * 100)
    result = CliRunner().invoke(main, ["brief", str(EAST_P1), "--summarizer-model", "extractive",
                                       "--translator-model", str(broken)])
    assert result.exit_code == EXIT_CANNOT_START
    assert f"model broken-marian at {broken} cannot be loaded" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_a_local_model_folder_whose_files_change_gets_a_new_cache_key(tiny_marian, tmp_path):
    folder = tmp_path / "my-marian"
    shutil.copytree(tiny_marian, folder)
    spec = resolve_spec(str(folder), Task.TRANSLATE)
    before = spec.fingerprint()
    assert before == resolve_spec(str(folder), Task.TRANSLATE).fingerprint()
    weights = next(folder.glob("*.safetensors"))
    weights.write_bytes(weights.read_bytes() + b"\0")
    assert resolve_spec(str(folder), Task.TRANSLATE).fingerprint() != before
