"""zh→en translation that keeps names and glossary terms as the glossary and pinyin rules say.

opus-mt translates sentences: whole texts make it repeat itself or drop parts. So texts are cut
into sentences (long ones at commas), identical sentences are translated once, and all of a
batch's sentences go through the model together. The article's names (found by the names step)
and the glossary's terms are replaced by their English before translation (the model copies Latin
text through) and put back in their exact form afterwards, so the model cannot mangle them; only
whole words are replaced, never a title or term inside a longer word (代表 in 代表团).

An instruct LLM translates whole texts, with context, and is told each name's English in its
prompt instead; its output is checked for those names in the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer import patterns as P
from summarizer.backends.base import ModelBackend
from summarizer.backends.specs import ModelSpec
from summarizer.names.glossary import Glossary
from summarizer.records import UNTRANSLATED, Entity
from summarizer.runtime import Runtime
from summarizer.stages.model_stage import ModelStage
from summarizer.words import jieba_tokens, lac_tokens


@dataclass
class Translation:
    text: str
    problems: list[str] = field(default_factory=list)


class Translator(ModelStage):
    """zh→en (its model loads on first use: see ModelStage)."""

    def __init__(self, spec: ModelSpec, glossary: Glossary, backend: ModelBackend | None = None,
                 runtime: Runtime | None = None):
        super().__init__(spec, glossary, backend, runtime)
        self.batch_size = 2 * self.runtime.batch_size
        """Sentences per model batch: a brief's headline and summary make several."""

    def translate(self, texts: list[str], entities: list[list[Entity]] | None = None) -> list[Translation]:
        """English for each text; entities (per text) add the article's names to the glossary's terms."""
        entities = entities or [[] for _ in texts]
        if self.spec.is_instruct:
            return self._translate_passages(texts, entities)
        protected = [protect(text, self.glossary, found) for text, found in zip(texts, entities)]
        pieces = [self._sentences(text) for text, _ in protected]
        unique = list(dict.fromkeys(piece for text_pieces in pieces for piece in text_pieces if _needs_model(piece)))
        translated = dict(zip(unique, self.backend.generate(unique, self.batch_size))) if unique else {}
        results = []
        for text, found, (_, renderings), text_pieces in zip(texts, entities, protected, pieces):
            outputs = [clean_translation(translated.get(piece, piece), piece) for piece in text_pieces]
            english, dropped = restore(_tidy(" ".join(outputs).translate(_ASCII_PUNCTUATION)), renderings)
            english = re.sub(rf"(?:{re.escape(UNTRANSLATED)}\s*)+", UNTRANSLATED + " ", english).strip()
            if UNTRANSLATED in outputs:
                untranslated = outputs.count(UNTRANSLATED)
                dropped = [f"{untranslated} of {len(outputs)} sentences got no usable translation"]
            results.append(_checked(text, Translation(english, dropped), found))
        return results

    def _translate_passages(self, texts: list[str], entities: list[list[Entity]]) -> list[Translation]:
        """Each distinct text whole, its names and terms in the prompt; the output checked as any."""
        renderings = [renderings_for(text, self.glossary, found) for text, found in zip(texts, entities)]
        unique: dict[str, dict[str, str | None]] = {
            text: dict(terms) for text, terms in zip(texts, renderings) if _needs_model(text)}
        outputs = self.backend.generate(list(unique), self.batch_size, list(unique.values())) if unique else []
        translated = dict(zip(unique, outputs))
        results = []
        for text, found, terms in zip(texts, entities, renderings):
            output = clean_translation(translated[text], text) if text in translated else text
            if output == UNTRANSLATED:
                results.append(Translation(UNTRANSLATED, ["the model gave no usable English translation"]))
                continue
            length = _length_problem(text, output)
            if length:
                results.append(Translation(UNTRANSLATED, [length]))
                continue
            english, dropped = restore(_tidy(output.translate(_ASCII_PUNCTUATION)), terms)
            results.append(_checked(text, Translation(english, dropped), found))
        return results

    def _sentences(self, text: str) -> list[str]:
        budget = self.spec.max_input_tokens - 2
        pieces = []
        for sentence in P.split_sentences(text) or [text]:
            if self.backend.count_tokens(sentence) <= budget:
                pieces.append(sentence)
            else:
                pieces.extend(P.split_clauses(sentence))
        return pieces


_ZH_NUMBER_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)?(月)?")
_EN_NUMBER_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|bn)?", re.IGNORECASE)
_ZH_SCALE = {"万": 10_000, "亿": 100_000_000}
_EN_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000}
_CHINESE_NUMERALS_RE = re.compile(r"[零一二三四五六七八九十百千两]")


