"""Places: found by matching the names CLDR, CC-CEDICT, China's divisions and the glossary know
inside the text, longest first, then by the taggers; written in English with their unit (a
foreign unit in its own country's English: 福井县 -> Fukui Prefecture)."""

from __future__ import annotations

import re

from summarizer import lexicon
from summarizer.names.glossary import Glossary
from summarizer.names.romanizing import (
    TRANSLITERATION_CHARS,
    join_syllables,
    looks_transliterated,
    pinyin_syllables,
    romanized,
)
from summarizer.patterns import CJK
from summarizer.records import PLACE, Entity
from summarizer.words import Token

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


def place_to_english(place: str, glossary: Glossary | None = None) -> str | None:
    """A place's English (`嘉祥县` -> `Jiaxiang County`, `济宁市` -> `Jining`), or None where no
    source knows a name that is not Chinese: it is then shown as written, never as pinyin."""
    found = place_english(place, glossary or Glossary())
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


def place_english(place: str, glossary: Glossary, country: str | None = None) -> tuple[str | None, str] | None:
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
    return f"{join_syllables(pinyin_syllables(stem))} {english_unit}".strip(), "pinyin"


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


def known_place_before(text: str, position: int, glossary: Glossary) -> int:
    """The length of a known place (and its unit) that ends at `position`: 济宁 of 济宁市商务局,
    汉堡市 of 汉堡市经济部; 0 where there is none."""
    known = lexicon.gazetteer()
    for length in range(min(8, position), 1, -1):
        word = text[position - length: position]
        stem = word[:-1] if word[-1] in "市省县州区" else word
        if (len(stem) >= 2 and (stem in glossary.places or stem in known or stem in lexicon.chinese_divisions())
                and (word in glossary.places or glossary.lookup(word) is None) and place_english(word, glossary)):
            return length
    return 0


LIST_JOINERS = ("、", "和", "与", "及", "，")


def find_places(text: str, lac: list[Token], jieba: list[Token], glossary: Glossary) -> dict[tuple[int, int], Entity]:
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
        english = place_english(word, glossary)
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
        beside = any(text[end: token.start] in LIST_JOINERS or text[token.end: start] in LIST_JOINERS
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
        foreign = is_foreign_place(word, glossary)
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
        if not looks_transliterated(word) and not lexicon.is_country(word) and is_foreign_place(word, glossary) \
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
        english = place_english(word, glossary, country)
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


def is_foreign_place(zh: str, glossary: Glossary) -> bool:
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
    return lexicon.place_country(zh) if is_foreign_place(zh, glossary) else None


def _known_place_then_place(word: str, glossary: Glossary) -> list[tuple[tuple[int, int], Entity]]:
    """A tagger's place word that is two places run together (`上海浦东新区`), or a place and
    a glossary term (`济宁高新区`: the place; the organisation finder takes the rest)."""
    for cut in range(len(word) - 2, 1, -1):
        head = place_english(word[:cut], glossary)
        if not head or not head[0] or head[1] == "pinyin":
            continue
        first = ((0, cut), Entity(word[:cut], head[0], PLACE, head[1]))
        if glossary.lookup(word[cut:]):
            return [first]
        tail = place_english(word[cut:], glossary)
        if tail and tail[0]:
            return [first, ((cut, len(word)), Entity(word[cut:], tail[0], PLACE, tail[1]))]
    return []
