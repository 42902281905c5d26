"""The typed records that flow between the steps: page -> articles -> briefs -> digest."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum

from summarizer.patterns import first_sentence


class Kind(StrEnum):
    """What sort of article it is, from its furniture (see splitting.kinds.classify_kind)."""

    NEWS = "news"
    MEETING = "meeting"
    COMMENTARY = "commentary"
    INTERVIEW = "interview"
    FEATURE = "feature"
    BRIEF = "brief"
    PHOTO = "photo"
    """A photo item: a title, a caption and the photographer's credit."""
    NOTICE = "notice"
    """A public notice (通告, 公告, 通知, 启事): title, numbered items, issuers and date."""
    SIDEBAR = "sidebar"
    """A box under 相关链接, 背景, 延伸阅读…: its label is the section."""


class Method(StrEnum):
    """How a brief's Chinese summary was made."""

    MODEL = "model"
    EXTRACTIVE = "extractive"
    FALLBACK = "extractive-fallback"
    """Extractive, because the model's summary failed its checks."""
    FAILED = "failed"


class FactSource(StrEnum):
    """Where an edition's paper or date came from; all but HEADER are guesses the digest names."""

    HEADER = "header"
    FILE_NAME = "file name"
    CONFIG = "config"
    COMMAND_LINE = "command line"
    DATELINE = "dateline"
    RUN_DATE = "run date"
    NOTHING = "nothing"


class EntityType(StrEnum):
    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"


class Task(StrEnum):
    """What a model stage does."""

    SUMMARIZE = "summarize"
    TRANSLATE = "translate"


class Backend(StrEnum):
    """What runs a model; a model's TOML file names one (`backend = ...`)."""

    TRANSFORMERS = "transformers"
    CTRANSLATE2 = "ctranslate2"
    CAUSAL_LM = "causal-lm"
    OPENAI = "openai"
    EXTRACTIVE = "extractive"
    """No model: sentences taken from the article."""


class LongArticles(StrEnum):
    """What a summarizer does with an article longer than its input."""

    LEAD = "lead"
    """The opening sentences that fit, as XL-Sum's models were trained."""
    CHUNKS = "chunks"
    """Summaries of chunks, summarized again."""


@dataclass
class Article:
    """One article as the splitter found it on a page."""

    title: str | None = None
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    dateline: str | None = None
    subheads: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    continued_to_page: int | None = None
    continued_from_page: int | None = None
    kind: Kind = Kind.NEWS
    section: str | None = None
    """The label of a short-item group (简讯, 要闻速览) the article sits under."""
    note: str | None = None
    """An editor's note (编者按) that introduces the article; not part of its body."""
    captions: list[str] = field(default_factory=list)
    """Photo captions printed among its paragraphs (`图为…（记者 某某 摄）`); not part of its body."""
    column: str | None = None
    """The column tag printed at the headline's end (`（钟声）`, `（大使随笔）`); not part of the title."""

    @property
    def headline_parts(self) -> list[str]:
        return [part for part in (self.kicker, self.title, self.subtitle) if part]

    @property
    def headline(self) -> str:
        """The headline as one line; untitled short items fall back to their first sentence (a sidebar's
        after its label: `相关链接：…`)."""
        if self.headline_parts:
            return " ".join(self.headline_parts)
        if self.kind == "sidebar" and self.section:
            return f"{self.section}：{first_sentence(self.body)}"
        return first_sentence(self.body)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Article:
        return cls(**{**data, "kind": Kind(data.get("kind", Kind.NEWS))})


@dataclass(frozen=True)
class FileHint:
    """What a page file's name says of its edition (`jining-daily-2021-12-04-p1.txt`)."""

    paper: str | None = None
    """The paper as the file name spells it (a slug)."""
    date: str | None = None
    page_no: int | None = None


