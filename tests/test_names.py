import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import ConfigError
from summarizer.names.entities import MAX_NAMES_SPAN, find_entities
from summarizer.names.glossary import Glossary
from summarizer.names.places import place_to_english
from summarizer.names.romanizing import person_to_english
from summarizer.records import ORGANIZATION, PERSON, PLACE


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load()


@pytest.mark.parametrize(
    "name, english",
    [("于永生", "Yu Yongsheng"), ("刘章箭", "Liu Zhangjian"), ("单雄信", "Shan Xiongxin"), ("曾国藩", "Zeng Guofan"),
     ("解晓东", "Xie Xiaodong"), ("区志航", "Ou Zhihang"), ("仇小平", "Qiu Xiaoping"), ("欧阳修", "Ouyang Xiu"),
     ("吕梁", "Lü Liang"), ("张西安", "Zhang Xi'an")],
)
def test_personal_names_are_pinyin_surname_first_given_name_one_word(name, english):
    assert person_to_english(name) == english


@pytest.mark.parametrize(
    "place, english",
    [("嘉祥县", "Jiaxiang County"), ("济宁", "Jining"), ("济宁市", "Jining"), ("万州区", "Wanzhou District"),
     ("山东省", "Shandong Province"), ("白俄罗斯", "Belarus"), ("梁山镇", "Liangshan Town")],
)
def test_places_are_pinyin_with_their_english_unit_or_the_glossary(place, english, glossary):
    assert place_to_english(place, glossary) == english


def test_people_places_and_bodies_of_a_meeting_report(glossary):
    text = ("今天上午，市委副书记、市长于永生在圣都国际会议中心会见了白俄罗斯驻华大使尤里·先科一行。"
            "省委外办副主任孙业宝，副市长张胜明参加会见。嘉祥县政务服务中心主任张以恒说，这是好事。")
    page_glossary = glossary.merged({"people": {"尤里·先科": "Yuri Senko"}}, "the page's guests")
    entities = {e.zh: e for e in find_entities(text, page_glossary)}
    assert entities["于永生"].en == "Yu Yongsheng" and entities["于永生"].role_en == "Mayor"
    assert entities["张胜明"].en == "Zhang Shengming" and entities["张胜明"].role_en == "Vice Mayor"
    assert entities["孙业宝"].type == PERSON and entities["张以恒"].en == "Zhang Yiheng"
    assert entities["尤里·先科"].en == "Yuri Senko" and entities["尤里·先科"].source == "glossary"
    assert entities["白俄罗斯"].en == "Belarus" and entities["白俄罗斯"].type == PLACE
    assert entities["嘉祥县"].en == "Jiaxiang County"
    assert entities["省委外办"].en == "Foreign Affairs Office of the CPC Provincial Committee"
    assert not {"关于", "一行", "参加"} & set(entities)


def test_foreign_name_missing_from_the_glossary_is_marked_for_checking(glossary):
    entities = find_entities("市长会见了法国客人让·马丁一行。", glossary)
    martin = next(e for e in entities if e.zh == "让·马丁")
    assert martin.en is None and martin.needs_checking


def test_common_words_after_titles_are_not_taken_for_names(glossary):
    text = "市委书记关于选派工作作出部署。第一书记安排工作经费，队长任书记。"
    assert [e for e in find_entities(text, glossary) if e.type == PERSON] == []


