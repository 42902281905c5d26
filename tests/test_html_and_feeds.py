"""The digest reaches its readers as pages and feeds: the edition's index.html, the index of nights
and the Atom feeds, from one run of the job on scripted stages (no real models)."""

import json
import shutil
from html.parser import HTMLParser

import feedparser
import pytest

from summarizer.config import RunOptions
from summarizer.errors import ConfigError, InternalError
from summarizer.records import PLACE, Brief, Entity
from summarizer.writers.atom import AtomWriter, entry_id
from summarizer.writers.html import HtmlWriter, edition_html
from summarizer.writers.json import JsonWriter, digest_from_json, digest_to_json
from tests.helpers.digests import HOSTILE, example_digest
from tests.helpers.paths import OWN_PAGES, SEED_PAGE
from tests.helpers.stages import EAST, EAST_SLUG, run, scripted_stages

ALL = ["markdown", "json", "html", "atom"]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_one_run_writes_the_digests_the_pages_the_night_index_and_the_feeds(tmp_path):
    stages, _, _ = scripted_stages()
    report = run(EAST, tmp_path, stages, formats=ALL)
    assert not report.failed
    edition = tmp_path / EAST_SLUG / "2024-05-07"
    assert sorted(path.name for path in edition.iterdir()) == ["digest.json", "digest.md", "index.html"]
    assert (tmp_path / "index.html").exists() and (tmp_path / "feed.atom").exists()
    assert (tmp_path / EAST_SLUG / "feed.atom").exists()
    assert report.outputs == [str(edition / "digest.md")]
    document = json.loads((edition / "digest.json").read_text(encoding="utf-8"))
    page = (edition / "index.html").read_text(encoding="utf-8")
    ids = [attributes["id"] for tag, attributes in _tags(page) if tag == "article"]
    assert ids == [f"brief-{number}" for number in range(1, len(document["articles"]) + 1)]
    assert "<script" not in page


def test_html_or_atom_without_json_is_refused(tmp_path):
    for formats in (("markdown", "html"), ("atom",)):
        with pytest.raises(ConfigError, match=f"{formats[-1]} needs json"):
            RunOptions.load(None, inputs=("a.txt",), out=str(tmp_path), formats=formats)


def test_page_text_is_escaped_everywhere_on_the_page():
    digest = example_digest(hostile=True)
    digest.briefs[1].summary_zh = "<img src=x onerror=alert(1)>"
    digest.briefs[1].entities[0] = Entity("<i>韩国</i>", "<i>Korea</i>", PLACE, "glossary")
    for inline in (False, True):
        html = edition_html(digest, inline=inline)
        tags = {tag for tag, _ in _tags(html)}
        assert not tags & {"script", "img", "b", "i"}
        assert "&lt;script&gt;document.title=&#34;owned&#34;&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_page_for_mail_carries_its_styles_inline():
    html = edition_html(example_digest(), inline=True)
    tags = _tags(html)
    assert "style" not in {tag for tag, _ in tags} and not any("class" in attributes for _, attributes in tags)
    [card] = [attributes for tag, attributes in tags if tag == "article" and attributes["id"] == "brief-1"]
    assert "border-left:6px solid" in card["style"]
    page = edition_html(example_digest())
    assert "<style>" in page and ".card-foreign{" in page and "@media print" in page and "@media (max-width" in page


def test_the_contents_are_grouped_and_the_overview_comes_first():
    html = edition_html(example_digest())
    assert html.index("Foreign affairs</h3>") < html.index("Other articles</h3>") < html.index('id="brief-1"')
    assert html.index('id="overview"') < html.index("<nav")
    assert "Yu Yongsheng meets Belarus&#39;s Ambassador to China — Yu Yongsheng (Mayor), Yuri Senko (Ambassador to China)." in html
    assert "忠清南道" in html.split("<nav")[0]  # a name to check, before the contents


def test_digest_json_reads_back_as_the_same_digest():
    digest = example_digest()
    again = digest_from_json(digest_to_json(digest), digest.slug)
    assert digest_to_json(again) == digest_to_json(digest)
    assert again.briefs == [Brief.from_dict(brief.to_dict()) for brief in digest.briefs]


def _write(out, digest):
    folder = out / digest.slug / digest.date
    folder.mkdir(parents=True, exist_ok=True)
    for writer in (JsonWriter(), HtmlWriter()):
        for name, text in writer.files(digest).items():
            (folder / name).write_text(text, encoding="utf-8")


