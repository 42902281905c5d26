"""Chinese summaries of articles: a neural model where it gives a sound summary, else extractive.

The model's output is checked (empty, repeated, far too short or long, not Chinese, numbers
or names that the article does not contain); an unsound summary is replaced by an extractive
one, and each summary records which method made it. Articles longer than the model's input
are summarized in chunks, then the chunk summaries are summarized again.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from summarizer import patterns as P
from summarizer.backends.base import ModelBackend
from summarizer.backends.prompting import SUMMARY_CHARS
from summarizer.backends.specs import ModelSpec
from summarizer.names.entities import MAX_NAMES_TEXT, find_entities
from summarizer.names.glossary import Glossary
from summarizer.names.places import PLACE_UNITS
from summarizer.records import PERSON, PLACE, Backend, Entity, LongArticles, Method, Task
from summarizer.runtime import Runtime
from summarizer.stages.model_stage import ModelStage
from summarizer.words import cut, jieba_tokens, lac_tokens

MAX_CHUNK_ROUNDS = 3


@dataclass
class Summary:
    text: str
    method: Method
    model: str
    problems: list[str] = field(default_factory=list)
    note: str | None = None
    """What the reader should know about how it was made (the model read only the lead)."""


class ArticleSummarizer:
    """Summarizes the body texts of articles in Chinese."""

    spec: ModelSpec

    def summarize(self, texts: list[str], entities: list[list[Entity]] | None = None) -> list[Summary]:
        """A summary per text; `entities` (per text, as the names module found them) let the
        checks tell a name the article gives from one the model made up."""
        raise NotImplementedError


class ExtractiveSummarizer(ArticleSummarizer):
    def __init__(self, spec: ModelSpec | None = None):
        self.spec = spec or ModelSpec(name=Backend.EXTRACTIVE, task=Task.SUMMARIZE, backend=Backend.EXTRACTIVE)

    def summarize(self, texts: list[str], entities: list[list[Entity]] | None = None) -> list[Summary]:
        return [Summary(extractive_summary(text), Method.EXTRACTIVE, self.spec.name) for text in texts]


class ModelSummarizer(ModelStage, ArticleSummarizer):
    """A neural summarizer (its model loads on first use: see ModelStage)."""

    def __init__(self, spec: ModelSpec, glossary: Glossary, backend: ModelBackend | None = None,
                 runtime: Runtime | None = None):
        super().__init__(spec, glossary, backend, runtime)
        self.batch_size = self.runtime.batch_size

    def summarize(self, texts: list[str], entities: list[list[Entity]] | None = None) -> list[Summary]:
        if self.spec.long_articles == LongArticles.LEAD:
            leads = [self._lead(text) for text in texts]
            terms = [{e.zh: e.en for e in found if not e.credit} for found in entities] if entities else None
            outputs = self.backend.generate(leads, self.batch_size, terms)
        else:
            leads = texts
            outputs = self._summarize_within_input(texts, rounds_left=MAX_CHUNK_ROUNDS)
        summaries = []
        found_by_text: list[list[Entity] | None] = list(entities) if entities else [None] * len(texts)
        for text, lead, output, found in zip(texts, leads, outputs, found_by_text):
            output = normalize_summary(output)
            problems = summary_problems(output, text, self.glossary, found)
            if problems:
                summaries.append(Summary(extractive_summary(text), Method.FALLBACK, self.spec.name, problems))
            else:
                note = (f"The model read the article's first {len(lead)} of {len(text)} characters (its input "
                        f"limit), as it was trained to.") if lead != text else None
                summaries.append(Summary(output, Method.MODEL, self.spec.name, note=note))
        return summaries

    def _lead(self, text: str) -> str:
        """The article's opening whole sentences that fit the model's input (its first chunk): what
        XL-Sum's models were trained on (articles cut at 512 tokens), and where a story puts its news."""
        return self._chunks(text)[0] if text else text

    def _summarize_within_input(self, texts: list[str], rounds_left: int) -> list[str]:
        """One generate call for every chunk of every text; long texts go round again on their chunk summaries."""
        chunked = [self._chunks(text) for text in texts]
        flat = [chunk for chunks in chunked for chunk in chunks]
        flat_outputs = iter(self.backend.generate(flat, self.batch_size)) if flat else iter(())
        per_text = [[next(flat_outputs) for _ in chunks] for chunks in chunked]
        results = ["".join(outputs) for outputs in per_text]
        again = [i for i, outputs in enumerate(per_text) if len(outputs) > 1]
        if again and rounds_left > 1:
            second = self._summarize_within_input([results[i] for i in again], rounds_left - 1)
            for index, output in zip(again, second):
                results[index] = output
        return results

    def _chunks(self, text: str) -> list[str]:
        """The text cut at sentence ends into pieces that each fit the model's input."""
        budget = self.spec.max_input_tokens - 2
        if self.backend.count_tokens(text) <= budget:
            return [text]
        chunks: list[str] = []
        current, current_tokens = "", 0
        for piece in _pieces_within(P.split_sentences(text), budget, self.backend.count_tokens):
            tokens = self.backend.count_tokens(piece)
            if current and current_tokens + tokens > budget:
                chunks.append(current)
                current, current_tokens = "", 0
            current += piece
            current_tokens += tokens
        if current:
            chunks.append(current)
        return chunks


