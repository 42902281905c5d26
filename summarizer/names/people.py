"""People: found by the taggers and by what stands around a name (a title before or after it, a
speech verb, an enumeration with other people), with their roles."""

from __future__ import annotations

import re

from summarizer import lexicon
from summarizer.names.glossary import TITLE_SUFFIXES, Glossary
from summarizer.names.places import LIST_JOINERS, known_place_before
from summarizer.names.roles import ORGANIZATION_LEVELS, role_to_english
from summarizer.names.romanizing import (
    HONORIFIC,
    HONORIFIC_PREFIXES,
    HONORIFIC_RE,
    honorific_to_english,
    is_chinese_name,
    person_to_english,
)
from summarizer.patterns import CJK, REPORTER_ROLE_END_RE
from summarizer.records import PERSON, Entity
from summarizer.words import Token, tag

NAME_BREAK_CHARS = set("在说和与等一出致参表指强介主会同率带向对为的是也就到及、，。；：！？（）“”了将已先后又还均都")
"""Characters that end a name: a following word starts with one of them."""


SPEECH_VERBS = ("说", "表示", "介绍", "强调", "指出", "认为", "称", "坦言", "告诉", "希望", "建议", "透露", "提出",
                "要求", "说道", "回忆", "感慨", "主持", "出席", "参加", "会见", "带队", "致辞", "讲话")


def honorifics(text: str, lac: list[Token], jieba: list[Token]) -> list[Entity]:
    """People the paper names by surname and form of address; `老X`/`小X` only where a tagger
    reads it as a name (老区 and 小康 are no one)."""
    people = {token.start for token in lac if token.tag == "PER"} | {token.start for token in jieba
                                                                     if token.tag.startswith("nr")}
    boundaries = {token.start for token in lac + jieba}
    found = []
    for match in HONORIFIC_RE.finditer(text):
        for start in range(match.start(), match.end() - 1):
            name = text[start: match.end()]
            english = honorific_to_english(name)
            prefixed = name[0] in HONORIFIC_PREFIXES and len(name) == 2
            if english and start in boundaries and (not prefixed or start in people):
                found.append(Entity(name, english, PERSON, HONORIFIC))
                break
    return found


def person_entity(name: str, glossary: Glossary, role: str | None) -> Entity:
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


def foreign_person(name: str, glossary: Glossary, role: str | None) -> Entity:
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


def dotted_names(text: str, lac: list[Token]) -> list[tuple[str, int]]:
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


def find_people(text: str, lac: list[Token], jieba: list[Token], glossary: Glossary) -> list[tuple[str, str | None]]:
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
        before = title_before(text, start, glossary)
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


def _listed_beside(text: str, start: int, end: int, accepted: dict[tuple[int, str], str | None]) -> bool:
    """Whether a name is listed next to an accepted person (`赵丽娜、孙海涛`)."""
    for other_start, other in accepted:
        other_end = other_start + len(other)
        if text[end: other_start] in LIST_JOINERS or text[other_end: start] in LIST_JOINERS:
            return True
    return False


def _speech_follows(text: str, end: int) -> bool:
    return text.startswith(SPEECH_VERBS, end)


def title_before(text: str, position: int, glossary: Glossary) -> str | None:
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
    place = known_place_before(text, start, glossary) if start < position or text[start: start + 1] in \
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
