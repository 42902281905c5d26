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

from summarizer.names.glossary import Glossary
from summarizer.names.organizations import find_delegations, find_organizations
from summarizer.names.people import dotted_names, find_people, foreign_person, honorifics, person_entity, title_before
from summarizer.names.places import find_places, in_place_context
from summarizer.names.romanizing import HONORIFIC, is_chinese_name, looks_transliterated
from summarizer.records import PERSON, PLACE, Entity
from summarizer.words import jieba_tokens, lac_tokens

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
    for honorific in honorifics(text, lac, jieba):
        add(honorific)
    for name, start in dotted_names(text, lac):
        add(foreign_person(name, glossary, title_before(text, start, glossary)))
    for name, role in find_people(text, lac, jieba, glossary):
        add(person_entity(name, glossary, role))
    for token in lac:
        if token.tag == "PER" and len(token.word) >= 3 and not is_chinese_name(token.word) \
                and "·" not in token.word and looks_transliterated(token.word):
            if in_place_context(text, token.start, token.end):  # 赴阿雷基帕访问: a place to check
                add(Entity(token.word, None, PLACE, "unverified"))
            else:
                add(foreign_person(token.word, glossary, title_before(text, token.start, glossary)))
    edges = {token.start for token in lac + jieba} | {token.end for token in lac + jieba} | {0, len(text)}
    for zh in sorted(glossary.sections["people"], key=len, reverse=True):
        if any(match.start() in edges and match.end() in edges for match in re.finditer(re.escape(zh), text)):
            add(Entity(zh, glossary.sections["people"][zh], PERSON, "glossary"))  # as a word: not 李强 of 李强国
    places = find_places(text, lac, jieba, glossary)
    for place in places.values():
        add(place)
    organizations = find_organizations(text, places, glossary, edges)
    for organization in organizations:
        add(organization)
    delegations = find_delegations(text, places, organizations, jieba)
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
