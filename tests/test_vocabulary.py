"""Restricting the summarizer's output vocabulary changes nothing but the cost: decoding over the
allowed pieces only is, token for token and with beam search, the full model with the other
pieces masked.

The comparison leaves `no_repeat_ngram_size` out: transformers and CTranslate2 apply that rule
differently, with or without a vocabulary map, which is a difference of the engines and not of
the restriction."""

from dataclasses import replace

import pytest

pytest.importorskip("ctranslate2")

from summarizer.backends.ctranslate2_backend import CTranslate2Backend, convert_to_ctranslate2  # noqa: E402
from summarizer.backends.specs import resolve_spec  # noqa: E402
from summarizer.backends.transformers_backend import TransformersBackend  # noqa: E402
from summarizer.backends.vocabulary import VMAP_NAME, is_summary_piece, output_ids  # noqa: E402
from summarizer.records import Task
from summarizer.runtime import Runtime  # noqa: E402

TEXTS = ["今天上午，市委副书记、市长于永生在圣都国际会议中心会见了白俄罗斯驻华大使尤里·先科一行。",
         "全市规模以上工业增加值同比增长7.1%，其中装备制造业增长12.3%。", "双方签署了友好交流合作备忘录。",
         "国务院总理主持召开国务院常务会议，部署推进农业科技创新。", "5月6日，东湖新区首条智慧公交线路正式开通运营。"]
CPU = Runtime(device="cpu", compute_type="float32")


@pytest.fixture(scope="module")
def wide_mt5(tmp_path_factory):
    """A random mT5 whose output layer is four times its tokenizer: like mT5's 250,112 pieces, most
    of them are nothing a Chinese summary can use, and random weights do pick them."""
    import torch
    from transformers import AutoModelForSeq2SeqLM

    from tests.helpers.tiny_models import build_tiny_mt5

    folder = build_tiny_mt5(tmp_path_factory.mktemp("wide"), name="wide-mt5", vocab_size=5000)
    model = AutoModelForSeq2SeqLM.from_pretrained(folder)
    with torch.no_grad():
        model.lm_head.weight.mul_(40)  # decided choices: beams far apart, so no rounding can swap them
    model.config.tie_word_embeddings = False
    model.save_pretrained(folder)
    return folder


def ids(backend, text: str) -> list[int]:
    return backend.tokenizer(text)["input_ids"]


def test_summary_pieces_are_chinese_ascii_and_punctuation():
    assert all(map(is_summary_piece, ["▁今天", "，", "RCEP", "▁The", "·", "１２", "%", "▁ambassador", "5G", "an"]))
    assert not any(map(is_summary_piece, ["é", "한국", "ー", "д", "▁straße", "▁xqzt"]))


@pytest.mark.slow
def test_ctranslate2_with_the_vocabulary_map_decodes_exactly_as_the_masked_full_model(wide_mt5, tmp_path):
    spec = replace(resolve_spec(str(wide_mt5), Task.SUMMARIZE),
                   generation={"num_beams": 4, "max_new_tokens": 30})
    full = TransformersBackend(replace(spec, restrict_output=False), CPU)
    masked = TransformersBackend(replace(spec, restrict_output=True), CPU)
    folder = convert_to_ctranslate2(wide_mt5, tmp_path / "ct2", "float32", restrict_output=True)
    assert (folder / VMAP_NAME).is_file()
    mapped = CTranslate2Backend(replace(spec, model=str(folder), backend="ctranslate2", restrict_output=True), CPU)

    allowed = set(output_ids(masked.tokenizer))
    assert len(allowed) < masked.model.config.vocab_size / 3
    full_outputs = full.model.generate(**full.tokenizer(TEXTS, return_tensors="pt", padding=True), **spec.generation)
    assert any(int(token) not in allowed for token in full_outputs.flatten()), "the test needs outputs that differ"

    masked_texts, mapped_texts = masked.generate(TEXTS), mapped.generate(TEXTS)
    assert masked_texts == mapped_texts
    for text in masked_texts:
        assert set(ids(masked, text)) <= allowed | {masked.tokenizer.unk_token_id}
