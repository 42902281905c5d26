import tomllib

import pytest

from summarizer.names.entities import find_entities
from summarizer.names.glossary import Glossary
from summarizer.patterns import cjk_count
from summarizer.records import UNTRANSLATED
from summarizer.runtime import Runtime
from summarizer.stages.translating import WORDS_PER_CHARACTER, Translator, _length_problem, number_problems
from tests.helpers.fakes import ScriptedBackend
from tests.helpers.paths import TESTS
from tests.helpers.stages import echo_latin

MEETING = "今天上午，市长于永生会见了白俄罗斯驻华大使尤里·先科一行。省委外办副主任孙业宝参加会见。"


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load()


def translator_for(respond, glossary, **options) -> tuple[Translator, ScriptedBackend]:
    backend = ScriptedBackend(respond)
    return Translator(backend.spec, backend=backend, glossary=glossary, **options), backend


def test_names_titles_and_glossary_terms_reach_the_english_exactly(glossary):
    glossary = glossary.merged({"people": {"尤里·先科": "Yuri Senko"}}, "the page's guests")
    translator, _ = translator_for(echo_latin, glossary)
    entities = find_entities(MEETING, glossary)
    english = translator.translate([MEETING], [entities])[0]
    for rendering in ("Mayor", "Yu Yongsheng", "Belarus", "Ambassador to China", "Yuri Senko",
                      "Foreign Affairs Office of the CPC Provincial Committee", "Deputy Director", "Sun Yebao"):
        assert rendering in english.text
    assert english.problems == []


def test_names_the_model_mangles_are_restored(glossary):
    def mangle(text: str) -> str:
        return echo_latin(text).replace("Yu Yongsheng", "yu yong-sheng").replace("Belarus", "BELARUS")

    translator, _ = translator_for(mangle, glossary)
    english = translator.translate([MEETING], [find_entities(MEETING, glossary)])[0]
    assert "Yu Yongsheng" in english.text and "Belarus" in english.text
    assert "yu yong-sheng" not in english.text


def test_names_the_model_drops_are_reported(glossary):
    translator, _ = translator_for(lambda text: "The meeting was held.", glossary)
    english = translator.translate([MEETING], [find_entities(MEETING, glossary)])[0]
    assert any("left out Yu Yongsheng" in problem for problem in english.problems)


def test_text_goes_to_the_model_as_unique_sentences_in_one_batch(glossary):
    translator, backend = translator_for(echo_latin, glossary, runtime=Runtime(device="cpu", batch_size=16))
    texts = ["会议强调要抓好落实。各部门要加强配合！", "会议强调要抓好落实。", "活动现场气氛热烈；群众纷纷点赞？"]
    results = translator.translate(texts)
    assert len(backend.batches) == 1
    assert sorted(backend.inputs) == sorted(
        ["会议强调要抓好落实。", "各部门要加强配合！", "活动现场气氛热烈；", "群众纷纷点赞？"]
    )
    assert len(results) == 3 and all(r.text for r in results)


def test_sentences_longer_than_the_model_input_are_cut_at_commas(glossary):
    backend = ScriptedBackend(echo_latin, max_input_tokens=20)
    translator = Translator(backend.spec, backend=backend, glossary=glossary)
    long_sentence = "全市各级各部门要进一步提高政治站位，增强工作合力，强化正向激励，推动帮扶各项任务落地见效。"
    translator.translate([long_sentence])
    assert all(len(text) <= 18 for text in backend.inputs) and len(backend.inputs) >= 3


@pytest.mark.parametrize(
    "output", ["", "   ", "白俄罗斯白俄罗斯白俄罗斯", "。。。"], ids=["empty", "blank", "chinese", "punctuation"]
)
def test_unusable_model_output_becomes_a_visible_gap_with_a_problem(output, glossary):
    translator, _ = translator_for(lambda text: output, glossary)
    english = translator.translate(["活动现场气氛热烈。"])[0]
    assert english.text == UNTRANSLATED
    assert english.problems == ["1 of 1 sentences got no usable translation"]


def test_runaway_repetition_and_length_are_cut(glossary):
    translator, _ = translator_for(lambda text: "the city " * 500, glossary)
    english = translator.translate(["活动现场气氛热烈。"])[0]
    assert english.text.count("the city") <= 2
    assert len(english.text) < 200


