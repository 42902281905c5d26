"""Organisations: the glossary's bodies and bodies built on a place (市委, 外办), and delegations
named after where they come from (the delegation from Hamburg)."""

from __future__ import annotations

import re

from summarizer import patterns as P
from summarizer.names.glossary import Glossary
from summarizer.records import ORGANIZATION, Entity
from summarizer.words import Token

DELEGATIONS = {"代表团": "delegation", "考察团": "study delegation", "经贸代表团": "trade delegation",
               "商务代表团": "business delegation", "访问团": "delegation"}
"""A group that visits, named after where or whom it comes from (秘鲁阿雷基帕市代表团)."""


def find_delegations(text: str, places: dict[tuple[int, int], Entity], organizations: list[Entity],
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


def find_organizations(text: str, places: dict[tuple[int, int], Entity], glossary: Glossary,
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
