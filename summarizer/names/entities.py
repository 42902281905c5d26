"""Names and terms: who, where and which body an article names, and how to write them in English.

Where a name's English comes from, first source that has it:
1. the user's glossary files, then the built-in glossary;
2. CLDR's country and city names, then CC-CEDICT's proper nouns (`summarizer.lexicon`);
3. rules: a Chinese person in pinyin, surname first (`于永生` -> `Yu Yongsheng`); a Chinese
   administrative name as pinyin plus its English unit (`嘉祥县` -> `Jiaxiang County`), or
   the dictionary's name for its stem plus the unit (`巴伐利亚州` -> `Bavaria`).

Places are found first by matching the names these sources know inside the text, longest first
(`秘鲁阿雷基帕市代表团`: Peru, then Arequipa), then by the taggers; a foreign administrative unit
takes its own country's English (`福井县` -> Fukui Prefecture, `莫斯科州` -> Moscow Oblast). A role
keeps the bodies written before its title (`省委外办副主任` -> Deputy Director of the Foreign
Affairs Office of the CPC Provincial Committee).

A foreign name written in Chinese that none of these knows is never turned into pinyin: it is
shown as written and marked for checking. People are found by two taggers (LAC and jieba) and
by what stands around a name: a title before or after it, a speech verb, a credit line, an
enumeration with other people.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cached_property
from importlib import resources
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from summarizer import lexicon
from summarizer import patterns as P
from summarizer.errors import ConfigError
from summarizer.patterns import CJK, REPORTER_ROLE_END_RE
from summarizer.records import ORGANIZATION, PERSON, PLACE, Entity
from summarizer.words import Token, jieba_tokens, lac_tokens, tag

__all__ = ["ORGANIZATION", "PERSON", "PLACE", "Entity", "Glossary", "find_entities", "person_to_english",
           "place_to_english", "role_to_english"]

GLOSSARY_SECTIONS = ("titles", "organizations", "countries", "places", "people", "terms")

COMPOUND_SURNAMES = {
    "欧阳": "Ouyang", "上官": "Shangguan", "司马": "Sima", "诸葛": "Zhuge", "东方": "Dongfang",
    "皇甫": "Huangfu", "尉迟": "Yuchi", "长孙": "Zhangsun", "令狐": "Linghu", "慕容": "Murong",
    "公孙": "Gongsun", "夏侯": "Xiahou", "澹台": "Tantai", "端木": "Duanmu", "司徒": "Situ",
    "单于": "Chanyu", "万俟": "Moqi", "宇文": "Yuwen", "独孤": "Dugu", "南宫": "Nangong",
}
SURNAME_READINGS = {
    "乐": "Yue", "翟": "Zhai", "尉": "Yu", "隗": "Wei", "秘": "Bi", "种": "Chong", "繁": "Po", "员": "Yun",
    "折": "She", "藏": "Zang", "长": "Chang", "重": "Chong", "便": "Pian", "难": "Nan", "句": "Gou",
}
"""Surname readings where CC-CEDICT gives another reading first, or has no surname entry."""
SURNAMES_NOT_IN_DICTIONARY = set("丛简边芦寇阳巩") | set(SURNAME_READINGS)
"""Common surnames that CC-CEDICT lists only as ordinary characters; every other surname comes from it."""
NAME_BREAK_CHARS = set("在说和与等一出致参表指强介主会同率带向对为的是也就到及、，。；：！？（）“”了将已先后又还均都")
"""Characters that end a name: a following word starts with one of them."""
TITLE_SUFFIXES = (
    "书记", "市长", "县长", "区长", "镇长", "省长", "主任", "局长", "处长", "科长", "部长", "厅长", "主席", "委员",
    "秘书长", "大使", "总领事", "领事", "参赞", "董事长", "总经理", "经理", "总裁", "院长", "校长", "会长", "理事长",
    "负责人", "教授", "专家", "代表", "队长", "村长", "主编", "社长", "司令员", "政委", "检察长", "庭长", "馆长", "站长",
    "总书记", "总理", "特使", "行长", "总监", "厂长", "所长", "组长", "总统", "首相", "议员", "州长", "总干事", "创始人",
    "支书", "司长", "主任委员", "研究员", "工程师", "医生", "教师", "老师", "船长",
)
"""Words that name a role before or after a person's name (`市长于永生`, `习近平总书记`)."""
ROLE_PREFIXES = {"常务副": "Executive Deputy", "副": "Deputy", "代": "Acting", "首席": "Chief", "常务": "Executive",
                 "名誉": "Honorary", "执行": "Executive"}
"""Parts that make a role from another (`副` + `局长` -> Deputy Director)."""
SPEECH_VERBS = ("说", "表示", "介绍", "强调", "指出", "认为", "称", "坦言", "告诉", "希望", "建议", "透露", "提出",
                "要求", "说道", "回忆", "感慨", "主持", "出席", "参加", "会见", "带队", "致辞", "讲话")
PLACE_UNITS = {
    "特别行政区": "Special Administrative Region", "自治区": "Autonomous Region", "自治州": "Autonomous Prefecture",
    "自治县": "Autonomous County", "街道": "Subdistrict", "新区": "New Area", "省": "Province", "市": "",
    "县": "County", "区": "District", "镇": "Town", "乡": "Township", "村": "Village", "州": "",
}
"""Administrative units and their English names (a city is named by its name alone; so is a
foreign state, `巴伐利亚州` -> Bavaria)."""
_UNIT_WORDS = {english.split()[-1] for english in PLACE_UNITS.values() if english} | {"City", "Prefecture"}
CHINESE_UNITS = {unit for unit in PLACE_UNITS if unit != "州"}
"""The units whose stems, where no source knows them, are Chinese names and so may be pinyin."""
TRANSLITERATION_CHARS = set(
    "阿埃艾安奥巴拜班贝本比宾波伯博布查达戴丹德迪蒂杜多厄恩法菲芬弗福盖戈格古圭哈汉赫亨霍基吉加杰卡凯坎科克肯库"
    "拉莱兰朗劳勒雷里利列隆卢鲁伦罗洛马迈曼梅蒙米莫姆穆纳奈内尼纽努诺帕佩皮普齐奇乔切萨塞桑瑟森沙舍什斯索塔泰"
    "坦特提图托瓦威韦维温沃乌西希谢休雅亚耶伊尤约扎泽兹佐"
)
"""Characters of the standard transliteration tables for foreign names (Xinhua's)."""