def test_user_glossary_overrides_and_extends_the_defaults(tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text('[titles]\n"副市长" = "Deputy Mayor"\n[people]\n"让·马丁" = "Jean Martin"\n', encoding="utf-8")
    glossary = Glossary.load([extra])
    assert glossary.lookup("副市长") == "Deputy Mayor"
    entities = {e.zh: e for e in find_entities("副市长李海洋会见让·马丁。", glossary)}
    assert entities["让·马丁"].en == "Jean Martin"
    assert entities["李海洋"].role_en == "Deputy Mayor"


def test_a_broken_glossary_file_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[titles\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.toml: not valid TOML"):
        Glossary.load([broken])


def test_a_body_named_inside_a_longer_name_is_listed_once(glossary):
    entities = find_entities("济宁市委市政府高度重视与白俄罗斯地方友好交往。", glossary)
    organizations = [e for e in entities if e.type == "organization"]
    assert [(e.zh, e.en) for e in organizations] == [
        ("济宁市委市政府", "CPC Jining Municipal Committee and Municipal Government")]


@pytest.mark.parametrize(
    "place, english",
    [("汉堡", "Hamburg"), ("鹿特丹", "Rotterdam"), ("安特卫普", "Antwerp"), ("伊斯坦布尔", "Istanbul"),
     ("吉隆坡", "Kuala Lumpur"), ("新西伯利亚", "Novosibirsk"), ("葡萄牙", "Portugal"), ("成都", "Chengdu"),
     ("西安", "Xi'an"), ("张家港", "Zhangjiagang"), ("巴伐利亚州", "Bavaria"), ("新南威尔士州", "New South Wales"),
     ("汉堡市", "Hamburg"), ("福建省", "Fujian Province"), ("任城区", "Rencheng District")],
)
def test_places_come_from_cldr_and_cc_cedict_with_units_on_top(place, english, glossary):
    assert place_to_english(place, glossary) == english


def test_a_transliterated_name_no_source_knows_is_shown_as_written_and_never_as_pinyin(glossary):
    assert place_to_english("卡斯特罗维尔", glossary) is None
    entities = find_entities("考察团访问了德国卡斯特罗维尔，并与当地企业座谈。", glossary)
    unknown = next(e for e in entities if "卡斯特罗维尔" in e.zh)
    assert unknown.en is None and unknown.needs_checking


@pytest.mark.parametrize("text, noun", [
    ("沿海地区外贸企业订单增长明显。", "沿海地区"), ("综合保税区进出口额同比增长。", "综合保税区"),
    ("经济开发区新引进项目12个。", "开发区"), ("老城区改造项目全面开工。", "老城区"), ("一线城市房价趋于平稳。", "城市"),
])
def test_common_nouns_ending_in_a_unit_are_not_places(text, noun, glossary):
    assert not [e for e in find_entities(text, glossary) if e.type == PLACE and noun in e.zh]


def test_foreign_names_with_a_dot_are_kept_whole_after_a_title(glossary):
    entities = find_entities("俄罗斯远东发展集团总裁阿列克谢·切昆科夫出席会议。", glossary)
    person = next(e for e in entities if e.type == PERSON)
    assert person.zh == "阿列克谢·切昆科夫" and person.role_en == "President" and person.needs_checking


def test_people_named_with_the_title_after_them_or_with_no_title(glossary):
    entities = {e.zh: e for e in find_entities(
        "深入学习贯彻习近平总书记重要讲话精神。会上，靖海峰介绍了情况。罗永刚经理说，新生产线年底投产。", glossary)}
    assert (entities["习近平"].en, entities["习近平"].role_en) == ("Xi Jinping", "General Secretary")
    assert entities["靖海峰"].en == "Jing Haifeng"
    assert (entities["罗永刚"].en, entities["罗永刚"].role_en) == ("Luo Yonggang", "Manager")


@pytest.mark.parametrize("role, english", [
    ("经理", "Manager"), ("负责人", "Head"), ("总裁", "President"), ("处长", "Division Director"), ("书记", "Secretary"),
    ("代表", "Representative"), ("常务副局长", "Executive Deputy Director"),
    ("市商务局局长", "Director of the Municipal Commerce Bureau"), ("特使", "Special Envoy"),
])
def test_every_role_gets_english_from_the_glossary_its_parts_or_the_dictionary(role, english, glossary):
    from summarizer.names.roles import role_to_english

    assert role_to_english(role, glossary) == english


@pytest.mark.parametrize("content, message", [
    (b'[titles]\n"\xd6\xf7\xc8\xce" = "Director"\n', "not UTF-8"),
    (b'[titles]\n"" = "Director"\n', "[titles] has an empty key"),
    ('[titles]\n"主任" = "Director\\nof things"\n'.encode(), "[titles] '主任' has a line break"),
    ('[people]\n"张三" = 5\n'.encode(), "[people] '张三' must map to a non-empty English string"),
])
def test_a_bad_glossary_entry_is_one_line_naming_the_file_and_the_entry(tmp_path, content, message):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(content)
    with pytest.raises(ConfigError) as error:
        Glossary.load([bad])
    assert str(error.value).startswith(f"{bad}: ") and message in str(error.value) and "\n" not in str(error.value)


NEWSPAPER_CHARACTERS = "王李张欧阳·、，。（）记者本报讯通讯员市县区州斯克尔 \n１２月3日电新华社汉堡巴伐利亚总书记副局长ab,."


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=NEWSPAPER_CHARACTERS, max_size=60))
def test_any_text_gives_names_and_credits_without_an_exception(glossary, text):
    from summarizer.names.credits import byline_credit, dateline_credit

    for entity in find_entities(text, glossary):
        assert entity.zh and entity.zh in text
    assert byline_credit(text, glossary).line.zh == text
    assert dateline_credit(text, glossary).line.zh == text


