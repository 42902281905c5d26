"""Editions: one digest per paper and date, each fact it guessed named with its real source."""

import json

from click.testing import CliRunner

from summarizer.cli import main
from summarizer.job.editions import paper_slug
from tests.helpers.stages import EAST, run, scripted_stages

PAGE = """{paper} 2024年5月7日 星期二 第1版

市长会见来访代表团

本报讯（记者 王海燕）5月6日上午，市长陈建国会见了来访的代表团，双方就经贸合作交换了意见。
"""


def test_two_papers_whose_names_sound_alike_never_share_a_digest(tmp_path):
    pages = []
    for number, paper in enumerate(("东湖日报", "冬湖日报"), 1):
        page = tmp_path / f"page-{number}.txt"
        page.write_text(PAGE.format(paper=paper), encoding="utf-8")
        pages.append(page)
    assert paper_slug("东湖日报") != paper_slug("冬湖日报")
    report = run(pages, tmp_path / "out", scripted_stages()[0])
    assert len(report.outputs) == 2
    papers = sorted(json.loads(path.read_text(encoding="utf-8"))["paper"]
                    for path in (tmp_path / "out").rglob("digest.json"))
    assert papers == ["东湖日报", "冬湖日报"]


def test_a_date_given_on_the_command_line_is_named_as_such_and_a_slug_titles_in_words(tmp_path, scripted_models):
    page = tmp_path / "jining-daily-p1.txt"
    page.write_text("市长会见来访代表团\n\n本报讯（记者 王海燕）市长陈建国会见了来访的代表团，双方就经贸合作交换了意见。\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(page), "--out", str(tmp_path / "out"), "--date", "2025-12-03"])
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "out" / "jining-daily" / "2025-12-03" / "digest.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Jining Daily — 2025-12-03")
    assert "the date comes from the command line" in markdown and "job config" not in markdown
    document = json.loads((tmp_path / "out" / "jining-daily" / "2025-12-03" / "digest.json").read_text("utf-8"))
    assert document["date_source"] == "command line" and document["paper_en"] == "Jining Daily"


def test_an_unreadable_page_is_listed_in_its_editions_digest_and_named_by_the_article_it_continues(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "east-lake-daily-2024-05-07-p1.txt").write_bytes(EAST[0].read_bytes())
    (inbox / "east-lake-daily-2024-05-07-p2.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    report = run([inbox], tmp_path / "out", scripted_stages()[0])
    [markdown_file] = (tmp_path / "out").rglob("digest.md")
    markdown = markdown_file.read_text(encoding="utf-8")
    assert "**Pages that could not be read**" in markdown
    assert "east-lake-daily-2024-05-07-p2.txt: binary file, not text" in markdown
    assert "continues on page 2, which could not be read" in markdown
    assert "which was not in this run" not in markdown
    assert len(report.page_errors) == 1
