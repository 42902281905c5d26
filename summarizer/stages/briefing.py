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
from summarizer import patterns as P
from summarizer.backends.prompting import SUMMARY_CHARS
from summarizer.backends.specs import ModelSpec
from summarizer.errors import describe_error
from summarizer.names.credits import byline_credit, dateline_credit
from summarizer.names.entities import find_entities
from summarizer.names.glossary import Glossary
from summarizer.names.romanizing import romanized
from summarizer.records import PERSON, PLACE, Article, Backend, Bilingual, Brief, Entity, Kind, Method
from summarizer.runtime import Runtime
from summarizer.stages.model_stage import ModelStage
from summarizer.stages.summarizing import ArticleSummarizer, Summary, addresses_a_model
from summarizer.stages.translating import Translator
from summarizer.words import Token, jieba_tokens

log = logging.getLogger("summarizer")
MODEL_INSTRUCTIONS_NOTE = ("The article contains text addressed to a language model (such as \"ignore the "
                           "previous instructions\"); it was read as text and not followed.")

FOREIGN_AFFAIRS_WORDS = (
    "外办", "外事", "外交", "外长", "大使", "大使馆", "领事", "领事馆", "使馆", "代表团", "外宾", "友城", "友好城市",
    "姊妹城市", "国际友人", "外贸", "进出口", "外资", "外商", "跨境", "一带一路", "华侨", "侨胞", "侨商", "侨资",
    "侨务", "驻华", "访华", "出访", "签证", "外籍", "外国", "境外", "海外", "国际合作", "国际交流", "中外",
)
"""Words that mark an article as of interest to foreign-affairs readers; each counts only as a
word of its own (外办 in 市外办 counts; a marker inside a longer word does not)."""
INTERNATIONAL_BODIES = (
    "东盟", "欧盟", "上合组织", "上海合作组织", "联合国", "金砖国家", "金砖", "世贸组织", "世界贸易组织", "亚太经合组织",
    "二十国集团", "非盟", "北约", "世卫组织", "世界卫生组织", "国际货币基金组织", "世界银行", "亚投行", "APEC", "G20",
)
"""Regional and world bodies: a foreign party as a foreign country is."""
TOP_ITEM_WORDS = ("联合声明", "联合公报", "外长会议", "外长会", "外交部长会议", "峰会", "首脑会议", "领导人会议")
"""A joint statement, a foreign ministers' meeting, a summit: with a foreign party, the top item."""
_PAIR_RE = re.compile(
    "中(?:韩|日|美|俄|欧|德|法|非|亚|英|朝|印|澳|越|泰|老|柬|哈|乌|蒙|白|意|西|葡|荷|比|瑞|以|埃|土|阿|沙|伊|马|菲|缅|巴|新)")
_PAIR_FOLLOWERS = ("合作", "关系", "友好", "两国", "双方", "经贸", "贸易", "交流", "友谊", "建交", "对话", "战略", "伙伴",
                   "联合", "人文", "外长", "峰会", "班列", "论坛", "博览会", "投资", "自贸", "地方", "产业园", "合作区",
                   "企业", "青年", "文化", "友城")
"""What follows an abbreviation pair (中日合作, 中欧班列): 中日 in 发展中日益 is no pair."""
TOP_ITEM_WEIGHT = 20


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


ENGAGEMENT_WORDS = ("会见", "会谈", "会晤", "接见", "拜会", "访问", "来访", "访华", "出访", "到访", "签署", "签约", "签订",
                    "代表团", "考察团", "客人", "外宾", "一行")
"""Words of a meeting, visit, signing or delegation: with foreign guests, the first news for these readers."""
ENGAGEMENT_WEIGHT = 10