@pytest.mark.parametrize("text, places", [
    ("秘鲁阿雷基帕市代表团一行抵达我市。", [("秘鲁", "Peru"), ("阿雷基帕市", None)]),
    ("这批机电产品将运往哥伦比亚波哥大。", [("哥伦比亚", "Colombia"), ("波哥大", "Bogota")]),
    ("德国巴登-符腾堡州经济部代表团来访。", [("德国", "Germany"), ("巴登-符腾堡州", "Baden-Württemberg")]),
    ("日本福井县知事一行访问我市。", [("日本", "Japan"), ("福井县", "Fukui Prefecture")]),
    ("俄罗斯新西伯利亚州政府代表出席论坛。", [("俄罗斯", "Russia"), ("新西伯利亚州", "Novosibirsk Oblast")]),
])
def test_places_inside_compounds_are_each_their_own_place_in_their_own_english(text, places, glossary):
    found = [(e.zh, e.en) for e in find_entities(text, glossary) if e.type == PLACE]
    assert found == places


def test_a_foreign_place_no_source_knows_is_checked_never_pinyin(glossary):
    arequipa = next(e for e in find_entities("秘鲁阿雷基帕市代表团一行抵达我市。", glossary) if e.zh == "阿雷基帕市")
    assert arequipa.en is None and arequipa.needs_checking
    unknown = next(e for e in find_entities("日本北见县代表团来访。", glossary) if e.type == PLACE and e.zh == "北见县")
    assert unknown.en is None and unknown.needs_checking  # a Japanese unit: no Chinese county in pinyin


def test_a_foreign_state_ministry_is_an_organisation_after_its_place(glossary):
    entities = {e.zh: e for e in find_entities("德国巴登-符腾堡州经济部代表团来访。", glossary)}
    assert entities["巴登-符腾堡州经济部"].type == ORGANIZATION
    assert entities["巴登-符腾堡州经济部"].en == "Baden-Württemberg Ministry of Economic Affairs"
    assert not [e for e in entities.values() if e.type == PERSON]


@pytest.mark.parametrize("text, name, role", [
    ("省委外办副主任孙业宝出席活动。", "孙业宝", "Deputy Director of the Foreign Affairs Office of the CPC Provincial Committee"),
    ("市外办主任赵敏陪同参观。", "赵敏", "Director of the Municipal Foreign Affairs Office"),
    ("市委宣传部部长张华出席。", "张华", "Head of the Publicity Department of the CPC Municipal Committee"),
])
def test_roles_keep_their_organisation(text, name, role, glossary):
    person = next(e for e in find_entities(text, glossary) if e.zh == name)
    assert person.role_en == role


def test_honorifics_are_how_the_paper_refers_to_someone_never_a_given_name(glossary):
    entities = {e.zh: e for e in find_entities("李大爷笑着说，今年收成好。王先生和老张也来了。", glossary)}
    assert (entities["李大爷"].en, entities["李大爷"].source) == ("Uncle Li", "honorific")
    assert entities["王先生"].en == "Mr. Wang" and entities["老张"].en == "Lao Zhang"
    assert not [e for e in find_entities("小康社会全面建成，老区人民生活改善。", glossary) if e.type == PERSON]


def test_a_headline_phrase_is_no_person_unless_the_body_names_them(glossary):
    people = [e.zh for e in find_entities("社区书记谈改造\n社区党委书记王丽介绍，老旧小区改造已完成八成。", glossary)
              if e.type == PERSON]
    assert people == ["王丽"]
    kept = [e.zh for e in find_entities("于永生会见外宾\n市长于永生会见了外宾。", glossary) if e.type == PERSON]
    assert kept == ["于永生"]