def test_no_glossary_title_or_term_inside_a_longer_word_is_swapped_into_the_translators_input(glossary):
    from summarizer.stages.translating import protect, renderings_for

    keys = [key for key in [*glossary.sections["titles"], *glossary.sections["terms"]] if not key.isascii()]
    changed = []
    for key in keys:
        for text in (f"会上，{key}团的提议获得通过。", f"这是{key}会的章程。"):
            entities = find_entities(text, glossary)
            mentions = {entity.zh for entity in entities}
            protected, used = protect(text, glossary, entities)
            listed = renderings_for(text, glossary, entities)
            # only a body the names step found is put in English (市委 of 市委副书记团), never the glued title
            if set(used) - mentions or set(listed) - mentions:
                changed.append(f"{text} -> {protected}")
    assert changed == []


@pytest.mark.parametrize("text, word", [
    ("秘鲁代表团一行参观了博物馆。", "代表团"), ("他代表市委市政府向来宾表示欢迎。", "代表"),
    ("新店位于市长江路中段。", "长江路"), ("民盟市委主任委员出席。", "主任委员"),
])
def test_the_issue_examples_reach_the_model_whole(glossary, text, word):
    translator, backend = translator_for(echo_latin, glossary)
    translator.translate([text], [find_entities(text, glossary)])
    # the word reaches the model as written, or whole in English (秘鲁代表团: the delegation from Peru)
    assert any(word in sent or "delegation" in sent for sent in backend.inputs)
    assert not any("Representative" in sent or "Mayor" in sent for sent in backend.inputs)


def test_a_role_reaches_the_model_in_english_whole_even_beside_a_name_to_check(glossary):
    from summarizer.stages.translating import protect

    text = "市长王建国会见了德国汉堡市经济部副部长安德烈亚斯·里克一行。"
    protected, used = protect(text, glossary, find_entities(text, glossary))
    assert used["汉堡市经济部副部长"] == "Vice Minister of the Hamburg Ministry of Economic Affairs"
    assert "安德烈亚斯·里克" in protected and "Mayor Wang Jianguo" in protected


def test_a_translation_that_loses_or_invents_a_number_is_untranslated_with_the_reason(glossary):
    chinese = "今年地区生产总值同比增长5.8%，全市新增投资3000万元。"
    faithful, _ = translator_for(lambda text: "GDP grew 5.8% and new investment reached 30 million yuan.", glossary)
    assert faithful.translate([chinese])[0].text.startswith("GDP grew 5.8%")
    changed, _ = translator_for(lambda text: "GDP grew 6.8% and new investment reached 30 million yuan.", glossary)
    [result] = changed.translate([chinese])
    assert result.text == UNTRANSLATED
    assert "the number 5.8 is missing from the English" in result.problems
    assert "the English has a number, 6.8, that the Chinese does not" in result.problems
    unrelated, _ = translator_for(lambda text: "Officials reported on local work.", glossary)
    assert unrelated.translate([chinese])[0].text == UNTRANSLATED


def test_months_written_as_words_and_chinese_numerals_are_no_mismatch():
    assert number_problems("5月6日上午，市长会见了代表团。", "On the morning of May 6, the mayor met the delegation.") == []
    assert number_problems("三个项目开工，总投资200亿元。", "Three projects began, with 20 billion yuan in all.") == []
    assert number_problems("来自68所学校的1200余名运动员参赛。", "More than 1,200 athletes from 68 schools took part.") == []


def test_a_translation_that_leaves_out_a_name_is_untranslated_with_the_reason(glossary):
    text = "市长于永生会见了来访的客人。"
    entities = find_entities(text, glossary)
    dropping, _ = translator_for(lambda chinese: "The mayor met the visiting guests.", glossary)
    [result] = dropping.translate([text], [entities])
    assert result.text == UNTRANSLATED and "the translation left out Yu Yongsheng" in result.problems
    keeping, _ = translator_for(echo_latin, glossary)
    assert "Yu Yongsheng" in keeping.translate([text], [entities])[0].text


def test_the_length_bounds_hold_the_hand_made_translations_and_refuse_runaway_answers():
    references = tomllib.loads((TESTS / "data" / "reference_translations.toml").read_text(encoding="utf-8"))
    low, high = WORDS_PER_CHARACTER
    for pair in references["translations"]:
        assert low < len(pair["en"].split()) / cjk_count(pair["zh"]) < high
    chinese = references["translations"][0]["zh"]
    assert _length_problem(chinese, "OK.") == "the model's translation is far shorter than the text"
    assert _length_problem(chinese, "Officials said many things. " * 40) == \
        "the model's translation is far longer than the text"
    assert _length_problem(chinese, references["translations"][0]["en"]) is None
