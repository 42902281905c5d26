"""`summarizer eval`: scores of a model choice against the user's own references."""

import importlib.util
import json

import pytest
from click.testing import CliRunner

from summarizer.cli import main
from summarizer.errors import EXIT_CANNOT_START, EXIT_FAILURES, EXIT_OK
from summarizer.evaluating import CharacterTokenizer, Reference, read_references, score
from summarizer.records import Brief, Entity
from summarizer.stages.settings import StageSettings
from tests.helpers.stages import scripted_stages

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("rouge_score") is None or importlib.util.find_spec("sacrebleu") is None,
    reason="the eval extra is not installed (pip install -e '.[eval]')")

MEETING = {
    "id": "meeting",
    "headline": "市长会见法国里昂市代表团",
    "text": "5月6日上午，市长陈建国在市政务中心会见了法国里昂市副市长让·马丁率领的代表团一行。\n"
            "双方签署了友好合作备忘录，将在职业教育和新能源领域开展交流。陈建国对代表团的到来表示欢迎。",
    "summary_zh": "市长陈建国会见法国里昂市代表团，双方签署友好合作备忘录。",
    "summary_en": "Mayor Chen Jianguo met a delegation from Lyon, France, and both sides signed a memorandum.",
    "names": [{"zh": "陈建国", "en": "Chen Jianguo"}],
}
FIGURES = {"id": "figures", "text": "一季度，全市地区生产总值同比增长5.8%。规模以上工业增加值同比增长7.1%。"}


def brief_saying(summary_zh: str, summary_en: str, entities=()) -> Brief:
    return Brief(headline_zh="标题", headline_en="Headline", summary_zh=summary_zh, summary_en=summary_en,
                 method="model", entities=list(entities))


def test_a_brief_identical_to_its_reference_scores_100():
    reference = Reference(**MEETING)
    brief = brief_saying(MEETING["summary_zh"], MEETING["summary_en"], [Entity("陈建国", "Chen Jianguo", "person", "glossary")])
    scores = score([reference], [brief])
    assert scores == {"rouge1": 100.0, "rouge2": 100.0, "rougeL": 100.0, "bleu": 100.0, "chrf": 100.0, "names": 100.0}


def test_an_unrelated_brief_scores_near_0():
    reference = Reference(**MEETING)
    brief = brief_saying("今天天气晴朗，气温适宜，适合户外运动。", "Sunny weather is expected tomorrow in most areas.",
                         [Entity("陈建国", "Chen Jian Guo", "person", "pinyin")])
    scores = score([reference], [brief])
    assert scores["rouge1"] < 15 and scores["rouge2"] == 0 and scores["bleu"] < 5 and scores["chrf"] < 20
    assert scores["names"] == 0.0


def test_chinese_is_scored_on_characters():
    assert CharacterTokenizer().tokenize("市长会见GDP增长5.8%") == ["市", "长", "会", "见", "gdp", "增", "长", "5", "8"]
    half = score([Reference("x", "正文", summary_zh="市长会见代表团")], [brief_saying("市长会见客人", "")])
    assert 50 < half["rouge1"] < 80  # 4 of 7 and 4 of 6 characters shared; a word tokenizer would see no overlap


def test_scores_without_references_are_none(tmp_path):
    scores = score([Reference(**FIGURES)], [brief_saying("全市经济增长。", "The economy grew.")])
    assert scores == dict.fromkeys(("rouge1", "rouge2", "rougeL", "bleu", "chrf", "names"))


def test_a_malformed_line_is_named_by_its_number_and_the_rest_are_read(tmp_path):
    references = tmp_path / "refs.jsonl"
    references.write_text("\n".join([json.dumps(MEETING, ensure_ascii=False), "{not json", json.dumps({"id": "x"}),
                                     json.dumps(FIGURES, ensure_ascii=False)]) + "\n", encoding="utf-8")
    read, problems = read_references(references)
    assert [reference.id for reference in read] == ["meeting", "figures"]
    assert [problem.split(": ")[0] for problem in problems] == [f"{references}:2", f"{references}:3"]
    assert '"text" must be a non-empty string' in problems[1]


@pytest.mark.slow
def test_eval_scores_a_model_choice_end_to_end_as_json_and_as_a_table(tmp_path, tiny_marian):
    references = tmp_path / "refs.jsonl"
    references.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (MEETING, FIGURES)) + "\n[1]\n",
                          encoding="utf-8")
    command = ["eval", str(references), "--summarizer-model", "extractive", "--translator-model", str(tiny_marian)]
    as_json = CliRunner().invoke(main, [*command, "--json"])
    assert as_json.exit_code == EXIT_FAILURES  # the malformed third line
    assert f"{references}:3: not a usable reference" in as_json.output
    report = json.loads(as_json.output.strip().splitlines()[-1])
    assert set(report) == {"articles", "rouge1", "rouge2", "rougeL", "bleu", "chrf", "names", "seconds_per_article",
                           "methods"}
    assert report["articles"] == 2 and report["methods"] == {"extractive": 2}
    assert 0 < report["rouge1"] <= 100 and 0 <= report["bleu"] <= 100 and report["seconds_per_article"] > 0
    references.write_text(json.dumps(MEETING, ensure_ascii=False) + "\n", encoding="utf-8")
    table = CliRunner().invoke(main, command)
    assert table.exit_code == EXIT_OK
    assert "rouge1" in table.output and "methods          extractive 1" in table.output


def test_eval_without_a_usable_reference_cannot_start(tmp_path):
    references = tmp_path / "refs.jsonl"
    references.write_text("nothing here\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(references), "--summarizer-model", "extractive"])
    assert result.exit_code == EXIT_CANNOT_START and "no reference to score" in result.output


def test_a_deeply_nested_line_is_one_malformed_line_and_the_others_are_scored(tmp_path):
    references = tmp_path / "refs.jsonl"
    references.write_text("\n".join([json.dumps(MEETING, ensure_ascii=False), "[" * 100_000 + "]" * 100_000,
                                     json.dumps(FIGURES, ensure_ascii=False)]) + "\n", encoding="utf-8")
    read, problems = read_references(references)
    assert [reference.id for reference in read] == ["meeting", "figures"]
    assert problems == [f"{references}:2: not a usable reference: nested too deeply"]


def test_eval_with_a_failed_article_exits_3(tmp_path, monkeypatch):
    def refuse(text: str) -> str:
        raise RuntimeError("no translation today")

    monkeypatch.setattr(StageSettings, "build", lambda self: scripted_stages(translate=refuse)[0])
    references = tmp_path / "refs.jsonl"
    references.write_text(json.dumps(MEETING, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(references), "--json"])
    assert result.exit_code == EXIT_FAILURES, result.output
    assert json.loads(result.output.strip().splitlines()[-1])["methods"] == {"failed": 1}
