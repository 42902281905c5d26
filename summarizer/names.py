"""Names and terms: who, where and which body an article names, and how to write them in English.

Chinese personal names become pinyin, surname first, given name as one word (`于永生` ->
`Yu Yongsheng`), with the surname readings that differ from the common reading. Places
become pinyin plus their English unit (`嘉祥县` -> `Jiaxiang County`). Foreign names written
in Chinese cannot be reliably transliterated back: the glossary knows them or they are
marked for checking. Glossary entries (shipped defaults plus the user's files) win over
everything else, including the translation model.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from summarizer.errors import ConfigError
from summarizer.words import tag

PERSON, PLACE, ORGANIZATION = "person", "place", "organization"
GLOSSARY_SECTIONS = ("titles", "organizations", "countries", "places", "people", "terms")

COMPOUND_SURNAMES = {
    "欧阳": "Ouyang", "上官": "Shangguan", "司马": "Sima", "诸葛": "Zhuge", "东方": "Dongfang",
    "皇甫": "Huangfu", "尉迟": "Yuchi", "长孙": "Zhangsun", "令狐": "Linghu", "慕容": "Murong",
    "公孙": "Gongsun", "夏侯": "Xiahou", "澹台": "Tantai", "端木": "Duanmu", "司徒": "Situ",
    "单于": "Chanyu", "万俟": "Moqi", "宇文": "Yuwen", "独孤": "Dugu", "南宫": "Nangong",
}
SURNAME_READINGS = {
    "单": "Shan", "曾": "Zeng", "解": "Xie", "区": "Ou", "仇": "Qiu", "朴": "Piao", "查": "Zha",
    "盖": "Ge", "乐": "Yue", "翟": "Zhai", "覃": "Qin", "缪": "Miao", "秘": "Bi", "种": "Chong",
    "繁": "Po", "员": "Yun", "宓": "Mi", "折": "She", "召": "Shao", "沈": "Shen", "柏": "Bai",
    "葛": "Ge", "任": "Ren", "石": "Shi", "藏": "Zang", "曲": "Qu", "尉": "Yu", "长": "Chang",
    "重": "Chong", "华": "Hua", "纪": "Ji", "燕": "Yan", "冼": "Xian", "便": "Pian", "祭": "Zhai",
    "难": "Nan", "那": "Na", "句": "Gou", "阚": "Kan", "隗": "Wei", "薄": "Bo", "贲": "Ben",
}
"""Surnames whose reading differs from the character's most common one."""
COMMON_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝封谈鞠"
)
NAME_BREAK_CHARS = set("在说和与等一出致参表指强介主会同率带向对为的是也就到及及、，。；：！？（）“”了将已先后又还均都")
"""Characters that end a name: a following word starts with one of them."""
TITLE_SUFFIXES = (
    "书记", "市长", "县长", "区长", "镇长", "省长", "主任", "局长", "处长", "科长", "部长", "厅长", "主席", "委员",
    "秘书长", "大使", "总领事", "领事", "参赞", "董事长", "总经理", "经理", "总裁", "院长", "校长", "会长", "理事长",
    "负责人", "教授", "专家", "代表", "队长", "村长", "主编", "社长", "司令员", "政委", "检察长", "庭长", "馆长", "站长",
)
SPEECH_VERBS = ("说", "表示", "介绍", "强调", "指出", "认为", "称", "坦言", "告诉", "希望", "建议", "透露")
PLACE_UNITS = {
    "自治区": "Autonomous Region", "自治州": "Autonomous Prefecture", "自治县": "Autonomous County",
    "街道": "Subdistrict", "新区": "New Area", "省": "Province", "市": "", "县": "County",
    "区": "District", "镇": "Town", "乡": "Township", "村": "Village",
}
"""Chinese administrative units and their English names (a city is named by its pinyin alone)."""
NOT_PLACE_STEMS = {
    "开发", "示范", "保护", "试验", "服务", "功能", "核心", "商业", "工业", "农业", "经济", "行政", "先行", "集聚",
    "风景", "旅游", "居住", "生活", "产业", "贫困", "重点", "县市", "都市", "全市", "全县", "全区", "全省", "我市",
    "我县", "我区", "我省", "本市", "该市", "该县", "各县市", "各区", "县级", "市级", "省级", "区级", "乡村", "农村",
    "一村", "整乡", "脱贫", "城乡", "中心城", "主城", "新城", "高新", "镇村", "县市区", "对口", "东西部", "地级",
}
"""What stands before an administrative unit in words that are no place (`开发区`, `县市区`)."""
NOT_PLACE_ENDINGS = ("小区", "园区", "景区", "校区")
"""Common nouns ending in 区 that no place name ends in (`老旧小区`, `产业园区`)."""
TRANSLITERATION_CHARS = set("斯尔克亚特维罗利纳德伊拉布诺夫基巴丹埃阿乌俄里科娃奇耶蒂卡萨森索塔图瓦沃谢兹")