def test_the_night_index_lists_every_night_on_disk_newest_first_with_foreign_counts(tmp_path):
    for date in ("2025-12-01", "2025-12-03", "2025-12-02"):
        _write(tmp_path, example_digest(date))
    other = example_digest("2025-12-03")
    other.slug, other.paper, other.paper_en = "east-lake-daily", "东湖日报", "East Lake Daily"
    other.briefs = [brief for brief in other.briefs if not brief.foreign_affairs]
    _write(tmp_path, other)
    (tmp_path / "broken" / "2025-12-04").mkdir(parents=True)
    (tmp_path / "broken" / "2025-12-04" / "digest.json").write_text("{not json", encoding="utf-8")

    index = HtmlWriter().after_night(tmp_path)["index.html"]
    links = [attributes["href"] for tag, attributes in _tags(index) if tag == "a"]
    assert links == ["east-lake-daily/2025-12-03/index.html", "jining-daily/2025-12-03/index.html",
                     "jining-daily/2025-12-02/index.html", "jining-daily/2025-12-01/index.html"]
    assert index.count("2 foreign-affairs items") == 3 and "0 foreign-affairs items" in index
    assert "3 Dec 2025 (2025-12-03)" in index


def test_the_night_index_survives_a_night_whose_run_failed(tmp_path, monkeypatch):
    """It is rebuilt from the digest.json files on disk, not from what one run did: a night whose
    run crashed leaves the earlier nights listed, and the next run lists them all."""
    stages, _, _ = scripted_stages()
    run(EAST, tmp_path, stages, formats=ALL)
    with monkeypatch.context() as patch:
        patch.setattr(HtmlWriter, "files", lambda self, digest: 1 / 0)
        with pytest.raises(InternalError):
            run([OWN_PAGES / "evening-2023-03-15-a2.txt"], tmp_path, stages, formats=ALL)
    assert f"{EAST_SLUG}/2024-05-07/index.html" in (tmp_path / "index.html").read_text(encoding="utf-8")
    run([OWN_PAGES / "east-lake-daily-2024-05-07-p1.txt"], tmp_path / "elsewhere", stages, formats=ALL)
    run([OWN_PAGES / "evening-2023-03-15-a2.txt"], tmp_path, stages, formats=ALL)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    links = [attributes["href"] for tag, attributes in _tags(index) if tag == "a"]
    assert links[0] == f"{EAST_SLUG}/2024-05-07/index.html" and len(links) == 2
    assert links[1].endswith("/2023-03-15/index.html")


def test_the_feeds_parse_with_stable_ids_newest_first(tmp_path):
    for date in ("2025-12-01", "2025-12-03"):
        _write(tmp_path, example_digest(date))
    feeds = AtomWriter().after_night(tmp_path)
    assert sorted(feeds) == ["feed.atom", "jining-daily/feed.atom"]
    parsed = feedparser.parse(feeds["feed.atom"])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == 8
    assert [entry.id for entry in parsed.entries[:2]] == ["urn:summarizer:jining-daily:2025-12-03:005",
                                                         "urn:summarizer:jining-daily:2025-12-03:006"]
    assert parsed.entries[-1].updated.startswith("2025-12-01")
    first = parsed.entries[0]
    assert first.title == "Jining Daily, 3 Dec 2025: Yu Yongsheng meets Belarus's Ambassador to China"
    assert first.summary.startswith("Yu Yongsheng, Deputy Secretary")
    assert first.link.endswith("jining-daily/2025-12-03/index.html#brief-1")
    per_paper = feedparser.parse(feeds["jining-daily/feed.atom"])
    assert not per_paper.bozo and per_paper.entries[0].link.endswith("2025-12-03/index.html#brief-1")
    assert "jining-daily/2025" not in per_paper.entries[0].link
    assert AtomWriter().after_night(tmp_path) == feeds  # the same nights give the same bytes


def test_feed_entry_ids_stay_the_same_when_a_night_is_run_again(tmp_path):
    stages, _, _ = scripted_stages()
    run(EAST, tmp_path / "first", stages, formats=ALL)
    run(EAST, tmp_path / "again", stages, formats=ALL)
    ids = [[entry.id for entry in feedparser.parse(str(out / "feed.atom")).entries]
           for out in (tmp_path / "first", tmp_path / "again")]
    assert ids[0] == ids[1] and len(set(ids[0])) == len(ids[0]) > 0


def test_a_headline_holding_html_is_text_in_the_feed(tmp_path):
    _write(tmp_path, example_digest(hostile=True))
    parsed = feedparser.parse(AtomWriter().after_night(tmp_path)["feed.atom"])
    assert not parsed.bozo
    assert HOSTILE in parsed.entries[0].title


def test_the_seed_page_makes_a_page_with_a_card_per_brief(tmp_path):
    if not SEED_PAGE.exists():
        return
    shutil.copy(SEED_PAGE, tmp_path / "jining-daily-2021-12-04-p1.txt")
    stages, _, _ = scripted_stages()
    run([tmp_path / "jining-daily-2021-12-04-p1.txt"], tmp_path / "out", stages, formats=ALL)
    [page] = (tmp_path / "out").rglob("*/2021-12-04/index.html")
    document = json.loads(page.with_name("digest.json").read_text(encoding="utf-8"))
    assert page.read_text(encoding="utf-8").count("<article") == len(document["articles"]) == 9
    assert entry_id(digest_from_json(page.with_name("digest.json").read_text(encoding="utf-8"), "jining-daily"),
                    Brief("x", id="jining-daily-2021-12-04-005")) == "urn:summarizer:jining-daily:2021-12-04:005"
