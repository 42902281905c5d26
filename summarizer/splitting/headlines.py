"""A headline's parts (kicker, title, subtitle) and how much a heading's words overlap a body."""

from __future__ import annotations

from summarizer import patterns as P
from summarizer.splitting.units import SUBTITLE_DASHES
from summarizer.words import tag


def strip_decoration(line: str) -> str:
    """A banner's own words, without the decoration and the label repeated after it."""
    return P.DECORATION_RE.split(line)[0].strip()


def overlap(heading: str, body: str) -> float:
    """The share of the heading's character bigrams that occur in the body."""
    chars = [ch for ch in heading if "\u4e00" <= ch <= "\u9fff"]
    bigrams = {a + b for a, b in zip(chars, chars[1:])}
    if not bigrams:
        return 0.0
    return sum(1 for bigram in bigrams if bigram in body) / len(bigrams)


def parse_headline(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """(kicker, title, subtitle) from a heading group's lines; "\\n" marks a block break."""
    parts: list[str] = []
    open_part = False
    for line in lines:
        if line == "\n":
            open_part = False
            continue
        line = (strip_decoration(line) or line).lstrip(P.BYLINE_MARKERS + " ")
        if not line:
            continue  # a bare bullet or decoration: nothing of the headline
        if line.startswith(SUBTITLE_DASHES):
            parts.append(line)
            open_part = False
        elif open_part and not parts[-1].endswith(P.KICKER_ENDS + P.SPEECH_VERBS) and lines_continue_title(parts[-1], line):
            parts[-1] += line
        else:
            parts.append(line)
            open_part = True
    dashed = [p for p in parts if p.startswith(SUBTITLE_DASHES)]
    plain = [p for p in parts if not p.startswith(SUBTITLE_DASHES)]
    if dashed:
        subtitle = dashed[0]
        if len(plain) >= 2:
            return plain[0], " ".join(plain[1:]), subtitle
        return None, (plain[0] if plain else None), subtitle
    if not plain:
        return None, None, None
    if len(plain) == 1:
        return None, plain[0], None
    if len(plain) == 2:
        first, second = plain
        if first in P.COLUMN_LABELS or first.endswith(P.KICKER_ENDS + P.SPEECH_VERBS):
            return first, second, None
        if " " in first and " " not in second:
            return first, second, None  # two phrases over one (`稳外贸 促增长` / `多国出台…`): a kicker
        if len(second) >= 2 * len(first):
            return None, first, second
        return first, second, None
    return plain[0], " ".join(plain[1:-1]), plain[-1]


def lines_continue_title(first: str, second: str) -> bool:
    """Whether a heading's second line goes on with the first (one wrapped title) or is a part of its own."""
    if first.count("“") > first.count("”") or first.count("《") > first.count("》"):
        return True  # a quotation or a title wrapped over two lines
    if second.startswith("关于") and P.NOTICE_TITLE_RE.search(second):
        return False  # the issuing body over its notice's title
    if first[-1] in P.HEADLINE_JOINING_CHARS or second[0] in P.HEADLINE_JOINING_CHARS + "”》)）":
        return True
    if any(second.startswith(verb) for verb in P.HEADLINE_VERBS) and any(
        first.startswith(verb) for verb in P.HEADLINE_VERBS
    ):
        return False  # two verb phrases (`部署推进…建设` / `研究…措施`): two parts, whatever the first ends with
    if first[0] in P.PREPOSITIONS or any(first.endswith(verb) for verb in P.HEADLINE_VERBS):
        return True
    if " " in first or " " in second:
        return False  # a line of two phrases (`王建国讲话 李红梅主持`) is a headline part of its own
    if len(first) >= len(second) and not (
        any(first.startswith(verb) for verb in P.HEADLINE_VERBS) or tag(first)[0].flag == "v"
    ):
        return True  # a kicker is shorter than its title: a first line as long breaks inside the title
    flags = [token.flag for token in tag(first)]
    if ("v" not in flags and not any(first.startswith(verb) for verb in P.HEADLINE_VERBS)
            and flags[-1] in SUBJECT_END_FLAGS):
        return True  # a subject with no verb (`市委书记张三` / `调研…`): the title goes on below
    if first.endswith(OBJECT_AWAITING_VERBS):
        return True  # `我市召开` / `优化营商环境大会`: the verb's object is on the next line
    if any(second.startswith(verb) for verb in P.HEADLINE_VERBS) or tag(second)[0].flag == "v":
        return False
    return len(first) >= len(second)  # a wrapped title fills its first line; a shorter one ended a phrase


OBJECT_AWAITING_VERBS = ("召开", "举办", "设立", "成立", "建成", "打响", "吹响")
"""Verbs that, ending a headline's first line, await their object on the next (`我市召开` / `…大会`)."""


SUBJECT_END_FLAGS = ("n", "nr", "nt", "nz", "r", "f")
"""Word classes (jieba's) that end a bare subject: a person, a body, a place word, a pronoun."""