def test_a_rivers_name_used_for_the_town_is_the_town(glossary):
    places = {e.zh: e.en for e in find_entities("客商陆续来到东江。东江经济技术开发区负责人介绍。", glossary)}
    assert places["东江"] == "Dongjiang"


@pytest.mark.parametrize("text, name, role", [
    ("济宁市商务局局长王强介绍。", "王强", "Director of the Jining Municipal Commerce Bureau"),
    ("嘉祥县委书记李明主持。", "李明", "Secretary of the CPC Jiaxiang County Committee"),
    ("德国汉堡市经济部副部长安德烈亚斯·里克一行。", "安德烈亚斯·里克", "Vice Minister of the Hamburg Ministry of Economic Affairs"),
])
def test_a_place_before_the_body_is_part_of_the_role(text, name, role, glossary):
    people = [e for e in find_entities(text, glossary) if e.type == PERSON]
    assert [(e.zh, e.role_en) for e in people] == [(name, role)]


def test_bodies_and_groupings_are_no_places(glossary):
    entities = {e.zh: e for e in find_entities("东盟外长会议在吉隆坡举行，联合国秘书长出席。", glossary)}
    assert entities["东盟"].type == ORGANIZATION and entities["联合国"].type == ORGANIZATION
    assert entities["吉隆坡"].type == PLACE


def test_a_name_no_source_knows_before_a_unit_after_a_foreign_country_is_a_place_to_check(glossary):
    places = {e.zh: e for e in find_entities("越南海防市代表团来访，日本北见市市长出席。", glossary) if e.type == PLACE}
    assert places["海防市"].en is None and places["海防市"].needs_checking
    assert places["北见市"].en is None and places["北见市"].needs_checking
    assert [e.zh for e in find_entities("法国总统府发表声明。", glossary) if e.type == PLACE] == ["法国"]


def test_a_foreign_ministry_is_an_organisation_not_a_place(glossary):
    entities = {e.zh: e for e in find_entities("美国国务院发言人表示，日本外务省官员也出席。", glossary)}
    assert entities["美国国务院"].type == ORGANIZATION and entities["日本外务省"].type == ORGANIZATION
    assert not [e for e in entities.values() if e.type == PLACE and e.zh.endswith(("院", "省"))]


def test_a_city_or_county_missing_from_chinas_division_list_is_never_pinyin(glossary):
    assert place_to_english("北见市", glossary) is None  # a Japanese city no source knows: checked
    assert place_to_english("嘉祥县", glossary) == "Jiaxiang County"
    assert place_to_english("东江市", glossary) == "Dongjiang"  # the city, not the Dongjiang River


@pytest.mark.parametrize("text", ["城市委员会召开会议。", "超市委托第三方检测。", "全市政府性债务风险可控。"])
def test_a_bodys_name_inside_a_longer_word_is_no_body(text, glossary):
    assert [e for e in find_entities(text, glossary) if e.type == ORGANIZATION] == []


def test_a_two_character_county_is_a_place_only_as_a_word_of_its_own(glossary):
    assert [e for e in find_entities("市派和县派干部参加培训。", glossary) if e.type == PLACE] == []
    assert [(e.zh, e.en) for e in find_entities("他在和县工作多年。", glossary) if e.type == PLACE] == [("和县", "He County")]


def test_a_place_no_source_knows_is_pinyin_where_chinese_and_checked_where_foreign(glossary):
    assert [(e.zh, e.en, e.type) for e in find_entities("活动在梁城举行。", glossary)] == [("梁城", "Liangcheng", PLACE)]
    arequipa = [(e.zh, e.en, e.type) for e in find_entities("代表团赴阿雷基帕访问。", glossary)]
    assert arequipa == [("阿雷基帕", None, PLACE)]


def test_a_text_longer_than_one_span_has_the_names_of_every_span(glossary):
    filler = "会议强调，要坚持稳中求进工作总基调，扎实推进各项工作落地见效。\n" * 200
    text = f"市长会见来访客人\n市长于永生主持会议。\n{filler}副市长王建国出席活动。\n{filler}"
    assert len(text) > 2 * MAX_NAMES_SPAN
    names = {entity.zh: entity.en for entity in find_entities(text, glossary) if entity.type == PERSON}
    assert names == {"于永生": "Yu Yongsheng", "王建国": "Wang Jianguo"}