@dataclass(frozen=True)
class Line:
    """A line of a page as its layout gives it (a PDF's text layer, an HTML page's structure)."""

    text: str
    size: float
    """Its type size in points: headlines are set larger than the body (HTML: h1 > h2, h3 > body)."""
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """(x0, top, x1, bottom) on the page in points, top down; zeros where the source has no positions."""
    column: int = 0
    """Which reading-order region (column, strip, boxed sidebar) of the page it sits in."""


@dataclass(frozen=True)
class PageText:
    """A page as a reader gives it to the splitter: its text and where it came from."""

    source: str
    """The file it was read from, as the user named it."""
    text: str
    hint: FileHint = FileHint()
    lines: tuple[Line, ...] = ()
    """The text's lines with their type size and place, where the format gives them (PDF, HTML);
    the splitter takes a line set larger than the body for a headline. Empty for `.txt` pages."""
    error: str | None = None
    """Why this page of the file cannot be read (a scanned page of a PDF): the file's other pages go on."""


@dataclass
class Page:
    """A page of a newspaper edition and the articles split from it."""

    source: str
    paper: str | None = None
    date: str | None = None
    page_no: int | None = None
    articles: list[Article] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    """Banners, page headers and section labels: not articles, kept for reference."""
    paper_source: FactSource | None = None
    """Where the paper's name came from: header or file name (None: neither gives one)."""
    date_source: FactSource | None = None
    """Where the date came from: header or file name (None: neither gives one)."""

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "paper": self.paper,
            "date": self.date,
            "date_source": self.date_source,
            "page_no": self.page_no,
            "furniture": list(self.furniture),
            "articles": [article.to_dict() for article in self.articles],
        }


PERSON, PLACE, ORGANIZATION = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION


@dataclass(frozen=True)
class Entity:
    """A person, place or organisation an article names, in Chinese and English."""

    zh: str
    en: str | None
    """None where no source gives a reliable English form: shown as written and marked for checking."""
    type: EntityType
    source: str
    """Where the English comes from: glossary, cldr, cc-cedict, pinyin, or unverified (check it)."""
    role_zh: str | None = None
    role_en: str | None = None
    credit: bool = False
    """Named in the byline or dateline (a reporter), not in the news itself."""

    @property
    def needs_checking(self) -> bool:
        return self.en is None or self.source == "unverified"

    def to_dict(self) -> dict:
        return {"zh": self.zh, "en": self.en, "type": self.type, "source": self.source,
                "role": {"zh": self.role_zh, "en": self.role_en} if self.role_zh else None,
                "credit": self.credit}

    @classmethod
    def from_dict(cls, data: dict) -> Entity:
        role = data.get("role") or {}
        return cls(data["zh"], data.get("en"), EntityType(data["type"]), data.get("source", ""), role.get("zh"), role.get("en"),
                   bool(data.get("credit")))


UNTRANSLATED = "[untranslated]"
"""Stands, in a brief's English, for a sentence whose translation was empty or still Chinese:
better a visible gap than noise."""


@dataclass(frozen=True)
class Bilingual:
    """A line in Chinese with its English (a byline, a dateline)."""

    zh: str
    en: str

    def to_dict(self) -> dict:
        return {"zh": self.zh, "en": self.en}