class Glossary:
    """Chinese -> English renderings by section; later files override earlier ones.
    Treat it as read-only: `merged` makes a new one, and the derived lookups are computed once."""

    def __init__(self, sections: dict[str, dict[str, str]] | None = None, sources: tuple[str, ...] = ()):
        self.sections = {name: dict((sections or {}).get(name, {})) for name in GLOSSARY_SECTIONS}
        self.sources = sources

    @classmethod
    def load(cls, extra_files: Sequence[str | Path] = ()) -> Glossary:
        default = resources.files("summarizer.data").joinpath("glossary.toml").read_text(encoding="utf-8")
        glossary = cls(_parse_glossary(default, "built-in glossary"), ("built-in",))
        for path in extra_files:
            try:
                text = Path(path).read_bytes().decode("utf-8")
            except OSError as exc:
                raise ConfigError(f"{path}: cannot read glossary: {exc.strerror or exc}") from None
            except UnicodeDecodeError as exc:
                raise ConfigError(f"{path}: glossary is not UTF-8 text (byte {exc.start})") from None
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
        """Countries and places; a name joined with `-` is also listed as written with `·`."""
        places = {**self.sections["countries"], **self.sections["places"]}
        return {**{zh.replace("-", "·"): en for zh, en in places.items() if "-" in zh}, **places}

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

    @cached_property
    def organization_pattern(self) -> re.Pattern | None:
        keys = sorted(self.sections["organizations"], key=len, reverse=True)
        return re.compile("|".join(map(re.escape, keys))) if keys else None


