import tomllib

import pytest

from summarizer import patterns as P
from summarizer.names.glossary import Glossary
from summarizer.records import Method
from summarizer.splitting import split_page_file
from summarizer.stages.summarizing import (
    ExtractiveSummarizer,
    ModelSummarizer,
    extractive_summary,
    named_on_its_own,
    summary_problems,
)
from tests.helpers.fakes import ScriptedBackend
from tests.helpers.paths import OWN_PAGES, TESTS

ARTICLE = ("今天上午，市委副书记、市长于永生在圣都国际会议中心会见了白俄罗斯驻华大使尤里·先科一行。"
           "于永生代表济宁市委、市政府对白俄罗斯客人的到来表示欢迎，并介绍了我市有关情况。"
           "尤里·先科说，白俄罗斯是最早支持“一带一路”倡议的国家之一，希望与济宁市加强互访。"
           "双方商定在2022年互派经贸代表团。")
SOUND = "市长于永生会见白俄罗斯驻华大使尤里·先科，双方商定在2022年互派经贸代表团。"


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load()


def summarizer_answering(output: str, glossary, **options):
    backend = ScriptedBackend(lambda text: output, task="summarize", **options)
    return ModelSummarizer(backend.spec, backend=backend, glossary=glossary), backend


def test_a_sound_model_summary_is_kept(glossary):
    summarizer, _ = summarizer_answering(SOUND, glossary)
    [summary] = summarizer.summarize([ARTICLE])
    assert summary.method == Method.MODEL and summary.text == SOUND and summary.problems == []


@pytest.mark.parametrize(
    "output, problem",
    [
        ("", "empty or too short"),
        ("会见。", "empty or too short"),
        ("会见会见会见会见会见会见会见会见会见会见会见", "repeats itself"),
        ("市长于永生会见白俄罗斯驻华大使，双方商定在2035年互派代表团。", "number 2035 is not in the article"),
        ("副市长王建国会见白俄罗斯驻华大使尤里·先科，双方商定互派代表团。", "name Wang Jianguo is not in the article"),
        ("市长于永生会见俄罗斯驻华大使尤里·先科，双方商定在2022年互派经贸代表团。", "place Russia is not in the article"),
        ("The mayor met the ambassador of Belarus in the city hall today 于永生会见了大使一行。", "not mostly Chinese"),
        ("市长会见大使并商定互访事宜。" * 30, "longer than a summary should be"),
    ],
    ids=["empty", "too-short", "repeated", "invented-number", "invented-name", "invented-place", "foreign-script",
         "too-long"],
)
def test_unsound_model_output_falls_back_to_an_extractive_summary(output, problem, glossary):
    summarizer, _ = summarizer_answering(output, glossary)
    [summary] = summarizer.summarize([ARTICLE])
    assert summary.method == Method.FALLBACK
    assert problem in summary.problems
    assert summary.text == extractive_summary(ARTICLE)


def test_long_articles_are_summarized_in_chunks_then_summarized_again(glossary):
    long_article = ARTICLE * 4
    summarizer, backend = summarizer_answering(SOUND, glossary, max_input_tokens=120)
    [short_summary, long_summary] = summarizer.summarize([ARTICLE, long_article])
    first_round = backend.batches[0]
    assert all(len(text) <= 118 for batch in backend.batches for text in batch)
    assert sum(1 for text in backend.inputs if text in long_article) >= 3
    assert len(backend.inputs) > len(backend.inputs[: len(first_round)])  # a second round ran
    assert SOUND * 2 in backend.inputs or any(text.startswith(SOUND + SOUND) for text in backend.inputs)
    assert long_summary.method == short_summary.method == Method.MODEL


def test_articles_are_batched_together(glossary):
    summarizer, backend = summarizer_answering(SOUND, glossary)
    summarizer.batch_size = 8
    summarizer.summarize([ARTICLE] * 5)
    assert [len(batch) for batch in backend.batches] == [5]


def test_extractive_summary_takes_whole_sentences_from_the_article_lead_first(seed_page):
    meeting = split_page_file(seed_page).articles[4]
    summary = extractive_summary(meeting.body)
    assert 20 <= len(summary) <= 150
    assert all(sentence in meeting.body for sentence in P.split_sentences(summary))
    assert summary.startswith(P.split_sentences(meeting.body)[0])


def test_extractive_summarizer_needs_no_model():
    page = split_page_file(OWN_PAGES / "east-lake-daily-2024-05-07-p1.txt")
    summaries = ExtractiveSummarizer().summarize([a.body for a in page.articles])
    assert [s.method for s in summaries] == [Method.EXTRACTIVE] * len(page.articles)
    assert all(P.cjk_count(s.text) > 10 for s in summaries)


REFERENCES = tomllib.loads((TESTS / "data" / "reference_summaries.toml").read_text(encoding="utf-8"))["summaries"]


@pytest.mark.parametrize("reference", REFERENCES, ids=[r["headline"] for r in REFERENCES])
def test_summaries_in_xlsum_style_pass_every_check(reference):
    article = next(a for a in split_page_file(OWN_PAGES / reference["page"]).articles
                   if a.headline.startswith(reference["headline"]))
    assert summary_problems(reference["summary"], article.body, Glossary.load()) == []


def test_a_summary_made_of_the_articles_characters_in_random_order_is_not_supported():
    import random

    characters = [ch for ch in ARTICLE if "\u4e00" <= ch <= "\u9fff"]
    random.Random(7).shuffle(characters)
    noise = "".join(characters[:60]) + "。"
    assert any(p.startswith("not supported by the article") for p in summary_problems(noise, ARTICLE))


def test_long_articles_in_lead_mode_are_summarized_from_their_opening_sentences(glossary):
    from dataclasses import replace

    long_article = ARTICLE * 4
    summarizer, backend = summarizer_answering(SOUND, glossary, max_input_tokens=120)
    summarizer.spec = replace(summarizer.spec, long_articles="lead")
    [short_summary, long_summary] = summarizer.summarize([SOUND, long_article])
    short_input, lead = backend.inputs
    assert short_input == SOUND
    assert long_article.startswith(lead) and lead.endswith("。") and len(lead) <= 118
    assert long_summary.method == Method.MODEL
    assert long_summary.note.startswith(f"The model read the article's first {len(lead)} of {len(long_article)}")
    assert short_summary.note is None


@pytest.mark.parametrize(("name", "source", "expected"), [
    ("法国", "会见了法国里昂市副市长让·马丁一行。", True),
    ("里昂", "会见了法国里昂市副市长让·马丁一行。", True),  # a place named without its unit
    ("俄罗斯", "会见了白俄罗斯驻华大使，对白俄罗斯客人表示欢迎。", False),  # inside another country's name
    ("王建", "副市长王建国出席。", False),
])
def test_a_summary_name_must_be_a_word_of_its_own_in_the_article(name, source, expected):
    assert named_on_its_own(name, source) is expected
