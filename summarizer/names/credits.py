"""Bylines, datelines and end credits in English, with the reporters they name.

`■本报记者 刘传伏 王汝雅 本报通讯员 吴丛` -> `By Liu Chuanfu and Wang Ruya, staff reporters; Wu Cong,
correspondent`; `本报济宁12月3日讯（记者 郝明雷）` -> `JINING, Dec. 3 — Hao Minglei, reporter`;
`新华社北京5月6日电（记者 李四）` -> `BEIJING, May 6 (Xinhua) — Li Si, reporter`. The roles and
outlets come from the glossary; the places from the names module's sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer import lexicon
from summarizer import patterns as P
from summarizer.names.glossary import Glossary
from summarizer.names.places import place_to_english
from summarizer.names.roles import role_to_english
from summarizer.names.romanizing import is_chinese_name, looks_transliterated, person_to_english, romanized
from summarizer.records import PERSON, Bilingual, Entity
from summarizer.words import lac_tokens

STAFF_OUTLETS = ("本报", "本刊", "晚报", "本台")
"""The paper itself: its reporters are staff reporters."""
STAFF_ROLES = ("记者", "评论员", "摄影记者", "首席记者")
"""Roles that a staff outlet makes `staff …` (a correspondent is not on the staff)."""
MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
"""Month names as wire datelines write them."""

_CREDIT_TOKEN_RE = re.compile(rf"(?P<outlet>{P.OUTLET})?(?P<role>{P.REPORTER_ROLE})|(?P<name>[{P.CJK}·]+)")


@dataclass
class CreditGroup:
    """One role in a credit and the people who hold it (`本报记者 刘传伏 王汝雅`)."""

    outlet: str | None
    role: str
    names: list[str] = field(default_factory=list)


@dataclass
class Credit:
    """A byline or dateline: its English and the reporters it names."""

    line: Bilingual
    reporters: list[Entity]


def parse_groups(text: str) -> list[CreditGroup]:
    """The roles and names of a credit (`■本报记者 张三 本报通讯员 李四` -> two groups)."""
    text = re.sub(r"^[" + P.BYLINE_MARKERS + r"\s]+|[（）()]", " ", text)
    text = re.sub(r"(?:文/图|图/文|文图|文|图)\s*[/／:：]\s*", " ", text)
    text = re.sub(r"[:：]", " ", text)
    groups: list[CreditGroup] = []
    for match in _CREDIT_TOKEN_RE.finditer(text):
        if match.group("role"):
            groups.append(CreditGroup(match.group("outlet"), match.group("role")))
        elif groups and match.group("name") not in ("摄", "报道", "供图"):
            groups[-1].names.extend(split_names(match.group("name")))
    return groups


def split_names(run: str) -> list[str]:
    """A run of names printed without a space (`李超张培龙` -> 李超, 张培龙), by the tagger, else
    by the cut that makes every part a name."""
    if "·" in run or len(run) <= 3 or (len(run) == 4 and is_chinese_name(run)):
        return [run]
    people = [token.word for token in lac_tokens(run) if token.tag == "PER"]
    if "".join(people) == run and all(is_chinese_name(name) for name in people):
        return people
    for first in (3, 2):
        if is_chinese_name(run[:first]) and all(is_chinese_name(part) for part in split_names(run[first:])):
            return [run[:first], *split_names(run[first:])]
    return [run]


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _plural(role: str, count: int) -> str:
    if count == 1:
        return role
    return role[:-1] + "ies" if role.endswith("y") and role[-2:-1] not in "aeiou" else role + "s"


def _role_english(group: CreditGroup, glossary: Glossary) -> str:
    role = (role_to_english(group.role, glossary) or "reporter").lower()
    if group.outlet in STAFF_OUTLETS and group.role in STAFF_ROLES:
        role = f"staff {role}"
    elif group.outlet and group.outlet not in STAFF_OUTLETS:
        role = f"{_outlet_english(group.outlet, glossary)} {role}"
    return role


def _outlet_english(outlet: str, glossary: Glossary) -> str:
    """`新华社` -> `Xinhua`, as datelines name the agency."""
    english = glossary.sections["organizations"].get(outlet) or paper_to_english(outlet, glossary) or outlet
    return english.removesuffix(" News Agency")


def paper_to_english(paper: str, glossary: Glossary) -> str | None:
    """A paper's English name: the glossary's, the dictionary's, or its place plus its kind of
    paper (`济宁日报` -> Jining Daily); None where no source knows its place."""
    if paper in glossary.sections["organizations"]:
        return glossary.sections["organizations"][paper]
    known = lexicon.proper_noun(paper)
    if known:
        return known.en
    for suffix, english in PAPER_KINDS.items():
        stem = paper.removesuffix(suffix)
        if stem != paper and stem:
            city = city_name(stem, glossary)
            return f"{city} {english}" if city else None
    return None


def city_name(zh: str, glossary: Glossary) -> str | None:
    """The city a paper or a dateline names: a Chinese name is its romanisation, whatever else the
    dictionary says it names (东江日报 is the Dongjiang Daily, not the Dongjiang River Daily)."""
    place = lexicon.place_name(zh)
    if place and not place.foreign and zh not in glossary.places:
        return romanized(zh)
    return place_to_english(zh, glossary)


PAPER_KINDS = {"都市报": "Metropolis Daily", "日报": "Daily", "晚报": "Evening News", "早报": "Morning Post",
               "时报": "Times", "商报": "Business Daily", "报": "News"}


NAME_TO_CHECK = "[name to check]"
"""Stands in the English line for a name written with `·` (a minority or foreign name) that no
source renders; the Chinese follows in brackets, and the name is listed under Names to check."""
STAFF_REPORT = "Staff report"
"""The English of a dateline that names only the paper itself (`本报讯`)."""


def _group_english(group: CreditGroup, glossary: Glossary) -> str:
    role = _role_english(group, glossary)
    if not group.names:
        return role[:1].upper() + role[1:]
    english = [person_to_english(name) if "·" not in name else f"{NAME_TO_CHECK} ({name})" for name in group.names]
    return f"{_join(english)}, {_plural(role, len(english))}"


def _reporters(groups: list[CreditGroup], glossary: Glossary) -> list[Entity]:
    return [Entity(name, person_to_english(name) if "·" not in name else None, PERSON,
                   "pinyin" if "·" not in name else "unverified", group.role, role_to_english(group.role, glossary),
                   credit=True)
            for group in groups for name in group.names]


_OUTLET_ONLY_RE = re.compile(rf"^[【（(\s]*据?\s*(?P<outlet>{P.OUTLET}|央视新闻|{'|'.join(P.WIRE_OUTLETS)})"
                             r"(?P<kind>综合|讯|电|消息|报道)?")


def _outlet_only(line: str, glossary: Glossary) -> str:
    """A credit that names only an outlet: `Staff report` for 本报讯, `Compiled by staff` for
    本报综合, the outlet's English for 据新华社, `Jining Daily report` for 济宁日报讯; the English of
    a wire outlet named anywhere in it; else nothing."""
    match = _OUTLET_ONLY_RE.match(line)
    outlet = match.group("outlet") if match else next((o for o in P.WIRE_OUTLETS if o in line), None)
    if outlet is None:
        return ""
    kind = match.group("kind") if match else None
    if outlet in STAFF_OUTLETS:
        return "Compiled by staff" if kind == "综合" else STAFF_REPORT
    english = _outlet_english(outlet, glossary)
    if english == outlet:
        return ""
    if kind == "综合":
        return f"Compiled from {english}"
    return f"{english} report" if kind == "讯" else english


_CREDIT_ACT_RE = re.compile(r"\s*(拍摄|摄|整理|供图)\s*(?=[）)]?\s*$)")
CREDIT_ACTS = {"摄": "Photo by", "拍摄": "Photo by", "供图": "Photo by", "整理": "Compiled by"}
"""What a credit's closing word says the people did; a plain byline is "By"."""