def number_problems(chinese: str, english: str) -> list[str]:
    """Numbers that a translation lost or made up: every figure of the Chinese (a month may become
    its name) is in the English, as written or rescaled (3000万 = 30 million), and the English has
    no figure the Chinese lacks (checked only where the Chinese writes no number in characters)."""
    if UNTRANSLATED in english:
        return []
    required: set[float] = set()
    allowed: set[float] = set()
    for match in _ZH_NUMBER_RE.finditer(P.half_width_numbers(chinese).replace("％", "%")):
        value = float(match.group(1))
        scaled = round(value * _ZH_SCALE.get(match.group(2) or "", 1), 6)
        allowed |= {value, scaled}
        if not match.group(3):
            required.add(scaled)
    found: set[float] = set()
    for match in _EN_NUMBER_RE.finditer(re.sub(r"(?<=\d),(?=\d{3})", "", P.half_width_numbers(english))):
        value = float(match.group(1))
        found |= {value, round(value * _EN_SCALE.get((match.group(2) or "").lower(), 1), 6)}
    problems = [f"the number {value:g} is missing from the English" for value in sorted(required - found)]
    if not _CHINESE_NUMERALS_RE.search(chinese):
        problems += [f"the English has a number, {value:g}, that the Chinese does not"
                     for value in sorted(found - allowed) if not any(round(value * scale, 6) in allowed
                                                                      for scale in _EN_SCALE.values())]
    return problems


def _checked(chinese: str, translation: Translation, entities: list[Entity]) -> Translation:
    """The translation, or [untranslated] with the reason where it is not the Chinese in English:
    a figure lost or made up, or a person, place or body of the text left out."""
    names = {f"the translation left out {entity.en}" for entity in entities if entity.en and not entity.credit}
    problems = number_problems(chinese, translation.text) + [p for p in translation.problems if p in names]
    if problems:
        return Translation(UNTRANSLATED, list(dict.fromkeys(translation.problems + problems)))
    return translation


def _length_problem(chinese: str, english: str) -> str | None:
    """Why a whole-text translation cannot be the text in English by its length alone, or None."""
    characters = P.cjk_count(chinese)
    if characters < MIN_CHARACTERS_FOR_LENGTH:
        return None
    words = len(english.split())
    low, high = WORDS_PER_CHARACTER
    if words < low * characters:
        return "the model's translation is far shorter than the text"
    if words > high * characters:
        return "the model's translation is far longer than the text"
    return None


WORDS_PER_CHARACTER = (0.25, 2.0)
"""English words per Chinese character that a whole-text translation may have. Hand-made
translations of the reference summaries run from 0.54 to 0.76 (tests/data/reference_translations.toml);
an answer cut off early or a bare "OK" falls far below, an answer that goes on about something
else far above."""
MIN_CHARACTERS_FOR_LENGTH = 20
"""Shorter texts (headlines) vary too much in length to be judged by it."""


def make_translator(spec: ModelSpec, glossary: Glossary, runtime: Runtime | None = None) -> Translator:
    return Translator(spec, glossary=glossary, runtime=runtime)


def renderings_for(text: str, glossary: Glossary, entities: list[Entity]) -> dict[str, str]:
    """Chinese -> English for the names and terms that occur in the text as words of their own:
    what an instruct model's prompt lists, and what `protect` puts in English."""
    return {zh: en for _, _, zh, en in _protected_spans(text, glossary, entities)}


def protect(text: str, glossary: Glossary, entities: list[Entity]) -> tuple[str, dict[str, str]]:
    """The text with the article's names (and a person's role beside the name) and the glossary's
    terms already in English, and those renderings. Only whole words are replaced: a title or term
    inside a longer word (代表 in 代表团, 市长 in 市长江路, 俄罗斯 in 白俄罗斯) is left as written."""
    spans = _protected_spans(text, glossary, entities)
    if not spans:
        return text, {}
    pieces, position, used = [], 0, {}
    for start, end, zh, en in spans:
        pieces += [text[position:start], f" {en} "]
        used[zh] = en
        position = end
    pieces.append(text[position:])
    return _tidy("".join(pieces)), used


_UNIT_AFTER_NAME = set("市州省县区道府都镇乡村")
"""A unit may follow a place the names step found (`阿雷基帕` in `阿雷基帕市`): still its own word."""


_BOUND_SUFFIXES = set("团会局办委部处厅院所站队组社馆节台路街")
"""Characters that make a longer word of the term before them (乡村振兴局, 友好城市团), though a
tagger may cut them off as words of their own."""