def _parse_glossary(text: str, source: str) -> dict[str, dict[str, str]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from None
    unknown = set(data) - set(GLOSSARY_SECTIONS)
    if unknown:
        raise ConfigError(f"{source}: unknown glossary sections {sorted(unknown)}; use {list(GLOSSARY_SECTIONS)}")
    for name, entries in data.items():
        if not isinstance(entries, dict):
            raise ConfigError(f"{source}: section [{name}] must map Chinese terms to English strings")
        for key, value in entries.items():
            if not key.strip():
                raise ConfigError(f"{source}: [{name}] has an empty key")
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{source}: [{name}] {key!r} must map to a non-empty English string")
            if "\n" in value or "\r" in value:
                raise ConfigError(f"{source}: [{name}] {key!r} has a line break in its English")
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


def romanized(text: str) -> str:
    """Pinyin as one capitalised word (`西安` -> `Xi'an`)."""
    return _join_syllables(_pinyin_syllables(text))


def _surname(name: str) -> tuple[str, str] | None:
    """The name's surname and its reading, if it starts with one."""
    if name[:2] in COMPOUND_SURNAMES:
        return name[:2], COMPOUND_SURNAMES[name[:2]]
    reading = SURNAME_READINGS.get(name[0]) or lexicon.surname_reading(name[0])
    if reading:
        return name[0], reading
    if name[0] in SURNAMES_NOT_IN_DICTIONARY:
        return name[0], _join_syllables(_pinyin_syllables(name[0]))
    return None


def person_to_english(name: str) -> str:
    """`于永生` -> `Yu Yongsheng`: surname first, given name as one word."""
    surname = _surname(name)
    if surname is None:
        surname = (name[0], _join_syllables(_pinyin_syllables(name[0])))
    given = name[len(surname[0]):]
    return f"{surname[1]} {_join_syllables(_pinyin_syllables(given))}".strip()


def is_chinese_name(candidate: str) -> bool:
    """Two to four Chinese characters after a surname (compound surnames take four)."""
    if not candidate or not all("\u4e00" <= ch <= "\u9fff" for ch in candidate):
        return False
    surname = _surname(candidate)
    if surname is None:
        return False
    return 2 <= len(candidate) <= (4 if len(surname[0]) == 2 else 3)


def looks_transliterated(word: str) -> bool:
    return sum(ch in TRANSLITERATION_CHARS for ch in word) >= 2


def place_to_english(place: str, glossary: Glossary | None = None) -> str | None:
    """A place's English (`嘉祥县` -> `Jiaxiang County`, `济宁市` -> `Jining`), or None where no
    source knows a name that is not Chinese: it is then shown as written, never as pinyin."""
    found = _place_english(place, glossary or Glossary())
    return found[0] if found else None


FOREIGN_UNITS = {
    "Japan": {"县": "Prefecture", "府": "Prefecture", "都": "", "道": ""},
    "South Korea": {"道": "Province"}, "North Korea": {"道": "Province"},
    "Germany": {"州": ""}, "Austria": {"州": ""}, "United States": {"州": ""}, "Australia": {"州": ""},
    "Brazil": {"州": ""}, "Mexico": {"州": ""}, "India": {"邦": ""},
    "Russia": {"州": "Oblast", "边疆区": "Krai"}, "Ukraine": {"州": "Oblast"},
    "Belarus": {"州": "Oblast"}, "Thailand": {"府": "Province"}, "Vietnam": {"省": "Province"},
    "Kazakhstan": {"州": "Region"}, "Uzbekistan": {"州": "Region"},
}
"""How a country's own English names its administrative units, by the Chinese unit: Japan's 县
and 府 are prefectures (福井县 -> Fukui Prefecture), Korea's 道 provinces, Russia's 州 oblasts; a
German or US 州 is named by the state's name alone."""
_FOREIGN_UNIT_WORDS = ("Prefecture", "Province", "Oblast", "Krai", "Region", "County", "State")


def _foreign_unit_english(place: str, glossary: Glossary, country: str | None) -> tuple[str | None, str] | None:
    """A foreign administrative unit in its own country's English, where the text or a source
    says which country it is in; the name as written, to check, where no source knows its stem."""
    if place in lexicon.chinese_divisions():
        return None
    for unit in sorted({unit for units in FOREIGN_UNITS.values() for unit in units}, key=len, reverse=True):
        stem = place[: -len(unit)]
        if not place.endswith(unit) or len(stem) < 2:
            continue
        whole = lexicon.gazetteer().get(place)
        known = glossary.places.get(stem) or (whole.en if whole else None)
        stem_entry = lexicon.gazetteer().get(stem) or lexicon.place_name(stem)
        known = known or (stem_entry.en if stem_entry else None)
        where = country or lexicon.place_country(stem) or lexicon.place_country(place)
        if where not in FOREIGN_UNITS or unit not in FOREIGN_UNITS[where]:
            return None
        if not known:
            return None, "unverified"
        entry = whole or stem_entry
        source = "glossary" if stem in glossary.places or entry is None else entry.source
        name = re.sub(rf"\s+(?:{'|'.join(_FOREIGN_UNIT_WORDS)})(?: of [A-Z]\w+)?$", "", known, flags=re.IGNORECASE)
        english_unit = FOREIGN_UNITS[where][unit]
        return f"{name} {english_unit}".strip(), source
    return None


def _place_english(place: str, glossary: Glossary, country: str | None = None) -> tuple[str | None, str] | None:
    """(English or None, source) for a place; None if the word is no place at all. `country` is
    the foreign country the text names right before it (日本福井县): its units are that country's,
    and a name no source knows is shown as written, to check, never as pinyin."""
    if place in glossary.places:
        return glossary.places[place], "glossary"
    foreign = _foreign_unit_english(place, glossary, country)
    if foreign:
        return foreign
    if country and place not in lexicon.chinese_divisions() and not lexicon.place_name(place):
        unit = next((u for u in (*PLACE_UNITS, *_UNITS_AFTER_KNOWN) if place.endswith(u) and len(place) - len(u) >= 2),
                    None)
        stem = place[: -len(unit)] if unit else place
        known = glossary.places.get(stem) or _stem_name(stem, "")
        return (known, lexicon.CEDICT) if known else (None, "unverified")
    if any(glossary.lookup(place[cut:]) for cut in range(len(place) - 1)):
        return None  # a glossary term, or a place followed by one (`济宁高新区`): the term wins
    if len(place) == 2 and place[0] == "中" and place[1] in lexicon.country_initials():
        return None  # 中欧, 中德: China and another party, not a place
    unit = next((u for u in PLACE_UNITS if place.endswith(u) and len(place) - len(u) >= 2), None)
    stem = place[: -len(unit)] if unit else place
    english_unit = PLACE_UNITS[unit] if unit else ""
    if unit and not lexicon.is_proper_noun(stem) and _is_common_noun(place, unit):
        return None
    named = lexicon.place_name(place)
    if unit is None and len(place) == 2 and place in lexicon.chinese_divisions() and place[1] in CHINESE_UNITS:
        unit, stem, english_unit = place[1], place[0], PLACE_UNITS[place[1]]  # 和县: He County
    if named:
        needs_unit = unit in CHINESE_UNITS and english_unit and named.en.split()[-1] not in _UNIT_WORDS
        if unit in CHINESE_UNITS and english_unit and not needs_unit and not named.en.endswith(english_unit):
            stem_english = _stem_name(stem, "")  # 浦东新区: Pudong New Area, as China names its units
            if stem_english and stem_english.split()[-1] not in _UNIT_WORDS:
                return f"{stem_english} {english_unit}", named.source
        return (f"{named.en} {english_unit}" if needs_unit else named.en), named.source
    if unit is None:
        return (None, "unverified") if looks_transliterated(place) else None
    source = "glossary" if stem in glossary.places else lexicon.CEDICT
    stem_known = glossary.places.get(stem) or _stem_name(stem, english_unit)
    if stem_known and lexicon.is_natural_feature(stem_known) and is_romanizable_place(stem):
        stem_known, source = romanized(stem), "pinyin"  # 东江市: the city of Dongjiang, not the river
    if stem_known:
        if stem_known.endswith(english_unit) or (unit in ("州", "省") and _is_foreign(stem)):
            return stem_known, source
        return f"{stem_known} {english_unit}".strip(), source
    if unit not in CHINESE_UNITS:
        return None
    if looks_transliterated(stem) or _not_a_chinese_division(place, unit):
        return None, "unverified"
    return f"{_join_syllables(_pinyin_syllables(stem))} {english_unit}".strip(), "pinyin"


_DIVISION_UNITS = ("市", "县", "省", "自治县", "自治州", "自治区")
"""Units of which China's division list names every one: a city, county or province it lacks is
no Chinese one, and no source knows its English."""


def _not_a_chinese_division(place: str, unit: str) -> bool:
    divisions = lexicon.chinese_divisions()
    return bool(divisions) and unit in _DIVISION_UNITS and place not in divisions \
        and place[: -len(unit)] not in divisions


def _stem_name(stem: str, english_unit: str) -> str | None:
    known = lexicon.place_name(stem, prefer=english_unit)
    return known.en if known else None


def _is_foreign(stem: str) -> bool:
    known = lexicon.place_name(stem)
    return bool(known and known.foreign)


def _is_common_noun(word: str, unit: str) -> bool:
    """`老城区`, `沿海地区`, `综合保税区`, `一线城市`: a common noun ends the word, or starts it."""
    stem = word[: -len(unit)]
    if lexicon.is_proper_noun(stem):
        return False
    for length in range(len(unit) + 1, len(word)):
        if lexicon.is_common_word(word[-length:]):
            return True
    return lexicon.is_common_word(stem) or stem.startswith(("全", "我", "本", "该", "各", "外"))


def _known_place_before(text: str, position: int, glossary: Glossary) -> int:
    """The length of a known place (and its unit) that ends at `position`: 济宁 of 济宁市商务局,
    汉堡市 of 汉堡市经济部; 0 where there is none."""
    known = lexicon.gazetteer()
    for length in range(min(8, position), 1, -1):
        word = text[position - length: position]
        stem = word[:-1] if word[-1] in "市省县州区" else word
        if (len(stem) >= 2 and (stem in glossary.places or stem in known or stem in lexicon.chinese_divisions())
                and (word in glossary.places or glossary.lookup(word) is None) and _place_english(word, glossary)):
            return length
    return 0


def _places_at_start(role: str, glossary: Glossary) -> list[tuple[str, str]]:
    """The known places a role may start with, before a body (`济宁市商务局局长`), as (Chinese,
    English): a Chinese place without the level that its body takes (济宁 + 市商务局) first."""
    places = []
    for cut in range(min(8, len(role) - 2), 1, -1):
        if _known_place_before(role, cut, glossary) == cut:
            english = _place_english(role[:cut], glossary)
            if english and english[0]:
                places.append((role[:cut], english[0]))
    return sorted(places, key=lambda place: not (role[len(place[0])] in ORGANIZATION_LEVELS
                                                 and not _is_foreign_place(place[0], glossary)))


_PLACE_UNIT_WORDS_RE = re.compile(r" (?:County|District|Province|City|Town|Township|Prefecture)$")


ORGANIZATION_LEVELS = {"市": "Municipal", "省": "Provincial", "县": "County", "区": "District"}
"""The level of government written before a body (`市教育局` -> Municipal Education Bureau)."""
TITLES_BY_BODY = (
    ("Department", {"部长": "Head", "副部长": "Deputy Head", "常务副部长": "Executive Deputy Head"}),
    ("Standing Committee", {"主任": "Chairman", "副主任": "Vice Chairman", "常务副主任": "Executive Vice Chairman"}),
)
"""Titles whose English depends on the body: a party department's 部长 is its Head (a ministry's
is its Minister); a people's congress standing committee's 主任 is its Chairman."""


def organization_to_english(organization: str, glossary: Glossary) -> str | None:
    """A glossary body's English, with the level of government before it where the Chinese
    writes one (`省商务厅` -> Provincial Department of Commerce)."""
    organizations = glossary.sections["organizations"]
    if organization in organizations:
        return organizations[organization]
    level, rest = organization[:1], organization[1:]
    english = organizations.get(rest)
    if level in ORGANIZATION_LEVELS and english and not english.startswith(("CPC", "the ")):
        return f"{ORGANIZATION_LEVELS[level]} {english}"
    return None


def _organization_at_start(role: str, glossary: Glossary) -> tuple[str, str] | None:
    """The longest body (glossary key, or a level and a key) that a role starts with."""
    for length in range(len(role) - 1, 1, -1):
        english = organization_to_english(role[:length], glossary)
        if english:
            return role[:length], english
    return None


def role_to_english(role: str, glossary: Glossary) -> str | None:
    """A role's English: the glossary's, one composed from its parts (`副局长` -> Deputy Director,
    `市商务局局长` -> Director of the Municipal Commerce Bureau, `市委宣传部部长` -> Head of the
    Publicity Department of the CPC Municipal Committee), else the dictionary's."""
    if role in glossary.sections["titles"]:
        return glossary.sections["titles"][role]
    for place_zh, place_en in _places_at_start(role, glossary):
        rest = role_to_english(role[len(place_zh):], glossary)
        if rest and " of the " in rest:  # 济宁市商务局局长: of the Jining Municipal Commerce Bureau
            title, body = rest.split(" of the ", 1)
            party = body.startswith("CPC ")
            body = body.removeprefix("CPC ")
            if body.startswith(tuple(ORGANIZATION_LEVELS.values())):
                place_en = _PLACE_UNIT_WORDS_RE.sub("", place_en)  # Jiaxiang + County Committee
            return f"{title} of the {'CPC ' if party else ''}{place_en} {body}"
    organization = _organization_at_start(role, glossary)
    if organization:
        rest = role[len(organization[0]):]
        body = organization[1].removeprefix("the ")
        own = next((titles[rest] for kind, titles in TITLES_BY_BODY if kind in body and rest in titles), None)
        english_title = own or role_to_english(rest, glossary)
        if english_title:
            return f"{english_title} of the {body}"
    for prefix, english_prefix in ROLE_PREFIXES.items():
        if role.startswith(prefix) and len(role) > len(prefix):
            rest = role_to_english(role[len(prefix):], glossary)
            if rest:
                return f"{english_prefix} {rest}"
    english = lexicon.common_word_english(role)
    return _title_case(english) if english else None


def _title_case(english: str) -> str:
    small = {"of", "the", "and", "in", "for", "to", "a", "an"}
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(english.split()))


