"""The typed records that flow between the steps: page -> articles -> briefs -> digest."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from summarizer.patterns import first_sentence


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
    kind: str = "news"
    section: str | None = None
    """The label of a short-item group (简讯, 要闻速览) the article sits under."""

    @property
    def headline_parts(self) -> list[str]:
        return [part for part in (self.kicker, self.title, self.subtitle) if part]

    @property
    def headline(self) -> str:
        """The headline as one line; untitled short items fall back to their first sentence."""
        if self.headline_parts:
            return " ".join(self.headline_parts)
        return first_sentence(self.body)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    def to_dict(self) -> dict:
        return asdict(self)


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

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "paper": self.paper,
            "date": self.date,
            "page_no": self.page_no,
            "furniture": list(self.furniture),
            "articles": [article.to_dict() for article in self.articles],
        }


@dataclass
class Brief:
    """One article's brief: bilingual headline and summary, attribution and names."""

    headline_zh: str
    headline_en: str = ""
    summary_zh: str = ""
    summary_en: str = ""
    method: str = ""
    """How the Chinese summary was made: model, extractive, extractive-fallback, or failed."""
    summary_model: str | None = None
    translator_model: str | None = None
    byline: str | None = None
    dateline: str | None = None
    kind: str = "news"
    foreign_affairs_score: int = 0
    """How much the article concerns foreign affairs (0: not at all); see briefing.foreign_affairs_score."""
    entities: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """What the checks found doubtful (summary replaced, a name the translation dropped…)."""
    id: str = ""
    pages: list[int] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    continued_to_page: int | None = None
    error: str | None = None

    @property
    def foreign_affairs(self) -> bool:
        return self.foreign_affairs_score > 0

    def to_dict(self) -> dict:
        return {**asdict(self), "foreign_affairs": self.foreign_affairs}

    @classmethod
    def from_dict(cls, data: dict) -> Brief:
        return cls(**{key: value for key, value in data.items() if key in cls.__dataclass_fields__})


@dataclass
class Digest:
    """One edition (paper and date): its briefs, foreign-affairs ones first, the rest in page order."""

    paper: str
    date: str
    slug: str
    pages: list[int] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    briefs: list[Brief] = field(default_factory=list)
    models: dict = field(default_factory=dict)
