"""zh→en translation that keeps names and glossary terms as the glossary and pinyin rules say.

opus-mt translates sentences: whole texts make it repeat itself or drop parts. So texts are cut
into sentences (long ones at commas), identical sentences are translated once, and all of a
batch's sentences go through the model together. Names and glossary terms are replaced by
their English before translation (the model copies Latin text through) and put back in their
exact form afterwards, so the model cannot mangle them.

An instruct LLM translates whole texts, with context, and is told each name's English in its
prompt instead; its output is checked for those names in the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer import patterns as P
from summarizer.backends.base import ModelBackend
from summarizer.backends.specs import ModelSpec
from summarizer.names.entities import Entity, Glossary
from summarizer.records import UNTRANSLATED
from summarizer.runtime import Runtime
from summarizer.stages.model_stage import ModelStage


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
        for (_, renderings), text_pieces in zip(protected, pieces):
            outputs = [clean_translation(translated.get(piece, piece), piece) for piece in text_pieces]
            english, dropped = restore(_tidy(" ".join(outputs).translate(_ASCII_PUNCTUATION)), renderings)
            english = re.sub(rf"(?:{re.escape(UNTRANSLATED)}\s*)+", UNTRANSLATED + " ", english).strip()
            if UNTRANSLATED in outputs:
                untranslated = outputs.count(UNTRANSLATED)
                dropped = [f"{untranslated} of {len(outputs)} sentences got no usable translation"]
            results.append(Translation(english, dropped))
        return results

    def _translate_passages(self, texts: list[str], entities: list[list[Entity]]) -> list[Translation]:
        """Each distinct text whole, its names and terms in the prompt; the output checked as any."""
        renderings = [renderings_for(text, self.glossary, found) for text, found in zip(texts, entities)]
        unique: dict[str, dict[str, str | None]] = {
            text: dict(terms) for text, terms in zip(texts, renderings) if _needs_model(text)}
        outputs = self.backend.generate(list(unique), self.batch_size, list(unique.values())) if unique else []
        translated = dict(zip(unique, outputs))
        results = []
        for text, terms in zip(texts, renderings):
            output = clean_translation(translated[text], text) if text in translated else text
            if output == UNTRANSLATED:
                results.append(Translation(UNTRANSLATED, ["the model gave no usable English translation"]))
                continue
            if len(output.split()) < MIN_WORDS_PER_CHARACTER * P.cjk_count(text):
                results.append(Translation(UNTRANSLATED, ["the model's translation is far shorter than the text"]))
                continue
            english, dropped = restore(_tidy(output.translate(_ASCII_PUNCTUATION)), terms)
            results.append(Translation(english, dropped))
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


MIN_WORDS_PER_CHARACTER = 1 / 8
"""The fewest English words per Chinese character an LLM's whole-text translation may have. News
English runs at about 0.6 words per character; an answer cut off early, or a bare "OK", falls far
below."""


def make_translator(spec: ModelSpec, glossary: Glossary, runtime: Runtime | None = None) -> Translator:
    return Translator(spec, glossary=glossary, runtime=runtime)


def renderings_for(text: str, glossary: Glossary, entities: list[Entity]) -> dict[str, str]:
    """Chinese -> English for every glossary term and named entity that occurs in the text."""
    renderings = {zh: en for zh, en in glossary.all_terms.items() if zh in text}
    for entity in entities:
        if entity.en and entity.zh in text:
            renderings[entity.zh] = entity.en
    return renderings


def protect(text: str, glossary: Glossary, entities: list[Entity]) -> tuple[str, dict[str, str]]:
    """The text with names and terms already in English (longest first), and those renderings."""
    renderings = renderings_for(text, glossary, entities)
    if not renderings:
        return text, {}
    pattern = re.compile("|".join(map(re.escape, sorted(renderings, key=len, reverse=True))))
    used: dict[str, str] = {}

    def replace(match: re.Match) -> str:
        used[match.group(0)] = renderings[match.group(0)]
        return f" {renderings[match.group(0)]} "

    return _tidy(pattern.sub(replace, text)), used


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