HONORIFIC_SUFFIXES = {
    "大爷": "Uncle", "大伯": "Uncle", "大叔": "Uncle", "叔叔": "Uncle", "大妈": "Auntie", "大娘": "Auntie",
    "大婶": "Auntie", "阿姨": "Auntie", "大姐": "Sister", "大嫂": "Sister", "大哥": "Brother", "师傅": "Master",
    "奶奶": "Granny", "婆婆": "Granny", "爷爷": "Grandpa", "先生": "Mr.", "女士": "Ms.", "老师": "Teacher",
    "医生": "Dr.",
}
"""How a paper refers to someone by surname and a form of address (李大爷 -> Uncle Li): never a
given name (`Li Daye`)."""
HONORIFIC_PREFIXES = {"老": "Lao", "小": "Xiao"}
"""老李, 小王: a surname with 老 or 小 before it, as colleagues and neighbours call someone."""
HONORIFIC = "honorific"
"""The source of a person's English where the paper names them only by a form of address."""


def honorific_to_english(name: str) -> str | None:
    """`李大爷` -> `Uncle Li`, `王先生` -> `Mr. Wang`, `老张` -> `Lao Zhang`; None for any other name."""
    for suffix, title in HONORIFIC_SUFFIXES.items():
        stem = name.removesuffix(suffix)
        if stem != name and 1 <= len(stem) <= 2:
            surname = _surname(stem)
            if surname and surname[0] == stem:
                return f"{title} {surname[1]}"
    if len(name) == 2 and name[0] in HONORIFIC_PREFIXES:
        surname = _surname(name[1:])
        if surname and surname[0] == name[1:] and (name[1:] in COMPOUND_SURNAMES or lexicon.surname_reading(name[1])):
            return f"{HONORIFIC_PREFIXES[name[0]]} {surname[1]}"
    return None


_HONORIFIC_RE = re.compile(rf"[{CJK}]{{1,2}}(?:{'|'.join(HONORIFIC_SUFFIXES)})|(?:老|小)[{CJK}]")


def _honorifics(text: str, lac: list[Token], jieba: list[Token]) -> list[Entity]:
    """People the paper names by surname and form of address; `老X`/`小X` only where a tagger
    reads it as a name (老区 and 小康 are no one)."""
    people = {token.start for token in lac if token.tag == "PER"} | {token.start for token in jieba
                                                                     if token.tag.startswith("nr")}
    boundaries = {token.start for token in lac + jieba}
    found = []
    for match in _HONORIFIC_RE.finditer(text):
        for start in range(match.start(), match.end() - 1):
            name = text[start: match.end()]
            english = honorific_to_english(name)
            prefixed = name[0] in HONORIFIC_PREFIXES and len(name) == 2
            if english and start in boundaries and (not prefixed or start in people):
                found.append(Entity(name, english, PERSON, HONORIFIC))
                break
    return found


MAX_NAMES_SPAN = 4000
"""Characters the taggers and the name rules see at once. Their cost grows faster than the text,
so a longer text is read in spans of whole lines (a news article is shorter than one span)."""
MAX_NAMES_TEXT = 40_000
"""Characters of an article whose names are found: far beyond any news report, so that a page
split wrongly into one huge article (or a hostile one) costs seconds, not minutes."""


def find_entities(text: str, glossary: Glossary) -> list[Entity]:
    """The people, places and organisations a text names, in order of first mention. A text of
    more than one line starts with its headline: a person only the headline seems to name is
    a phrase of the headline (社区书记谈改造), unless the body names them too. Time grows with
    the text's length, span by span."""
    if len(text) <= MAX_NAMES_SPAN:
        return _entities_in(text, glossary)
    headline, _, body = text[:MAX_NAMES_TEXT].partition("\n")
    found: dict[str, Entity] = {}
    for span in _spans(body, MAX_NAMES_SPAN - len(headline) - 1):
        for entity in _entities_in(f"{headline}\n{span}", glossary):
            found.setdefault(entity.zh, entity)
    kept = [entity for entity in found.values()
            if not any(entity.zh in other.zh and entity.zh != other.zh and entity.type == other.type
                       for other in found.values())]
    return sorted(kept, key=lambda entity: text.find(entity.zh))


def _spans(text: str, limit: int) -> list[str]:
    """The text in pieces of whole lines of at most `limit` characters (a longer line alone, cut)."""
    spans: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            spans.append(line[:limit])
            line = line[limit:]
        if current and len(current) + 1 + len(line) > limit:
            spans.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        spans.append(current)
    return spans


