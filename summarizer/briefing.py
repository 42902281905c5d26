"""The model stages together: articles in, bilingual briefs out.

What a brief says depends only on its article and the stage settings (models, revisions,
generation settings, glossary); batching across articles only makes it faster. That keeps
`make_briefs` a pure function of (articles, settings) that a runner may cache per article or
hand to another executor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer.models import SUMMARIZE, TRANSLATE, ModelSpec, resolve_spec, with_backend
from summarizer.names import PLACE, Entity, Glossary, find_entities
from summarizer.records import Article, Brief
from summarizer.summarizing import ArticleSummarizer, make_summarizer
from summarizer.translating import Translator, make_translator

FOREIGN_AFFAIRS_RE = re.compile(
    r"外办|外事|大使|领事|使馆|代表团|外宾|友城|友好城市|姊妹城市|国际友人|外贸|进出口|外资|外商|跨境|一带一路|侨|驻华|访华|"
    r"出访|签证|外籍|外国|境外|海外|国际合作|国际交流|中(?:韩|日|美|俄|欧|德|法|非|亚)|中英(?!文)"
)
"""Words that mark an article as of interest to foreign-affairs readers."""


@dataclass
class Stages:
    """The loaded model stages and everything that decides their output."""

    summarizer: ArticleSummarizer
    translator: Translator
    glossary: Glossary
    options: dict = field(default_factory=dict)

    @classmethod
    def load(cls, summarizer_model: str | None = None, translator_model: str | None = None,
             glossary_files: list[str] = (), backend: str | None = None) -> Stages:
        """Load both stages; `backend` (transformers or ctranslate2) overrides the models' TOML files."""
        glossary = Glossary.load(list(glossary_files))
        summarizer_spec = with_backend(resolve_spec(summarizer_model, SUMMARIZE), backend)
        translator_spec = with_backend(resolve_spec(translator_model, TRANSLATE), backend)
        return cls(make_summarizer(summarizer_spec, glossary), make_translator(translator_spec, glossary), glossary)

    @property
    def specs(self) -> tuple[ModelSpec, ModelSpec]:
        return self.summarizer.spec, self.translator.spec

    def fingerprint(self) -> dict:
        """Everything that changes a brief: part of its cache key."""
        return {
            "summarizer": self.summarizer.spec.fingerprint(),
            "translator": self.translator.spec.fingerprint(),
            "glossary": self.glossary.fingerprint(),
        }


def foreign_affairs_score(text: str, entities: list[Entity], glossary: Glossary, kind: str) -> int:
    """How much an article concerns foreign affairs: 0 for not at all. Distinct marker words count
    once each, a foreign country twice, and a meeting with either twice more; the digest lists
    articles with a score first, highest first."""
    countries = glossary.sections["countries"]
    foreign_countries = {e.zh for e in entities if e.type == PLACE and e.zh in countries and e.zh != "中国"}
    score = len(set(FOREIGN_AFFAIRS_RE.findall(text))) + 2 * len(foreign_countries)
    return score + 2 if score and kind == "meeting" else score


def make_briefs(articles: list[Article], stages: Stages) -> list[Brief]:
    """Summaries, translations and names for a batch of articles, one brief each, in order."""
    if not articles:
        return []
    sources = [f"{article.headline}\n{article.body}" for article in articles]
    entities = [find_entities(source, stages.glossary) for source in sources]
    summaries = stages.summarizer.summarize([article.body for article in articles])
    headlines_zh = [article.headline for article in articles]
    english = stages.translator.translate(headlines_zh + [s.text for s in summaries], entities + entities)
    headlines_en, summaries_en = english[: len(articles)], english[len(articles):]
    briefs = []
    for article, source, found, summary, headline_en, summary_en in zip(
        articles, sources, entities, summaries, headlines_en, summaries_en
    ):
        briefs.append(
            Brief(
                headline_zh=article.headline,
                headline_en=headline_en.text,
                summary_zh=summary.text,
                summary_en=summary_en.text,
                method=summary.method,
                summary_model=summary.model,
                translator_model=stages.translator.spec.name,
                byline=article.byline,
                dateline=article.dateline,
                kind=article.kind,
                foreign_affairs_score=foreign_affairs_score(source, found, stages.glossary, article.kind),
                entities=[entity.to_dict() for entity in found],
                problems=list(dict.fromkeys(
                    summary.problems + [f"headline: {p}" for p in headline_en.problems]
                    + [f"summary: {p}" for p in summary_en.problems]
                )),
            )
        )
    return briefs