def _protected_spans(text: str, glossary: Glossary, entities: list[Entity]) -> list[tuple[int, int, str, str]]:
    """(start, end, Chinese, English) of what may be put in English, in text order, none overlapping:
    each entity's mentions and a person's role right beside the name, at the boundaries of either
    tagger's words; a glossary term where both taggers read it as a whole word. Longest first."""
    candidates: list[tuple[int, int, str, str, bool]] = []
    for entity in entities:
        if not entity.zh:
            continue
        for start in _occurrences(text, entity.zh):
            if entity.en:  # a name to check stays as written; its role is still English
                candidates.append((start, start + len(entity.zh), entity.zh, entity.en, False))
            role = entity.role_zh
            if role and entity.role_en and len(role) > 1:
                if text.startswith(role, start - len(role)) and start >= len(role):
                    candidates.append((start - len(role), start, role, entity.role_en, False))
                if text.startswith(role, start + len(entity.zh)):
                    end = start + len(entity.zh)
                    candidates.append((end, end + len(role), role, entity.role_en, False))
    for zh, en in glossary.sections["terms"].items():
        for start in _occurrences(text, zh):
            candidates.append((start, start + len(zh), zh, en, True))
    if not candidates:
        return []
    either, both = _word_boundaries(text)
    starts = {start for start, *_ in candidates}
    ends = {end for _, end, *_ in candidates}
    chosen: list[tuple[int, int, str, str]] = []
    taken: set[int] = set()
    for start, end, zh, en, is_term in sorted(candidates, key=lambda c: (c[1] - c[0], -c[0]), reverse=True):
        if taken & set(range(start, end)):
            continue
        if is_term:
            whole = (_edge(text, start, both) and _edge(text, end, both)
                     and not (P.cjk_count(zh) and text[end:end + 1] in _BOUND_SUFFIXES))
        else:
            whole = (_edge(text, start, either | ends) and
                     (_edge(text, end, either | starts) or text[end:end + 1] in _UNIT_AFTER_NAME))
        if whole:
            chosen.append((start, end, zh, en))
            taken.update(range(start, end))
    return sorted(chosen)


def _occurrences(text: str, word: str) -> list[int]:
    return [match.start() for match in re.finditer(re.escape(word), text)]


def _edge(text: str, position: int, boundaries: set[int]) -> bool:
    """Whether a word may start or end at `position`: a tagger's word boundary, or no letter of
    the same script on the other side."""
    if position in boundaries or position in (0, len(text)):
        return True
    before, after = text[position - 1], text[position]
    same_script = (P.cjk_count(before) and P.cjk_count(after)) or (before.isascii() and before.isalnum()
                                                                    and after.isascii() and after.isalnum())
    return not same_script


def _word_boundaries(text: str) -> tuple[set[int], set[int]]:
    """Positions where a word starts or ends: (by either tagger, by both)."""
    jieba = {token.end for token in jieba_tokens(text)} | {0}
    lac = {token.end for token in lac_tokens(text)} | {0}
    return jieba | lac, jieba & lac


def restore(english: str, renderings: dict[str, str]) -> tuple[str, list[str]]:
    """Put each protected rendering back in its exact form; report the ones the model dropped."""
    problems = []
    for rendering in sorted(set(renderings.values()), key=len, reverse=True):
        letters = re.sub(r"[\s\-‐']", "", rendering)
        loose = r"[\s\-‐']*".join(map(re.escape, letters))
        pattern = re.compile(rf"(?<![A-Za-z]){loose}(?![a-z])", re.IGNORECASE)
        if pattern.search(english):
            english = pattern.sub(rendering.replace("\\", r"\\"), english)
        else:
            problems.append(f"the translation left out {rendering}")
    return english, problems


_ASCII_PUNCTUATION = str.maketrans("。，、；：！？（）“”‘’", ".,,;:!?()\"\"''")


def _needs_model(piece: str) -> bool:
    return P.cjk_count(piece) > 0


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([,.;:!?，。；：！？、）”])", r"\1", text)


_REPEATED_WORDS_RE = re.compile(r"\b((?:\S+\s+){0,3}\S+?)(?:\s+\1\b){2,}", re.IGNORECASE)




def clean_translation(output: str, source: str) -> str:
    """A model's translation with runaway repetition collapsed and runaway length cut."""
    output = re.sub(r"\s+", " ", output or "").strip()
    if not output or P.cjk_count(output) > 0 or not re.search(r"[A-Za-z0-9]", output):
        return UNTRANSLATED
    output = _REPEATED_WORDS_RE.sub(r"\1", output)
    limit = 8 * len(source) + 40
    if len(output) > limit:
        output = output[:limit].rsplit(" ", 1)[0] + " …"
    return output