def _entities_in(text: str, glossary: Glossary) -> list[Entity]:
    found: dict[str, Entity] = {}

    def add(entity: Entity) -> None:
        duplicate = any(
            other.type == entity.type and (entity.zh in other.zh or (entity.en and other.en == entity.en))
            for other in found.values()
        )
        if not duplicate:
            found[entity.zh] = entity

    lac = lac_tokens(text)
    jieba = jieba_tokens(text)
    for honorific in _honorifics(text, lac, jieba):
        add(honorific)
    for name, start in _dotted_names(text, lac):
        add(_foreign_person(name, glossary, _title_before(text, start, glossary)))
    for name, role in _people(text, lac, jieba, glossary):
        add(_person(name, glossary, role))
    for token in lac:
        if token.tag == "PER" and len(token.word) >= 3 and not is_chinese_name(token.word) \
                and "·" not in token.word and looks_transliterated(token.word):
            if in_place_context(text, token.start, token.end):  # 赴阿雷基帕访问: a place to check
                add(Entity(token.word, None, PLACE, "unverified"))
            else:
                add(_foreign_person(token.word, glossary, _title_before(text, token.start, glossary)))
    edges = {token.start for token in lac + jieba} | {token.end for token in lac + jieba} | {0, len(text)}
    for zh in sorted(glossary.sections["people"], key=len, reverse=True):
        if any(match.start() in edges and match.end() in edges for match in re.finditer(re.escape(zh), text)):
            add(Entity(zh, glossary.sections["people"][zh], PERSON, "glossary"))  # as a word: not 李强 of 李强国
    places = _find_places(text, lac, jieba, glossary)
    for place in places.values():
        add(place)
    organizations = _find_organizations(text, places, glossary, edges)
    for organization in organizations:
        add(organization)
    delegations = _delegations(text, places, organizations, jieba)
    for delegation in delegations:
        add(delegation)
    headline, _, body = text.partition("\n")
    if body.strip():
        for zh, entity in list(found.items()):
            if entity.type == PERSON and entity.source in ("pinyin", HONORIFIC) and zh in headline and zh not in body:
                del found[zh]
    people = [e.zh for e in found.values() if e.type == PERSON]
    entities = [
        e for e in found.values()
        if (e.type == PERSON or not any(e.zh in person for person in people))
        and not any(e.zh in other.zh and e.zh != other.zh and e.type == other.type and other not in delegations
                    for other in found.values())
    ]
    return sorted(entities, key=lambda e: text.find(e.zh))


def _person(name: str, glossary: Glossary, role: str | None) -> Entity:
    role_zh, role_en = (role, role_to_english(role, glossary)) if role else (None, None)
    honorific = honorific_to_english(name)
    if honorific and name not in glossary.sections["people"]:
        return Entity(name, honorific, PERSON, HONORIFIC, role_zh, role_en)
    if name in glossary.sections["people"]:
        return Entity(name, glossary.sections["people"][name], PERSON, "glossary", role_zh, role_en)
    known = lexicon.person_name(name)
    if known:
        return Entity(name, known.en, PERSON, known.source, role_zh, role_en)
    return Entity(name, person_to_english(name), PERSON, "pinyin", role_zh, role_en)


def _foreign_person(name: str, glossary: Glossary, role: str | None) -> Entity:
    """A foreign name written with `·`: the glossary's English, or the dictionary's where it names
    the person in as many words as the Chinese has parts; else shown as written, to check."""
    role_zh, role_en = (role, role_to_english(role, glossary)) if role else (None, None)
    if name in glossary.sections["people"]:
        return Entity(name, glossary.sections["people"][name], PERSON, "glossary", role_zh, role_en)
    parts = name.split("·")
    for key in (name, parts[-1]):
        known = lexicon.person_name(key)
        if known and len(known.en.split()) == len(parts):
            return Entity(name, known.en, PERSON, known.source, role_zh, role_en)
    return Entity(name, None, PERSON, "unverified", role_zh, role_en)


_DOTTED_RE = re.compile(rf"[{CJK}]+(?:·[{CJK}]+)+")


def _dotted_names(text: str, lac: list[Token]) -> list[tuple[str, int]]:
    """Foreign names written with `·`, whole (`阿列克谢·切昆科夫`): from the tagger's word that
    ends before the first dot to its word that starts after the last one."""
    names = []
    for match in _DOTTED_RE.finditer(text):
        first_dot, last_dot = text.index("·", match.start()), text.rindex("·", match.start(), match.end())
        left = _token_at(lac, first_dot - 1)
        right = _token_at(lac, last_dot + 1)
        start = left.start if left and left.start >= match.start() and left.tag in ("PER", "nz", "n", "LOC") \
            else first_dot - len(_last_word(text[match.start():first_dot]))
        end = right.end if right and right.end <= match.end() and right.tag in ("PER", "nz", "n", "LOC") \
            else last_dot + 1 + len(_first_word(text[last_dot + 1: match.end()]))
        prefix = _leading_title(text[start:first_dot])
        start += len(prefix)
        names.append((text[start:end].strip("·"), start))
    return names


def _leading_title(text: str) -> str:
    """A role glued to the front of a foreign name by the tagger (`总裁阿列克谢`)."""
    for index in range(len(text) - 1, 0, -1):
        if any(text[:index].endswith(title) for title in TITLE_SUFFIXES):
            return text[:index]
    return ""


def _token_at(tokens: list[Token], position: int) -> Token | None:
    return next((token for token in tokens if token.start <= position < token.end), None)


def _last_word(text: str) -> str:
    return tag(text)[-1].word if text else ""


def _first_word(text: str) -> str:
    return tag(text)[0].word if text else ""


def _people(text: str, lac: list[Token], jieba: list[Token], glossary: Glossary) -> list[tuple[str, str | None]]:
    """Chinese personal names with their role. A candidate from either tagger or from a title
    before it counts where both taggers agree, or where a title, a speech verb or a credit
    stands beside it, or where it is listed with another person (`X、Y和Z`)."""
    by_lac = {(t.start, t.word) for t in lac if t.tag == "PER" and "·" not in t.word}
    by_jieba = {(t.start, t.word) for t in jieba if t.tag.startswith("nr")}
    candidates: dict[tuple[int, str], set[str]] = {}
    for span in by_lac:
        candidates.setdefault(span, set()).add("lac")
    for span in by_jieba:
        candidates.setdefault(span, set()).add("jieba")
    boundaries = {token.start for token in lac + jieba} | {token.end for token in lac + jieba}
    for match in glossary.title_pattern.finditer(text):
        if match.start() not in boundaries or match.end() not in boundaries:
            continue  # a title inside a longer word (书记 of 书记员, 会长 across 大会长达) names no one
        name = _name_after(text, match.end(), glossary, jieba)
        if name:
            start = match.end() + (len(text[match.end():]) - len(text[match.end():].lstrip(" ")))
            candidates.setdefault((start, name), set()).add("title")
    accepted: dict[tuple[int, str], str | None] = {}
    for (start, name), votes in sorted(candidates.items()):
        if not is_chinese_name(name) or _other_term(name, glossary) or glossary.title_pattern.fullmatch(name):
            continue
        end = start + len(name)
        before = _title_before(text, start, glossary)
        after = _title_after(text, end, glossary)
        context = bool(before or after or "title" in votes or _speech_follows(text, end)
                       or lexicon.person_name(name))
        if lexicon.is_common_word(name) and not (before or after):
            continue
        if "lac" not in votes and (name in lexicon.chinese_divisions() or name in lexicon.gazetteer()):
            continue  # 嘉祥 of 嘉祥县委书记: a place before a title, not a name
        if context or {"lac", "jieba"} <= votes:
            accepted[(start, name)] = before or after
    for (start, name), votes in sorted(candidates.items()):
        if (start, name) in accepted or not is_chinese_name(name) or lexicon.is_common_word(name):
            continue
        if _listed_beside(text, start, start + len(name), accepted) and votes & {"lac", "jieba"}:
            accepted[(start, name)] = None
    roles: dict[str, str | None] = {}
    for (_, name), role in sorted(accepted.items()):
        roles[name] = roles.get(name) or role
    return list(roles.items())


