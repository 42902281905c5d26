"""Watchlists: a reader's countries, cities, organisations, people and terms, flagged where tonight's
briefs mention them; and the overview at the top of each edition."""

import json

from summarizer.config import RunOptions
from summarizer.watching import watch_hits
from summarizer.writers.json import digest_to_json
from summarizer.writers.markdown import digest_to_markdown
from summarizer.writers.wording import overview, watch_line
from tests.helpers.digests import example_digest
from tests.helpers.stages import EAST, EAST_SLUG, run, scripted_stages


def test_chinese_and_english_entries_find_their_briefs_and_show_in_english():
    digest = example_digest()
    hits = watch_hits(digest.briefs, ["白俄罗斯", "republic of korea", "Jining", "Minsk", "Hao Minglei"])
    assert [(hit.name, hit.briefs) for hit in hits] == [
        ("Belarus", ("jining-daily-2025-12-03-005",)),
        ("republic of korea", ("jining-daily-2025-12-03-006",)),
        ("Jining", ("jining-daily-2025-12-03-005", "jining-daily-2025-12-03-006")),
    ]  # Minsk is not mentioned; a reporter's byline is no mention
    assert watch_line(hits) == ("On your watchlist tonight: Belarus — 1 item; republic of korea — 1 item; "
                                "Jining — 2 items")


def test_an_english_entry_matches_whole_words_only():
    digest = example_digest()
    assert watch_hits(digest.briefs, ["Jin", "Korea"])[0].name == "Korea"
    assert [hit.name for hit in watch_hits(digest.briefs, ["Jin"])] == []
    assert watch_hits(digest.briefs, []) is None  # no watchlist is not a watchlist without hits
    assert watch_hits(digest.briefs, ["Minsk"]) == []


def test_hits_are_flagged_at_the_top_of_the_markdown_and_in_digest_json():
    digest = example_digest()
    digest.watch_hits = watch_hits(digest.briefs, ["Belarus"])
    markdown = digest_to_markdown(digest)
    assert markdown.splitlines()[2] == "**On your watchlist tonight: Belarus — 1 item**"
    document = json.loads(digest_to_json(digest))
    assert document["watch_hits"] == [{"name": "Belarus", "briefs": ["jining-daily-2025-12-03-005"]}]
    digest.watch_hits = []
    assert json.loads(digest_to_json(digest))["watch_hits"] == []
    assert "watchlist" not in digest_to_markdown(digest)


def test_without_a_watchlist_the_digests_are_as_they_were(tmp_path):
    """No `watch` setting: no watch_hits key in digest.json and no watchlist line in the Markdown,
    byte for byte the files of a run that never heard of watchlists (bar the overview, which is new)."""
    stages, _, _ = scripted_stages()
    run(EAST, tmp_path / "plain", stages)
    run(EAST, tmp_path / "watched", stages, watch=["Nowhere-at-all"])
    folder = f"{EAST_SLUG}/2024-05-07"
    plain = json.loads((tmp_path / "plain" / folder / "digest.json").read_text(encoding="utf-8"))
    watched = json.loads((tmp_path / "watched" / folder / "digest.json").read_text(encoding="utf-8"))
    assert "watch_hits" not in plain and watched.pop("watch_hits") == []
    assert plain == watched
    assert ((tmp_path / "plain" / folder / "digest.md").read_bytes()
            == (tmp_path / "watched" / folder / "digest.md").read_bytes())
    assert RunOptions().watch == []


def test_a_run_with_a_watchlist_flags_its_hits(tmp_path):
    stages, _, _ = scripted_stages()
    run(EAST, tmp_path, stages, watch=["东湖"], formats=["markdown", "json", "html"])
    folder = tmp_path / EAST_SLUG / "2024-05-07"
    document = json.loads((folder / "digest.json").read_text(encoding="utf-8"))
    [hit] = document["watch_hits"]
    assert hit["briefs"] and set(hit["briefs"]) <= {article["id"] for article in document["articles"]}
    assert "On your watchlist tonight:" in (folder / "digest.md").read_text(encoding="utf-8")
    assert "On your watchlist tonight:" in (folder / "index.html").read_text(encoding="utf-8")


def test_the_overview_gives_each_foreign_affairs_item_one_sentence():
    digest = example_digest()
    assert overview(digest) == (
        "Yu Yongsheng meets Belarus's Ambassador to China — Yu Yongsheng (Mayor), Yuri Senko (Ambassador to China). "
        "Trade delegation from the Republic of Korea visits Jining — Zhang Shengming (Vice Mayor).")
    lines = digest_to_markdown(digest).splitlines()
    assert lines[2].startswith("4 articles from 1 page") and lines[4] == overview(digest)
    digest.briefs = [brief for brief in digest.briefs if not brief.foreign_affairs]
    assert overview(digest) == "No foreign-affairs items in this edition."