def _pieces_within(sentences: list[str], budget: int, count_tokens) -> list[str]:
    """Sentences, with any sentence longer than the budget cut at commas, then by characters."""
    pieces = []
    for sentence in sentences:
        if count_tokens(sentence) <= budget:
            pieces.append(sentence)
            continue
        for clause in P.split_clauses(sentence):
            while count_tokens(clause) > budget:
                cut = max(1, len(clause) * budget // (count_tokens(clause) + 1))
                pieces.append(clause[:cut])
                clause = clause[cut:]
            pieces.append(clause)
    return pieces


def make_summarizer(spec: ModelSpec, glossary: Glossary, runtime: Runtime | None = None) -> ArticleSummarizer:
    if spec.backend == Backend.EXTRACTIVE:
        return ExtractiveSummarizer(spec)
    return ModelSummarizer(spec, glossary=glossary, runtime=runtime)


def normalize_summary(text: str) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return re.sub(r"(?<=[\u4e00-\u9fff，。；：、“”]) (?=[\u4e00-\u9fff，。；：、“”])", "", text)


_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
MIN_SUPPORT = 0.4
"""The least share of a summary's Chinese character pairs that its article must contain. Summaries
in XL-Sum's style, written for the test pages, score 0.69-0.89 (tests/data/reference_summaries.toml);
the noise of a random model scores 0-0.10."""


def bigram_support(summary: str, source: str) -> float:
    """The share of the summary's Chinese character pairs that occur in the source (0 to 1)."""
    pairs = [summary[i: i + 2] for i in range(len(summary) - 1) if P.cjk_count(summary[i: i + 2]) == 2]
    if not pairs:
        return 0.0
    return sum(pair in source for pair in pairs) / len(pairs)


def summary_problems(summary: str, source: str, glossary: Glossary | None = None,
                     source_entities: list[Entity] | None = None) -> list[str]:
    """Why a model's summary cannot be trusted (empty when it can). `source_entities` are the
    article's names where the caller has found them already."""
    chinese = P.cjk_count(summary)
    if chinese < 8:
        return ["empty or too short"]
    problems = []
    if addresses_a_model(summary):
        problems.append("speaks to a model")
    support = bigram_support(summary, without_model_instructions(source))
    if support < MIN_SUPPORT:
        problems.append(f"not supported by the article (only {support:.0%} of its character pairs occur there)")
    visible = sum(1 for ch in summary if not ch.isspace())
    if chinese < 0.6 * visible:
        problems.append("not mostly Chinese")
    if len(summary) > max(2 * SUMMARY_CHARS, len(source)):
        problems.append("longer than a summary should be")
    grams = [summary[i: i + 3] for i in range(len(summary) - 2)]
    if grams and (max(grams.count(g) for g in set(grams)) >= 3 or len(set(grams)) < 0.6 * len(grams)):
        problems.append("repeats itself")
    normalized_source = P.half_width_numbers(source)
    for number in _NUMBER_RE.findall(P.half_width_numbers(summary)):
        if number not in normalized_source:
            problems.append(f"number {number} is not in the article")
    if glossary is not None:
        named = [e for e in find_entities(summary, glossary) if e.type in (PERSON, PLACE)]
        if source_entities is None and named:
            source_entities = find_entities(source, glossary)
        in_source = {e.zh for e in source_entities or ()}
        unlisted = [entity for entity in named if entity.zh not in in_source]
        boundaries = word_boundaries(source[:MAX_NAMES_TEXT]) if unlisted else set()  # tagged once, if needed
        for entity in unlisted:
            if not named_on_its_own(entity.zh, source, boundaries):
                what = "name" if entity.type == PERSON else "place"
                problems.append(f"{what} {entity.en} is not in the article" if entity.en
                                else f"a {what} the article does not name")
    return problems


def word_boundaries(source: str) -> set[int]:
    """Offsets where both taggers end a word (LAC alone reads 对白俄罗斯 as 对白/俄罗斯), and 0."""
    return {0} | ({token.end for token in jieba_tokens(source)} & {token.end for token in lac_tokens(source)})


def named_on_its_own(name: str, source: str, boundaries: set[int] | None = None) -> bool:
    """Whether the source has the name as a word of its own (法国 in 法国里昂市代表团; 里昂 in 里昂市,
    a place without its unit), not only inside another word (俄罗斯 in 白俄罗斯 is another
    country). `boundaries` are the source's `word_boundaries`, where the caller has them."""
    boundaries = boundaries if boundaries is not None else word_boundaries(source)
    start = source.find(name)
    while start >= 0:
        end = start + len(name)
        if start in boundaries and (end in boundaries or any(source.startswith(unit, end) for unit in PLACE_UNITS)):
            return True
        start = source.find(name, start + 1)
    return False


ADDRESSES_A_MODEL_RE = re.compile(
    r"忽略.{0,12}(?:指令|指示|提示|要求|规则|设定)|无视.{0,12}(?:指令|提示|要求)|只(?:需|要)?输出|不要(?:总结|摘要|翻译)|"
    r"你现在是|你是一个?(?:AI|人工智能|语言模型|助手)|系统提示|提示词|"
    r"ignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier) (?:instructions|prompts?)|"
    r"disregard (?:all |the )?(?:previous|prior|above)|you are now|system prompt|output only|"
    r"(?:^|\W)as an? (?:ai|language model)", re.IGNORECASE)
"""A sentence that speaks to a model rather than to readers: page text is data, so such a
sentence is never part of a summary, and a summary that carries one out is refused."""


def addresses_a_model(text: str) -> bool:
    return bool(ADDRESSES_A_MODEL_RE.search(text))


def without_model_instructions(text: str) -> str:
    """The text without its sentences that speak to a model."""
    return "".join(sentence for sentence in P.split_sentences(text) if not addresses_a_model(sentence))


MAX_RANKED_SENTENCES = 150
"""TextRank compares every pair of sentences: over the first 150 only (a long report's summary
is in its first part), an article of any length costs at most this many sentences' pairs."""


def extractive_summary(text: str, max_chars: int = SUMMARY_CHARS) -> str:
    """The article's most central sentences (TextRank over jieba words, leaning to the lead), in order."""
    sentences = [s for s in P.split_sentences(text)
                 if P.cjk_count(s) >= 4 and not addresses_a_model(s)][:MAX_RANKED_SENTENCES]
    if not sentences:
        return text[:max_chars]
    if len(sentences) <= 2:
        return _fit("".join(sentences), max_chars)
    words = [_content_words(sentence) for sentence in sentences]
    ranks = _textrank(words)
    scores = [rank * (1 + 1 / (1 + position)) for position, rank in enumerate(ranks)]
    chosen: list[int] = []
    length = 0
    for index in sorted(range(len(sentences)), key=lambda i: -scores[i]):
        if chosen and length + len(sentences[index]) > max_chars:
            continue
        chosen.append(index)
        length += len(sentences[index])
    return _fit("".join(sentences[i] for i in sorted(chosen)), max_chars)


def _fit(text: str, max_chars: int) -> str:
    return text if len(text) <= max_chars else text[: max_chars - 1] + "…"


def _content_words(sentence: str) -> set[str]:
    return {word for word in cut(sentence) if len(word) > 1 and P.cjk_count(word) == len(word)}


def _textrank(words: list[set[str]], damping: float = 0.85, rounds: int = 30) -> list[float]:
    count = len(words)
    weights = [[0.0] * count for _ in range(count)]
    for i in range(count):
        for j in range(i + 1, count):
            shared = len(words[i] & words[j])
            if shared and len(words[i]) > 1 and len(words[j]) > 1:
                weights[i][j] = weights[j][i] = shared / (math.log(len(words[i])) + math.log(len(words[j])))
    totals = [sum(row) or 1.0 for row in weights]
    ranks = [1.0] * count
    for _ in range(rounds):
        ranks = [
            (1 - damping) + damping * sum(weights[j][i] / totals[j] * ranks[j] for j in range(count))
            for i in range(count)
        ]
    return ranks