def _other_term(word: str, glossary: Glossary) -> bool:
    """Whether the glossary has the word as anything but a person (a title, a body, a place)."""
    return word not in glossary.sections["people"] and glossary.lookup(word) is not None


_LIST_JOINERS = ("、", "和", "与", "及", "，")


def _listed_beside(text: str, start: int, end: int, accepted: dict[tuple[int, str], str | None]) -> bool:
    """Whether a name is listed next to an accepted person (`赵丽娜、孙海涛`)."""
    for other_start, other in accepted:
        other_end = other_start + len(other)
        if text[end: other_start] in _LIST_JOINERS or text[other_end: start] in _LIST_JOINERS:
            return True
    return False


def _speech_follows(text: str, end: int) -> bool:
    return text.startswith(SPEECH_VERBS, end)


def _title_before(text: str, position: int, glossary: Glossary) -> str | None:
    """The role written right before a name, with the organisation written before the title
    (`省委外办副主任孙业宝`: 省委外办副主任, not 副主任)."""
    window = text[max(0, position - 10): position].rstrip(" ")
    matches = [m for m in glossary.title_pattern.finditer(window) if m.end() == len(window)]
    title = max((m.group(0) for m in matches), key=len, default=None)
    if title is None:
        return None
    end = position - (len(text[:position]) - len(text[:position].rstrip(" ")))
    start = _organizations_before(text, end - len(title), glossary)
    return text[start:end]


def _organizations_before(text: str, position: int, glossary: Glossary) -> int:
    """Where a run of glossary organisations ending at `position` starts, with the level of
    government written before the first (`市` of `市教育局`); `position` where there is none."""
    keys = sorted(glossary.sections["organizations"], key=len, reverse=True)
    start = position
    while True:
        key = next((key for key in keys if text.startswith(key, start - len(key)) and start >= len(key)), None)
        if key is None:
            break
        start -= len(key)
    place = _known_place_before(text, start, glossary) if start < position or text[start: start + 1] in \
        ORGANIZATION_LEVELS else 0
    if place:
        return start - place
    if start < position and start > 0 and text[start - 1] in ORGANIZATION_LEVELS \
            and not glossary.sections["organizations"].get(text[start: position], "").startswith("CPC"):
        level_key = text[start - 1: start + 1]
        if level_key not in glossary.sections["organizations"]:  # 市委 is a body, not a level
            start -= 1
    return start


def _title_after(text: str, position: int, glossary: Glossary) -> str | None:
    match = glossary.title_pattern.match(text, position)
    return match.group(0) if match else None


def _is_name_token(candidate: str) -> bool:
    """False where jieba reads the candidate as one common word that is not a name (关于, 安排)."""
    words = tag(candidate)
    if words[0].word == candidate:
        return words[0].flag.startswith("nr")
    return len(words[0].word) == 1 or words[0].flag.startswith("nr")


def _name_after(text: str, position: int, glossary: Glossary, jieba: list[Token]) -> str | None:
    """The Chinese personal name right after a title (a credit's role may stand one space before it)."""
    window = text[position: position + 11]
    if window.startswith(" ") and REPORTER_ROLE_END_RE.search(text[max(0, position - 5): position]):
        window = window[1:]
    if not window or window[0] in NAME_BREAK_CHARS:
        return None
    start = position + (len(text[position: position + 11]) - len(window))
    boundaries = {token.end - start for token in jieba if start < token.end <= start + len(window)}
    for length in (4, 3, 2):
        name = window[:length]
        if len(name) < length or not all("\u4e00" <= ch <= "\u9fff" and ch not in NAME_BREAK_CHARS for ch in name):
            continue
        if not is_chinese_name(name) or glossary.title_pattern.search(name) or _other_term(name, glossary):
            continue
        following = window[length: length + 1]
        at_break = not following or following in NAME_BREAK_CHARS or not "\u4e00" <= following <= "\u9fff"
        splits_a_word = any(token.start < start + length < token.end for token in jieba)  # 赵敏陪|同 of 陪同
        if ((at_break and not splits_a_word) or length in boundaries) and _is_name_token(name):
            return name
    return None


def _find_places(text: str, lac: list[Token], jieba: list[Token], glossary: Glossary) -> dict[tuple[int, int], Entity]:
    """Places by their (start, end) in the text: first the names the sources know, matched longest
    first inside the text (`秘鲁阿雷基帕市代表团`: Peru, then Arequipa), then the taggers' place
    words and words that end in an administrative unit where no known name stands, and dictionary
    places listed beside another place (`昆明和万象`)."""
    places = _gazetteer_places(text, lac, jieba, glossary)
    covered = {position for start, end in places for position in range(start, end)}
    pattern = glossary.organization_pattern
    bodies = [(match.start(), match.end()) for match in pattern.finditer(text)] if pattern else []
    candidates: dict[tuple[int, int], str] = {}
    lac_spans = {(token.start, token.end) for token in lac}
    function_words = {token.start for token in lac if token.tag in ("c", "p", "u", "d", "xc", "r", "w")}
    for token in lac + jieba:
        word = token.word
        if len(word) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
            continue
        if covered & set(range(token.start, token.end)):
            continue  # a known place inside it, or a word across one, is read by the gazetteer
        if any(start <= token.start and token.end <= end and end - start > len(word) for start, end in bodies):
            continue  # 上海 of 上海合作组织: the body's name
        if (token.start, token.end) not in lac_spans and token.start in function_words:
            continue  # jieba's word where LAC reads a function word (`和县` in `市派和县派`)
        has_unit = any(word.endswith(unit) for unit in PLACE_UNITS) and token.tag in ("LOC", "ORG", "n", "nz", "nr", "ns")
        tagged = token.tag == "LOC" or (token.tag.startswith("ns") and not lexicon.is_common_word(word))
        if tagged or has_unit or word in glossary.places:
            candidates[(token.start, token.end)] = word
    for (start, end), word in sorted(candidates.items()):
        english = _place_english(word, glossary)
        if english is None and len(word) <= 4 and in_place_context(text, start, end) and not lexicon.is_common_word(word):
            # 在梁城举行: a place no source knows; pinyin where it is Chinese, to check where it is foreign
            english = (None, "unverified") if looks_transliterated(word) else (romanized(word), "pinyin")
        parts = _known_place_then_place(word, glossary) if english is None or english[1] == "pinyin" else []
        for (part_start, part_end), part in parts:
            places[(start + part_start, start + part_end)] = part
        if english is not None and not parts:
            places[(start, end)] = _as_settlement(text, start, Entity(word, english[0], PLACE, english[1]))
    for token in jieba:
        span = (token.start, token.end)
        if span in places or len(token.word) < 2 or glossary.lookup(token.word):
            continue
        beside = any(text[end: token.start] in _LIST_JOINERS or text[token.end: start] in _LIST_JOINERS
                     for start, end in places)
        known = lexicon.place_name(token.word) if beside else None
        if known:
            places[span] = Entity(token.word, known.en, PLACE, known.source)
    return places


