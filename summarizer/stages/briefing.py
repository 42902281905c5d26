"""The model stages together: articles in, bilingual briefs out.

What a brief says depends only on its article and the stage settings (models, revisions,
generation settings, glossary); batching across articles only makes it faster. That keeps
`make_briefs` a pure function of (articles, settings) that a runner may cache per article or
hand to another executor.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass, field

from summarizer import lexicon
from summarizer.backends.specs import ModelSpec
from summarizer.errors import describe_error
from summarizer.names.credits import byline_credit, dateline_credit
from summarizer.names.entities import Glossary, find_entities
from summarizer.records import PERSON, PLACE, Article, Backend, Bilingual, Brief, Entity, Method
from summarizer.runtime import Runtime
from summarizer.stages.model_stage import ModelStage
from summarizer.stages.summarizing import ArticleSummarizer, addresses_a_model
from summarizer.stages.translating import Translator

log = logging.getLogger("summarizer")
MODEL_INSTRUCTIONS_NOTE = ("The article contains text addressed to a language model (such as \"ignore the "
                           "previous instructions\"); it was read as text and not followed.")

FOREIGN_AFFAIRS_RE = re.compile(
    r"外办|外事|大使|领事|使馆|代表团|外宾|友城|友好城市|姊妹城市|国际友人|外贸|进出口|外资|外商|跨境|一带一路|侨|驻华|访华|"
    r"出访|签证|外籍|外国|境外|海外|国际合作|国际交流|中(?:韩|日|美|俄|欧|德|法|非|亚)|中英(?!文)"
)
"""Words that mark an article as of interest to foreign-affairs readers."""


@dataclass
class Stages:
    """The model stages and everything that decides their output. The models themselves load on
    first use (or by `load_models`), so that building Stages only checks that their files are here."""

    summarizer: ArticleSummarizer
    translator: Translator
    glossary: Glossary
    runtime: Runtime = field(default_factory=lambda: Runtime(device="cpu"))

    def load_models(self) -> None:
        """Load both models now (a ModelError names the one that fails)."""
        for stage in (self.summarizer, self.translator):
            if isinstance(stage, ModelStage):
                stage.backend  # noqa: B018 - the property loads the model

    @property
    def specs(self) -> tuple[ModelSpec, ModelSpec]:
        return self.summarizer.spec, self.translator.spec

    def fingerprint(self) -> dict:
        """Everything that changes a brief: part of its cache key. The device and number format
        count (a GPU's float16 gives other outputs than a CPU's int8); the batch size does not."""
        return {
            "summarizer": self._stage_fingerprint(self.summarizer.spec),
            "translator": self._stage_fingerprint(self.translator.spec),
            "glossary": self.glossary.fingerprint(),
        }

    def _stage_fingerprint(self, spec: ModelSpec) -> dict:
        if spec.backend == Backend.EXTRACTIVE:
            return spec.fingerprint()
        return {**spec.fingerprint(), "device": self.runtime.device,
                "compute_type": self.runtime.compute_type_for(spec.backend, spec.compute_type)}


ENGAGEMENT_RE = re.compile(r"会见|会谈|会晤|接见|拜会|访问|来访|访华|出访|到访|签署|签约|签订|代表团|考察团|客人|外宾|一行")
"""Words of a meeting, visit, signing or delegation: with foreign guests, the first news for these readers."""
ENGAGEMENT_WEIGHT = 10


def foreign_affairs_score(text: str, entities: list[Entity], glossary: Glossary, kind: str) -> int:
    """How much an article concerns foreign affairs: 0 for not at all. Distinct marker words count
    once each and a foreign country twice; a meeting, visit, signing or delegation with a foreign
    country or person counts ten more, so it comes before figures that only mention trade."""
    foreign_countries = {e.zh for e in entities if e.type == PLACE and _is_foreign_country(e.zh, glossary)}
    foreign_people = [e for e in entities if e.type == PERSON and not e.credit and "·" in e.zh]
    score = len(set(FOREIGN_AFFAIRS_RE.findall(text))) + 2 * len(foreign_countries)
    engaged = kind == "meeting" or ENGAGEMENT_RE.search(text)
    if score and engaged and (foreign_countries or foreign_people or re.search(r"大使|领事|外宾|驻华", text)):
        score += ENGAGEMENT_WEIGHT
    return score


def _is_foreign_country(zh: str, glossary: Glossary) -> bool:
    return zh != "中国" and (zh in glossary.sections["countries"] or lexicon.is_country(zh)) and zh not in CHINESE_TERRITORIES


CHINESE_TERRITORIES = ("中国", "台湾", "香港", "澳门")
"""CLDR lists them as territories; for these readers they are not foreign countries."""


def article_names(article: Article, glossary: Glossary) -> tuple[list[Entity], Bilingual | None, Bilingual | None]:
    """The article's people, places and bodies, found once, with its reporters (from the byline,
    dateline or end credit) last; and the byline and dateline in English."""
    entities = find_entities(f"{article.headline}\n{article.body}", glossary)
    byline = byline_credit(article.byline, glossary) if article.byline else None
    dateline = dateline_credit(article.dateline, glossary) if article.dateline else None
    named = {entity.zh for entity in entities}
    for credit in (byline, dateline):
        for reporter in credit.reporters if credit else ():
            if reporter.zh not in named:
                entities.append(reporter)
                named.add(reporter.zh)
    return entities, byline.line if byline else None, dateline.line if dateline else None


ArticleNames = tuple[list[Entity], Bilingual | None, Bilingual | None]


def make_briefs(articles: list[Article], stages: Stages, names: list[ArticleNames] | None = None) -> list[Brief]:
    """Summaries, translations and names for a batch of articles, one brief each, in order.
    `names` are the articles' `article_names` where a worker process found them already."""
    if not articles:
        return []
    names = names or [article_names(article, stages.glossary) for article in articles]
    entities = [found for found, _, _ in names]
    summaries = stages.summarizer.summarize([article.body for article in articles], entities)
    headlines_zh = [article.headline for article in articles]
    noted = [index for index, article in enumerate(articles) if article.note]
    english = stages.translator.translate(
        headlines_zh + [s.text for s in summaries] + [articles[i].note or "" for i in noted],
        entities + entities + [entities[i] for i in noted])
    headlines_en, summaries_en = english[: len(articles)], english[len(articles): 2 * len(articles)]
    notes_en = dict(zip(noted, english[2 * len(articles):]))
    briefs = []
    for index, (article, (found, byline, dateline), summary, headline_en, summary_en) in enumerate(zip(
        articles, names, summaries, headlines_en, summaries_en
    )):
        source = f"{article.headline}\n{article.body}"
        briefs.append(
            Brief(
                headline_zh=article.headline,
                headline_en=headline_en.text,
                summary_zh=summary.text,
                summary_en=summary_en.text,
                method=summary.method,
                summary_model=summary.model,
                translator_model=stages.translator.spec.name,
                byline=byline,
                dateline=dateline,
                note=Bilingual(article.note, notes_en[index].text) if article.note else None,
                kind=article.kind,
                foreign_affairs_score=foreign_affairs_score(source, found, stages.glossary, article.kind),
                entities=found,
                notes=([summary.note] if summary.note else []) + (
                    [MODEL_INSTRUCTIONS_NOTE] if addresses_a_model(source) else []),
                problems=list(dict.fromkeys(
                    summary.problems + [f"headline: {p}" for p in headline_en.problems]
                    + [f"summary: {p}" for p in summary_en.problems]
                )),
            )
        )
    return briefs


def briefs_isolating_failures(articles: list[Article], stages: Stages, names=None) -> list[Brief]:
    """The batch's briefs; if the batch fails, each article alone, so one bad article sinks only itself."""
    try:
        return make_briefs(articles, stages, names)
    except Exception:  # noqa: BLE001 - any failure of one article must not sink the night
        if len(articles) == 1:
            exc = sys.exc_info()[1] or Exception()
            error = f"{type(exc).__name__}: {describe_error(exc, 300)}" if str(exc).strip() else type(exc).__name__
            log.error("article failed: %s: %s", articles[0].headline, error)
            article = articles[0]
            return [Brief(headline_zh=article.headline, method=Method.FAILED, kind=article.kind,
                          byline=Bilingual(article.byline, "") if article.byline else None,
                          dateline=Bilingual(article.dateline, "") if article.dateline else None, error=error)]
        return [brief for article in articles for brief in briefs_isolating_failures([article], stages)]