@dataclass
class Brief:
    """One article's brief: bilingual headline and summary, attribution and names."""

    headline_zh: str
    headline_en: str = ""
    summary_zh: str = ""
    summary_en: str = ""
    method: Method = Method.FAILED
    summary_model: str | None = None
    translator_model: str | None = None
    byline: Bilingual | None = None
    dateline: Bilingual | None = None
    note: Bilingual | None = None
    """The editor's note (编者按) that introduces the article, with its translation."""
    kind: Kind = Kind.NEWS
    foreign_affairs_score: int = 0
    """How much the article concerns foreign affairs (0: not at all); see briefing.foreign_affairs_score."""
    entities: list[Entity] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """What the checks found doubtful (summary replaced, a name the translation dropped…)."""
    notes: list[str] = field(default_factory=list)
    """What the reader should know about how the brief was made (the model read only the lead)."""
    id: str = ""
    pages: list[int] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    continued_to_page: int | None = None
    error: str | None = None

    @property
    def foreign_affairs(self) -> bool:
        return self.foreign_affairs_score > 0

    @property
    def reporters(self) -> list[Entity]:
        return [entity for entity in self.entities if entity.credit]

    def to_dict(self) -> dict:
        """The brief's one JSON shape: in digest.json and in the cache alike."""
        return {
            "id": self.id,
            "pages": self.pages,
            "sources": self.sources,
            "headline": {"zh": self.headline_zh, "en": self.headline_en},
            "summary": {"zh": self.summary_zh, "en": self.summary_en, "method": self.method},
            "models": {"summarizer": self.summary_model, "translator": self.translator_model},
            "byline": self.byline.to_dict() if self.byline else None,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "note": self.note.to_dict() if self.note else None,
            "kind": self.kind,
            "foreign_affairs": self.foreign_affairs,
            "foreign_affairs_score": self.foreign_affairs_score,
            "entities": [entity.to_dict() for entity in self.entities],
            "continued_to_page": self.continued_to_page,
            "problems": self.problems,
            "notes": self.notes,
            "error": self.error,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Brief:
        return cls(
            headline_zh=data["headline"]["zh"], headline_en=data["headline"]["en"],
            summary_zh=data["summary"]["zh"], summary_en=data["summary"]["en"], method=Method(data["summary"]["method"]),
            summary_model=data["models"]["summarizer"], translator_model=data["models"]["translator"],
            byline=Bilingual(**data["byline"]) if data.get("byline") else None,
            dateline=Bilingual(**data["dateline"]) if data.get("dateline") else None,
            note=Bilingual(**data["note"]) if data.get("note") else None,
            kind=Kind(data["kind"]), foreign_affairs_score=data["foreign_affairs_score"],
            entities=[Entity.from_dict(entity) for entity in data["entities"]],
            problems=list(data["problems"]), notes=list(data.get("notes", [])), id=data["id"], pages=list(data["pages"]), sources=list(data["sources"]),
            continued_to_page=data["continued_to_page"], error=data["error"],
        )


@dataclass
class EditionItem:
    """An article in its edition, with the pages and files it came from (two for a stitched article)."""

    article: Article
    pages: list[int]
    sources: list[str]


@dataclass
class Edition:
    """One paper's pages of one date: what one digest covers."""

    paper: str
    slug: str
    """The edition's folder name for the paper (see job.editions.paper_slug)."""
    date: str
    items: list[EditionItem]
    paper_source: FactSource = FactSource.HEADER
    date_source: FactSource = FactSource.HEADER


@dataclass(frozen=True)
class WatchHit:
    """A watchlist entry that tonight's briefs mention, and which briefs."""

    name: str
    """The entry as the reader knows it: in English where a brief gives its English form."""
    briefs: tuple[str, ...]
    """The ids of the briefs that mention it, in digest order."""

    def to_dict(self) -> dict:
        return {"name": self.name, "briefs": list(self.briefs)}


@dataclass
class Digest:
    """One edition (paper and date): its briefs, foreign-affairs ones first, the rest in page order."""

    paper: str
    date: str
    slug: str
    pages: list[int] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    briefs: list[Brief] = field(default_factory=list)
    models: dict[str, str] = field(default_factory=dict)
    """The model of each stage as the digest names it: {"summarizer": ..., "translator": ...}."""
    paper_en: str | None = None
    """The paper's name in English, where the glossary or the dictionary gives one."""
    date_source: FactSource = FactSource.HEADER
    paper_source: FactSource = FactSource.HEADER
    page_errors: list[str] = field(default_factory=list)
    unreadable_pages: list[int] = field(default_factory=list)
    """The page numbers of this edition's unreadable pages, where their file names give them."""
    """Pages of this edition (by their file names) that could not be read, each with the reason."""
    watch_hits: list[WatchHit] | None = None
    """The watchlist entries its briefs mention; None where no watchlist is set (the digest then
    says nothing of watchlists, and its files are as they were before watchlists existed)."""