_PLACE_CONTEXT_AFTER = ("访问", "举行", "举办", "考察", "调研", "召开", "开幕", "参观", "落户", "投资", "市委", "市政府",
                        "县委", "县政府")


def in_place_context(text: str, start: int, end: int) -> bool:
    """A word where a place stands: after going to or being in (来, 赴, 在) and before a visit or an
    event (访问, 举行), or before a town's party committee or government (X市委)."""
    return text[:start].endswith(_SETTLEMENT_BEFORE) and text.startswith(_PLACE_CONTEXT_AFTER, end) \
        or text.startswith(_PLACE_CONTEXT_AFTER[-4:], end)


_SETTLEMENT_BEFORE = ("来到", "到访", "抵达", "前往", "落户", "来", "到", "在", "赴", "于")
"""Words before a place that make it a town one goes to or is in, not a river or a mountain."""
_SETTLEMENT_AFTER = ("市", "经济技术开发区", "经济开发区", "开发区", "高新区", "新区", "日报", "晚报", "籍", "人民")
"""Words after a place that make it a town (东江经济技术开发区, 东江日报)."""


def _as_settlement(text: str, start: int, entity: Entity) -> Entity:
    """A river's or a lake's name used for the town of that name (来到东江: the city of Dongjiang,
    as the Dongjiang Daily names its own city) is the town's name in pinyin."""
    after = text[start + len(entity.zh):]
    settlement = text[:start].endswith(_SETTLEMENT_BEFORE) or after.startswith(_SETTLEMENT_AFTER)
    if entity.en and lexicon.is_natural_feature(entity.en) and settlement and is_romanizable_place(entity.zh):
        return Entity(entity.zh, romanized(entity.zh), PLACE, "pinyin")
    return entity


def is_romanizable_place(zh: str) -> bool:
    """A Chinese name (not a transliteration), so that its pinyin is its English."""
    known = lexicon.place_name(zh)
    return not (known and known.foreign) and not looks_transliterated(zh)


_UNITS_AFTER_KNOWN = ("特别行政区", "自治区", "自治州", "边疆区", "市", "州", "省", "县", "府", "道", "都", "邦")
"""Units that may follow a known name (`汉堡市`, `莫斯科州`, `大阪府`): the unit is part of the place."""


def _gazetteer_places(text: str, lac: list[Token], jieba: list[Token],
                      glossary: Glossary) -> dict[tuple[int, int], Entity]:
    """Known place names inside the text, longest first at each position, where the text does not
    make them part of a longer word. A known place may run straight into the next one (哥伦比亚波哥大),
    into its unit, or into an organisation (首尔市政府); a name no source knows, written in the
    transliteration characters right after a foreign country and before a unit (秘鲁阿雷基帕市),
    is a place to check."""
    gazetteer = lexicon.gazetteer()
    divisions = lexicon.chinese_divisions()
    known = set(glossary.places) | set(gazetteer) | divisions
    longest = max(map(len, known), default=0)
    boundaries = {token.start for token in lac + jieba} | {token.end for token in lac + jieba} | {0, len(text)}
    tagged_places = {(token.start, token.end) for token in lac + jieba if token.tag in ("LOC", "ns")}
    token_spans = {(token.start, token.end) for token in lac + jieba}
    function_words = {token.start for token in lac if token.tag in ("c", "p", "u", "d", "xc", "r", "w")}
    organizations = glossary.organization_pattern

    def all_known_at(position: int) -> list[str]:
        """The known names that start at `position`, longest first."""
        return [text[position: position + length] for length in range(min(longest, len(text) - position), 1, -1)
                if text[position: position + length] in known]

    def known_at(position: int) -> str | None:
        names = all_known_at(position)
        return names[0] if names else None

    def accepted_span(word: str, position: int, previous_end: int, after_country: bool) -> int | None:
        """Where a known name found at `position` ends, with its unit; None where the text makes
        it part of a longer word."""
        if not is_place_word(word, position, after_country, chained=position == previous_end):
            return None
        end = position + len(word)
        foreign = _is_foreign_place(word, glossary)
        starts_well = position in boundaries or position == previous_end
        unit = next((u for u in _UNITS_AFTER_KNOWN if text.startswith(u, end)), None)
        if unit and glossary.title_pattern.match(text, end):
            unit = None  # 巴黎市长, 纽约州州长: the unit begins a title
        organization_after = bool(organizations and organizations.match(text, end))
        unit_then_body = bool(organizations and unit and organizations.match(text, end + len(unit)))
        if unit and not organization_after and not (unit_then_body and not foreign and word + unit not in divisions) \
                and (foreign or word + unit in divisions or end + len(unit) in boundaries):
            end += len(unit)
        ends_well = (end in boundaries or end != position + len(word) or organization_after
                     or known_at(end) is not None or foreign)
        return end if starts_well and ends_well else None

    def is_place_word(word: str, start: int, after_country: bool, chained: bool = False) -> bool:
        if len(word) == 2 and not chained and (start in function_words or (
                word[1] in PLACE_UNITS and (start, start + 2) not in token_spans)):
            return False  # 和县 of 市派和县派: a one-character name and its unit must be a word of its own
        if word in glossary.places or word in divisions:
            return True
        if glossary.lookup(word) is not None:
            return False  # a title, a body or a term, not a place
        if after_country:
            return True  # 老挝万象: a country's name right before it makes it a place
        end = start + len(word)
        if not looks_transliterated(word) and not lexicon.is_country(word) and _is_foreign_place(word, glossary) \
                and (start, end) not in tagged_places and not text.startswith(_UNITS_AFTER_KNOWN, end):
            return False  # a foreign name in ordinary characters (老街 of 老街巷, 金边 of 镶金边) needs a sign
        if lexicon.is_common_word(word) and (start, start + len(word)) not in tagged_places:
            return False  # 和平, 长安: a word before it is a place
        return not any(lexicon.is_common_word(text[start: start + len(word) + extra]) for extra in (1, 2))

    spans: list[tuple[int, int, str]] = []
    position = 0
    while position < len(text):
        words = all_known_at(position) if "\u4e00" <= text[position] <= "\u9fff" else []
        previous_end = spans[-1][1] if spans else -1
        after_country = previous_end == position and _is_country(spans[-1][2], glossary)
        body = organizations.match(text, position) if organizations and words else None
        if body and body.end() > position + len(words[0]):
            position = body.end()  # 上海合作组织: a body whose name holds a place is the body
            continue
        end = next((end for end in (accepted_span(word, position, previous_end, after_country) for word in words)
                    if end is not None), None)
        if end is not None:
            spans.append((position, end, text[position:end]))
            position = end
            continue
        if after_country:
            unit_word = next((token.word for token in lac + jieba if token.start == position
                              and 3 <= len(token.word) <= 7 and token.word.endswith(_UNITS_AFTER_KNOWN)
                              and not lexicon.is_common_word(token.word) and not glossary.title_pattern.search(token.word)
                              and glossary.lookup(token.word) is None), None)
            unknown = re.match(rf"[{''.join(sorted(TRANSLITERATION_CHARS))}]{{2,6}}(?=[市州省县城])", text[position:]) \
                or _unknown_unit_place(text, position, glossary)
            if unit_word or unknown:
                end = position + (len(unit_word) if unit_word else len(unknown.group(0)) + 1 if unknown else 0)
                spans.append((position, end, text[position:end]))
                position = end
                continue
        position += 1
    places: dict[tuple[int, int], Entity] = {}
    chain_country: str | None = None
    for index, (start, end, word) in enumerate(spans):
        chained = bool(index) and spans[index - 1][1] == start
        country = (_country_of(spans[index - 1][2], glossary) or chain_country) if chained else None
        chain_country = country
        english = _place_english(word, glossary, country)
        if english is None:
            if not (country and looks_transliterated(word)):
                continue
            english = (None, "unverified")
        places[(start, end)] = Entity(word, english[0], PLACE, english[1])
    return places