def foreign_affairs_score(text: str, entities: list[Entity], glossary: Glossary, kind: str) -> int:
    """How much an article concerns foreign affairs: 0 for not at all. Distinct marker words count
    once each and a foreign country, international body or foreign person twice; a meeting, visit, signing or
    delegation with a foreign party counts ten more, so it comes before figures that only mention
    trade; a joint statement, foreign ministers' meeting or summit with a foreign party twenty more.
    Every word counts only where the text has it as a word, never inside a longer one."""
    tokens = jieba_tokens(text)
    starts = {token.start for token in tokens} | {len(text)}
    words = _words_of(text, tokens, starts)
    foreign_countries = {e.zh for e in entities if e.type == PLACE and _is_foreign_country(e.zh, glossary)}
    # a body's name may begin a longer one (联合国开发计划署: a UN agency)
    bodies = {body for body in INTERNATIONAL_BODIES if any(match.start() in starts for match in re.finditer(body, text))}
    foreign_people = [e for e in entities if e.type == PERSON and not e.credit and _is_foreign_person(e)]
    markers = {word for word in FOREIGN_AFFAIRS_WORDS if word in words} | _pairs(text, starts)
    score = len(markers) + 2 * len(foreign_countries | bodies | {e.zh for e in foreign_people})
    engaged = kind == "meeting" or any(word in words for word in ENGAGEMENT_WORDS)
    foreign_party = bool(foreign_countries or bodies or foreign_people or words & {"大使", "领事", "外宾", "驻华"})
    if score and engaged and foreign_party:
        score += ENGAGEMENT_WEIGHT
    if score and (foreign_countries or bodies) and any(word in words for word in TOP_ITEM_WORDS):
        score += TOP_ITEM_WEIGHT
    return score


def _is_foreign_person(entity: Entity) -> bool:
    """A name written with `·`, or a glossary person whose English is no pinyin of the Chinese (普京)."""
    if "·" in entity.zh:
        return True
    letters = re.sub(r"[^a-z]", "", (entity.en or "").lower())
    return entity.source == "glossary" and bool(letters) and letters != re.sub(r"[^a-z]", "", romanized(entity.zh).lower())


def _words_of(text: str, tokens: list[Token], starts: set[int]) -> set[str]:
    """The text's words, with each run of words that a marker spans (外长会议 of 外长/会议)."""
    found = {token.word for token in tokens}
    for word in (*FOREIGN_AFFAIRS_WORDS, *INTERNATIONAL_BODIES, *TOP_ITEM_WORDS, *ENGAGEMENT_WORDS):
        if word in found:
            continue
        for match in re.finditer(re.escape(word), text):
            if match.start() in starts and match.end() in starts:
                found.add(word)
                break
    return found


def _pairs(text: str, starts: set[int]) -> set[str]:
    """中日, 中欧…: China and another party, where the pair starts a word and either ends one or is
    followed by what such a pair qualifies (中日合作, 中欧班列); never 中日 of 发展中日益."""
    return {match.group(0) for match in _PAIR_RE.finditer(text) if match.start() in starts
            and (match.end() in starts or text.startswith(_PAIR_FOLLOWERS, match.end()))}


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


NOTICE_NOTE = "A public notice: its opening sentence, not a summary."


def notice_summary(article: Article) -> Summary:
    """A notice (通告, 公告) is read, not summarized: its first sentence says what it announces."""
    return Summary(P.first_sentence(article.body, limit=SUMMARY_CHARS), Method.EXTRACTIVE, Backend.EXTRACTIVE,
                   note=NOTICE_NOTE)


def make_briefs(articles: list[Article], stages: Stages, names: list[ArticleNames] | None = None) -> list[Brief]:
    """Summaries, translations and names for a batch of articles, one brief each, in order.
    `names` are the articles' `article_names` where a worker process found them already."""
    if not articles:
        return []
    names = names or [article_names(article, stages.glossary) for article in articles]
    entities = [found for found, _, _ in names]
    summarized = [index for index, article in enumerate(articles) if article.kind != Kind.NOTICE]
    made = stages.summarizer.summarize([articles[i].body for i in summarized], [entities[i] for i in summarized])
    summaries = [notice_summary(article) for article in articles]
    for index, summary in zip(summarized, made):
        summaries[index] = summary
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
