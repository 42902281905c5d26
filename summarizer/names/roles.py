"""Roles in English with the bodies written before the title (省委外办副主任 -> Deputy Director of
the Foreign Affairs Office of the CPC Provincial Committee)."""

from __future__ import annotations

import re

from summarizer import lexicon
from summarizer.names.glossary import Glossary
from summarizer.names.places import is_foreign_place, known_place_before, place_english

ROLE_PREFIXES = {"常务副": "Executive Deputy", "副": "Deputy", "代": "Acting", "首席": "Chief", "常务": "Executive",
                 "名誉": "Honorary", "执行": "Executive"}
"""Parts that make a role from another (`副` + `局长` -> Deputy Director)."""


_PLACE_UNIT_WORDS_RE = re.compile(r" (?:County|District|Province|City|Town|Township|Prefecture)$")


TITLES_BY_BODY = (
    ("Department", {"部长": "Head", "副部长": "Deputy Head", "常务副部长": "Executive Deputy Head"}),
    ("Standing Committee", {"主任": "Chairman", "副主任": "Vice Chairman", "常务副主任": "Executive Vice Chairman"}),
)
"""Titles whose English depends on the body: a party department's 部长 is its Head (a ministry's
is its Minister); a people's congress standing committee's 主任 is its Chairman."""



def places_at_start(role: str, glossary: Glossary) -> list[tuple[str, str]]:
    """The known places a role may start with, before a body (`济宁市商务局局长`), as (Chinese,
    English): a Chinese place without the level that its body takes (济宁 + 市商务局) first."""
    places = []
    for cut in range(min(8, len(role) - 2), 1, -1):
        if known_place_before(role, cut, glossary) == cut:
            english = place_english(role[:cut], glossary)
            if english and english[0]:
                places.append((role[:cut], english[0]))
    return sorted(places, key=lambda place: not (role[len(place[0])] in ORGANIZATION_LEVELS
                                                 and not is_foreign_place(place[0], glossary)))


ORGANIZATION_LEVELS = {"市": "Municipal", "省": "Provincial", "县": "County", "区": "District"}
"""The level of government written before a body (`市教育局` -> Municipal Education Bureau)."""


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
    for place_zh, place_en in places_at_start(role, glossary):
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