@dataclass(frozen=True)
class Entity:
    """A person, place or organisation an article names, in Chinese and English."""

    zh: str
    en: str | None
    type: str
    source: str
    """Where the English comes from: glossary, pinyin, or unverified (foreign name, check it)."""
    role_zh: str | None = None
    role_en: str | None = None

    @property
    def needs_checking(self) -> bool:
        return self.en is None or self.source == "unverified"

    def to_dict(self) -> dict:
        return {"zh": self.zh, "en": self.en, "type": self.type, "source": self.source,
                "role": {"zh": self.role_zh, "en": self.role_en} if self.role_zh else None}


class Glossary:
    """Chinese -> English renderings by section; later files override earlier ones.
    Treat it as read-only: `merged` makes a new one, and the derived lookups are computed once."""

    def __init__(self, sections: dict[str, dict[str, str]] | None = None, sources: tuple[str, ...] = ()):
        self.sections = {name: dict((sections or {}).get(name, {})) for name in GLOSSARY_SECTIONS}
        self.sources = sources

    @classmethod
    def load(cls, extra_files: list[str | Path] = ()) -> Glossary:
        default = resources.files("summarizer.data").joinpath("glossary.toml").read_text(encoding="utf-8")
        glossary = cls(_parse_glossary(default, "built-in glossary"), ("built-in",))
        for path in extra_files:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"{path}: cannot read glossary: {exc.strerror or exc}") from None
            glossary = glossary.merged(_parse_glossary(text, str(path)), str(path))
        return glossary

    def merged(self, sections: dict[str, dict[str, str]], source: str) -> Glossary:
        combined = {name: {**self.sections[name], **sections.get(name, {})} for name in GLOSSARY_SECTIONS}
        return Glossary(combined, self.sources + (source,))

    def lookup(self, zh: str) -> str | None:
        for name in GLOSSARY_SECTIONS:
            if zh in self.sections[name]:
                return self.sections[name][zh]
        return None

    @cached_property
    def places(self) -> dict[str, str]:
        return {**self.sections["countries"], **self.sections["places"]}

    @cached_property
    def all_terms(self) -> dict[str, str]:
        terms: dict[str, str] = {}
        for name in GLOSSARY_SECTIONS:
            terms.update(self.sections[name])
        return terms

    def fingerprint(self) -> str:
        """A stable digest of every entry, so that a glossary change invalidates cached results."""
        import hashlib
        import json

        return hashlib.sha256(json.dumps(self.sections, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]

    @cached_property
    def title_pattern(self) -> re.Pattern:
        titles = sorted(set(self.sections["titles"]) | set(TITLE_SUFFIXES), key=len, reverse=True)
        return re.compile("|".join(map(re.escape, titles)))


def _parse_glossary(text: str, source: str) -> dict[str, dict[str, str]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from None
    unknown = set(data) - set(GLOSSARY_SECTIONS)
    if unknown:
        raise ConfigError(f"{source}: unknown glossary sections {sorted(unknown)}; use {list(GLOSSARY_SECTIONS)}")
    for name, entries in data.items():
        if not isinstance(entries, dict) or not all(isinstance(v, str) for v in entries.values()):
            raise ConfigError(f"{source}: section [{name}] must map Chinese terms to English strings")
    return data


def _pinyin_syllables(text: str) -> list[str]:
    return lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="ignore")


def _join_syllables(syllables: list[str]) -> str:
    """Syllables as one word, with an apostrophe where a syllable starting with a, o or e would blur."""
    word = ""
    for syllable in syllables:
        if word and syllable[:1] in "aoe":
            word += "'"
        word += syllable
    return word.capitalize()


def person_to_english(name: str) -> str:
    """`于永生` -> `Yu Yongsheng`: surname first, given name as one word."""
    if name[:2] in COMPOUND_SURNAMES:
        surname, given = COMPOUND_SURNAMES[name[:2]], name[2:]
    else:
        surname = SURNAME_READINGS.get(name[0]) or _join_syllables(_pinyin_syllables(name[0]))
        given = name[1:]
    return f"{surname} {_join_syllables(_pinyin_syllables(given))}".strip()


def place_to_english(place: str, glossary: Glossary | None = None) -> str:
    """`嘉祥县` -> `Jiaxiang County`, `济宁市` -> `Jining`; glossary entries win."""
    if glossary and glossary.lookup(place):
        return glossary.lookup(place)
    for unit, english_unit in PLACE_UNITS.items():
        stem = place[: -len(unit)]
        if place.endswith(unit) and len(stem) >= 2:
            stem_english = (glossary.lookup(stem) if glossary else None) or _join_syllables(_pinyin_syllables(stem))
            return f"{stem_english} {english_unit}".strip()
    return _join_syllables(_pinyin_syllables(place))


def is_chinese_name(candidate: str) -> bool:
    if candidate[:2] in COMPOUND_SURNAMES:
        return 3 <= len(candidate) <= 4
    return candidate[0] in COMMON_SURNAMES and 2 <= len(candidate) <= 3


def _looks_transliterated(word: str) -> bool:
    return sum(ch in TRANSLITERATION_CHARS for ch in word) >= 2


_FOREIGN_NAME_RE = re.compile(r"[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,6})+")


def find_entities(text: str, glossary: Glossary) -> list[Entity]:
    """The people, places and organisations a text names, in order of first mention."""
    found: dict[str, Entity] = {}
    words = list(_tagged_words(text))

    def add(entity: Entity) -> None:
        duplicate = any(
            other.type == entity.type and (entity.zh in other.zh or (entity.en and other.en == entity.en))
            for other in found.values()
        )
        if not duplicate:
            found[entity.zh] = entity

    for match in _FOREIGN_NAME_RE.finditer(text):
        name = _trim_foreign_name(match.group(0))
        start = match.start() + match.group(0).find(name)
        english = glossary.sections["people"].get(name)
        title = _title_before(text, start, glossary)
        add(Entity(name, english, PERSON, "glossary" if english else "unverified", *_role(title, glossary)))
    for match in glossary.title_pattern.finditer(text):
        name = _name_after(text, match.end(), glossary)
        if name:
            add(_person(name, glossary, match.group(0)))
    for verb in SPEECH_VERBS:
        for match in re.finditer(rf"(?:^|(?<=[，。；：！？、”\s]))([\u4e00-\u9fff]{{2,4}}?){verb}", text):
            name = match.group(1)
            if is_chinese_name(name) and not glossary.lookup(name) and _is_name_token(name):
                add(_person(name, glossary, None))
    for zh in sorted(glossary.sections["people"], key=len, reverse=True):
        if zh in text:
            add(Entity(zh, glossary.sections["people"][zh], PERSON, "glossary"))
    places = _find_places(text, words, glossary)
    for place in places.values():
        add(place)
    for organization in _find_organizations(text, places, glossary):
        add(organization)
    people = [e.zh for e in found.values() if e.type == PERSON]
    entities = [
        e for e in found.values()
        if (e.type == PERSON or not any(e.zh in person for person in people))
        and not any(e.zh in other.zh and e.zh != other.zh and e.type == other.type for other in found.values())
    ]
    return sorted(entities, key=lambda e: text.find(e.zh))


def _person(name: str, glossary: Glossary, title: str | None) -> Entity:
    english = glossary.sections["people"].get(name)
    return Entity(name, english or person_to_english(name), PERSON, "glossary" if english else "pinyin",
                  *_role(title, glossary))


def _role(title: str | None, glossary: Glossary) -> tuple[str | None, str | None]:
    if not title:
        return None, None
    return title, glossary.sections["titles"].get(title)


def _title_before(text: str, position: int, glossary: Glossary) -> str | None:
    window = text[max(0, position - 8): position]
    matches = list(glossary.title_pattern.finditer(window))
    return matches[-1].group(0) if matches and matches[-1].end() == len(window) else None


def _trim_foreign_name(run: str) -> str:
    """`希望通过尤里·先科大使此次` -> `尤里·先科`: the last word before the dot, the first after."""
    parts = run.split("·")
    first, last = tag(parts[0]), tag(parts[-1])
    return "·".join([first[-1].word, *parts[1:-1], last[0].word])


def _is_name_token(candidate: str) -> bool:
    """False where jieba reads the candidate as one common word that is not a name (关于, 安排)."""
    words = tag(candidate)
    if words[0].word == candidate:
        return words[0].flag.startswith("nr")
    return len(words[0].word) == 1 or words[0].flag.startswith("nr")


def _name_after(text: str, position: int, glossary: Glossary) -> str | None:
    """The Chinese personal name right after a title, if there is one."""
    window = text[position: position + 10]
    if not window or window[0] in NAME_BREAK_CHARS:
        return None
    boundaries = set()
    offset = 0
    for word in tag(window):
        offset += len(word.word)
        boundaries.add(offset)
    for length in (4, 3, 2):
        name = window[:length]
        if len(name) < length or not all("\u4e00" <= ch <= "\u9fff" and ch not in NAME_BREAK_CHARS for ch in name):
            continue
        if not is_chinese_name(name) or glossary.title_pattern.search(name) or glossary.lookup(name):
            continue
        following = window[length: length + 1]
        at_break = not following or following in NAME_BREAK_CHARS or not "\u4e00" <= following <= "\u9fff"
        if (at_break or length in boundaries) and _is_name_token(name):
            return name
    return None


def _tagged_words(text: str):
    position = 0
    for pair in tag(text):
        yield pair.word, pair.flag, position
        position += len(pair.word)


def _place_unit(word: str) -> str | None:
    return next((u for u in PLACE_UNITS if word.endswith(u)), None)


def _find_places(text: str, words, glossary: Glossary) -> dict[tuple[int, int], Entity]:
    """Places by their (start, end) in the text: glossary places, words with an administrative
    unit, and jieba's place words that the text also writes with a unit (`济宁` beside `济宁市`)."""
    places: dict[tuple[int, int], Entity] = {}
    for word, flag, start in words:
        if len(word) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
            continue
        span = (start, start + len(word))
        if word in glossary.places:
            places[span] = Entity(word, glossary.places[word], PLACE, "glossary")
            continue
        if glossary.lookup(word):
            continue
        unit = _place_unit(word)
        stem = word[: -len(unit)] if unit else word
        if unit and (len(stem) < 2 or stem in NOT_PLACE_STEMS or word.endswith(NOT_PLACE_ENDINGS)
                     or flag not in ("ns", "nr", "nz", "n")):
            continue
        written_as_place = any(word + u in text for u in ("省", "市", "县", "区")) or any(
            text.startswith(key, span[1]) for key in glossary.sections["organizations"]
        )
        if not unit and not (flag.startswith("ns") and written_as_place):
            continue
        if _looks_transliterated(stem) and not unit:
            places[span] = Entity(word, None, PLACE, "unverified")
        else:
            places[span] = Entity(word, place_to_english(word, glossary), PLACE, "pinyin")
    return places


_COORDINATE_BODY_PREFIXES = "市省县区国"
"""An organisation key starting with one of these names a body beside the one before it
(`市委市政府`: the committee and the government), not a part of it (`高新区党工委`)."""


def _find_organizations(text: str, places: dict[tuple[int, int], Entity], glossary: Glossary) -> list[Entity]:
    """Runs of glossary organisations (`高新区党工委`), with the place written right before them."""
    keys = sorted(glossary.sections["organizations"], key=len, reverse=True)
    if not keys:
        return []
    place_ending_at = {end: (start, entity) for (start, end), entity in places.items()}
    runs: list[list[re.Match]] = []
    for match in re.finditer("|".join(map(re.escape, keys)), text):
        if runs and runs[-1][-1].end() == match.start():
            runs[-1].append(match)
        else:
            runs.append([match])
    organizations = []
    for run in runs:
        start = run[0].start()
        zh = text[start: run[-1].end()]
        english = glossary.sections["organizations"][run[0].group(0)]
        for match in run[1:]:
            coordinated = match.group(0)[0] in _COORDINATE_BODY_PREFIXES
            english += (" and " if coordinated else " ") + glossary.sections["organizations"][match.group(0)]
        if zh in glossary.sections["organizations"]:
            english = glossary.sections["organizations"][zh]
        if start in place_ending_at:
            place_start, place = place_ending_at[start]
            zh = text[place_start:start] + zh
            if place.en and english.startswith("CPC "):
                english = f"CPC {place.en} {english[4:]}"
            elif place.en:
                english = f"{place.en} {english}"
        organizations.append(Entity(zh, english, ORGANIZATION, "glossary"))
    return organizations