_UNKNOWN_UNIT_RE = re.compile(rf"[{CJK}]{{2,6}}?(?=[市州省县府道](?![{CJK}])|[市州省县府道](?:代表团|政府|议会|议员|市长|州长|知事|官员|代表|企业|商会))")


def _unknown_unit_place(text: str, position: int, glossary: Glossary) -> re.Match | None:
    """A name no source knows between a foreign country and a unit (越南海防市代表团): a place to check.
    The unit must end a word or stand before a body or an office; the name with its unit may be no
    common word and hold no title (总统府 is a palace)."""
    match = _UNKNOWN_UNIT_RE.match(text, position)
    if not match:
        return None
    with_unit = text[position: match.end() + 1]
    if lexicon.is_common_word(with_unit) or glossary.title_pattern.search(with_unit) \
            or glossary.lookup(with_unit) is not None:
        return None
    return match


def _is_country(zh: str, glossary: Glossary) -> bool:
    return zh in glossary.sections["countries"] or lexicon.is_country(zh)


def _is_foreign_place(zh: str, glossary: Glossary) -> bool:
    """A place outside China as the sources know it: not one of China's divisions, and either a
    country other than China or a name whose English is no romanisation of its Chinese."""
    if zh in lexicon.chinese_divisions() or zh in ("中国", "台湾", "香港", "澳门"):
        return False
    if _is_country(zh, glossary):
        return True
    known = lexicon.gazetteer().get(zh)
    return bool(known and known.foreign and known.source != lexicon.CLDR) or bool(
        known and known.source == lexicon.CLDR and lexicon.place_country(zh) not in (None, "China"))


def _country_of(zh: str, glossary: Glossary) -> str | None:
    """The country a place names or lies in, by CLDR's English name (日本 -> Japan)."""
    if zh in ("中国", "台湾", "香港", "澳门"):
        return None
    if lexicon.is_country(zh):
        return lexicon.place_country(zh)
    if zh in glossary.sections["countries"]:
        return glossary.sections["countries"][zh].removeprefix("the ")
    return lexicon.place_country(zh) if _is_foreign_place(zh, glossary) else None


def _known_place_then_place(word: str, glossary: Glossary) -> list[tuple[tuple[int, int], Entity]]:
    """A tagger's place word that is two places run together (`上海浦东新区`), or a place and
    a glossary term (`济宁高新区`: the place; the organisation finder takes the rest)."""
    for cut in range(len(word) - 2, 1, -1):
        head = _place_english(word[:cut], glossary)
        if not head or not head[0] or head[1] == "pinyin":
            continue
        first = ((0, cut), Entity(word[:cut], head[0], PLACE, head[1]))
        if glossary.lookup(word[cut:]):
            return [first]
        tail = _place_english(word[cut:], glossary)
        if tail and tail[0]:
            return [first, ((cut, len(word)), Entity(word[cut:], tail[0], PLACE, tail[1]))]
    return []


DELEGATIONS = {"代表团": "delegation", "考察团": "study delegation", "经贸代表团": "trade delegation",
               "商务代表团": "business delegation", "访问团": "delegation"}
"""A group that visits, named after where or whom it comes from (秘鲁阿雷基帕市代表团)."""


def _delegations(text: str, places: dict[tuple[int, int], Entity], organizations: list[Entity],
                 jieba: list[Token]) -> list[Entity]:
    """A delegation is an organisation: `the delegation from Arequipa, Peru` for 秘鲁阿雷基帕市代表团,
    `the delegation of the Baden-Württemberg Ministry of Economic Affairs` for a body's. Its English
    needs every part's: a part to check makes the delegation one to check."""
    starts = {token.start for token in jieba}
    spans = dict(places)
    for organization in organizations:
        for match in re.finditer(re.escape(organization.zh), text):
            spans[(match.start(), match.end())] = organization
    ending_at = {end: (start, entity) for (start, end), entity in sorted(spans.items(), key=lambda item: item[0][0],
                                                                         reverse=True)}
    found = []
    pattern = "|".join(sorted(map(re.escape, DELEGATIONS), key=len, reverse=True))
    for match in re.finditer(pattern, text):
        if match.start() not in starts and match.start() not in ending_at:
            continue
        parts: list[Entity] = []
        position = match.start()
        while position in ending_at:
            start, entity = ending_at[position]
            parts.insert(0, entity)
            position = start
        if not parts:
            continue
        kind = DELEGATIONS[match.group(0)]
        english = None
        names = [part.en for part in parts if part.en]
        if len(names) == len(parts):
            if parts[-1].type == ORGANIZATION:
                english = f"the {kind} of the {names[-1].removeprefix('the ')}"
            else:
                english = f"the {kind} from {', '.join(reversed(names))}"
        found.append(Entity(text[position: match.end()], english, ORGANIZATION, parts[-1].source if english else "unverified"))
    return found


_COORDINATE_BODY_PREFIXES = "市省县区国"
"""An organisation key starting with one of these names a body beside the one before it
(`市委市政府`: the committee and the government), not a part of it (`高新区党工委`)."""


def _find_organizations(text: str, places: dict[tuple[int, int], Entity], glossary: Glossary,
                        boundaries: set[int] | None = None) -> list[Entity]:
    """Runs of glossary organisations (`高新区党工委`), with the place written right before them.
    Given the taggers' word `boundaries`, a body's name inside a longer word is none (市委 of 超市委托,
    市政府 of 全市政府性债务)."""
    pattern = glossary.organization_pattern
    if pattern is None:
        return []
    place_ending_at = {end: (start, entity) for (start, end), entity in places.items()}

    def whole(match: re.Match) -> bool:
        if boundaries is None:
            return True
        start, end = match.start(), match.end()
        starts = start in boundaries or start in place_ending_at or not P.cjk_count(text[start - 1: start])
        ends = end in boundaries or not P.cjk_count(text[end: end + 1]) or bool(
            glossary.title_pattern.match(text, end) or pattern.match(text, end))
        return starts and ends

    runs: list[list[re.Match]] = []
    for match in filter(whole, pattern.finditer(text)):
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
