"""The CTranslate2 backend: same tokenizer, same decoding, same pipeline as transformers."""

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

pytest.importorskip("ctranslate2")

from summarizer import backends  # noqa: E402
from summarizer.backends.ctranslate2_backend import CTranslate2Backend, convert_to_ctranslate2  # noqa: E402
from summarizer.backends.specs import resolve_spec  # noqa: E402
from summarizer.backends.transformers_backend import TransformersBackend  # noqa: E402
from summarizer.cli import main  # noqa: E402
from summarizer.records import Task
from tests.helpers.paths import OWN_PAGES  # noqa: E402

TEXTS = ["市长于永生会见了白俄罗斯驻华大使尤里·先科一行。", "双方签署了合作协议。", "活动现场气氛热烈，群众纷纷点赞。"]


@pytest.mark.slow
def test_converted_mt5_decodes_exactly_like_transformers_with_beam_search(tiny_mt5, tmp_path):
    spec = replace(resolve_spec(str(tiny_mt5), Task.SUMMARIZE), generation={"num_beams": 4, "max_new_tokens": 24})
    folder = convert_to_ctranslate2(tiny_mt5, tmp_path / "mt5-ct2", quantization="float32")
    converted = CTranslate2Backend(replace(spec, model=str(folder), backend="ctranslate2", compute_type="float32"))
    assert converted.generate(TEXTS) == TransformersBackend(spec).generate(TEXTS)


def test_converted_marian_decodes_like_transformers(tiny_marian, tmp_path):
    spec = replace(resolve_spec(str(tiny_marian), Task.TRANSLATE), generation={"num_beams": 1, "max_new_tokens": 16})
    folder = convert_to_ctranslate2(tiny_marian, tmp_path / "marian-ct2", quantization="float32")
    converted = CTranslate2Backend(replace(spec, model=str(folder), backend="ctranslate2", compute_type="float32"))
    for fast, reference in zip(converted.generate(TEXTS), TransformersBackend(spec).generate(TEXTS)):
        # transformers forces </s> as the last of max_new_tokens; CTranslate2 decodes one more token instead
        assert fast.startswith(reference) and len(reference) > 0


def test_pipeline_runs_on_ctranslate2_int8_through_the_same_stages(tiny_mt5, tiny_marian):
    result = CliRunner().invoke(main, ["brief", str(OWN_PAGES / "east-lake-daily-2024-05-07-p1.txt"),
                                       "--summarizer-model", str(tiny_mt5), "--translator-model", str(tiny_marian),
                                       "--backend", "ctranslate2"])
    assert result.exit_code == 0, result.output
    briefs = json.loads(result.stdout)["pages"][0]["briefs"]
    assert len(briefs) == 6
    assert all(b["summary"]["zh"] and b["headline"]["en"] and b["summary"]["method"] in ("model", "extractive-fallback")
               for b in briefs)


def test_a_ctranslate2_folder_is_recognised_as_a_model_path(tiny_marian, tmp_path):
    folder = convert_to_ctranslate2(tiny_marian, tmp_path / "marian-ct2")
    spec = resolve_spec(str(folder), Task.TRANSLATE)
    assert spec.backend == "ctranslate2"
    assert len(backends.load_backend(spec).generate(TEXTS)) == 3


def test_without_ctranslate2_installed_the_transformers_backend_takes_over(tiny_marian, monkeypatch, caplog):
    from summarizer.backends import ctranslate2_backend

    monkeypatch.setattr(ctranslate2_backend, "ctranslate2_available", lambda: False)
    spec = replace(resolve_spec(str(tiny_marian), Task.TRANSLATE), backend="ctranslate2")
    with caplog.at_level("WARNING", logger="summarizer"):
        backend = backends.load_backend(spec)
    assert isinstance(backend, TransformersBackend)
    assert "ctranslate2 is not installed" in caplog.text