def byline_credit(byline: str, glossary: Glossary) -> Credit:
    """A byline or end credit in English: `By Liu Chuanfu and Wang Ruya, staff reporters; …`,
    `Photo by Zhang San, staff reporter` (…摄), `Compiled by Li Si, staff reporter` (…整理)."""
    act = _CREDIT_ACT_RE.search(byline)
    groups = parse_groups(byline[: act.start()] + byline[act.end():] if act else byline)
    if not groups:
        return Credit(Bilingual(byline, _outlet_only(byline, glossary)), [])
    parts = [_group_english(group, glossary) for group in groups]
    english = "; ".join(parts)
    if any(group.names for group in groups):
        photographer = any(group.role.startswith("摄影") for group in groups)
        lead = CREDIT_ACTS[act.group(1)] if act else ("Photo by" if photographer else "By")
        english = f"{lead} {english}"
    return Credit(Bilingual(byline, english), _reporters(groups, glossary))


def dateline_credit(dateline: str, glossary: Glossary) -> Credit:
    """A dateline in English: `JINING, Dec. 3 — Hao Minglei, reporter`, `BEIJING, May 6 (Xinhua) — …`."""
    match = P.DATELINE_RE.match(dateline)
    if not match:
        return byline_credit(dateline, glossary)
    outlet = match.group("outlet")
    head = []
    place = match.group("place")
    if place:
        city = city_name(place, glossary) or (romanized(place) if not looks_transliterated(place) else None)
        if city:
            head.append(city.upper())
    month_day = P.dateline_month_day(dateline)
    if month_day:
        head.append(f"{MONTHS[month_day[0] - 1]} {month_day[1]}")
    english = ", ".join(head)
    if outlet not in STAFF_OUTLETS:
        wire = _outlet_english(outlet, glossary)
        english = f"{english} ({wire})" if english else wire
    groups = parse_groups(match.group("credit") or dateline[match.end():])
    if groups:
        credit = "; ".join(_group_english(group, glossary) for group in groups)
        english = f"{english} — {credit}" if english else credit
    if not english.strip() and outlet in STAFF_OUTLETS:
        english = STAFF_REPORT
    return Credit(Bilingual(dateline, english.strip()), _reporters(groups, glossary))
