"""What the English reader sees: edition facts, attributions, names, kinds and order, on pages
written for these tests (tests/pages/dongjiang-p4-wire-and-foreign.txt, no-header-datelines-only.txt)."""

import datetime
import json
import re

import pytest

from summarizer.backends.specs import resolve_spec
from summarizer.config import RunOptions
from summarizer.job.editions import EditionFallback, group_editions, paper_slug
from summarizer.job.run import run_job
from summarizer.records import Task
from summarizer.splitting import split_page_file
from tests.helpers.paths import OWN_PAGES
from tests.helpers.stages import scripted_stages

WIRE_PAGE = OWN_PAGES / "dongjiang-p4-wire-and-foreign.txt"
NO_HEADER_PAGE = OWN_PAGES / "no-header-datelines-only.txt"


@pytest.fixture(scope="module")
def wire_digest(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    stages, _, _ = scripted_stages()
    report = run_job(RunOptions(inputs=[str(WIRE_PAGE)], out=str(out)), stages)
    assert not report.failed
    folder = out / paper_slug("东江日报") / "2025-03-14"
    return json.loads((folder / "digest.json").read_text(encoding="utf-8")), (folder / "digest.md").read_text(encoding="utf-8")


def test_a_header_with_the_page_number_first_and_text_right_below_is_read(wire_digest):
    digest, markdown = wire_digest
    assert (digest["paper"], digest["paper_en"], digest["date"], digest["pages"]) == (
        "东江日报", "Dongjiang Daily", "2025-03-14", [4])
    assert (digest["date_source"], digest["paper_source"]) == ("header", "header")
    assert markdown.startswith("# Dongjiang Daily (东江日报) — 2025-03-14\n\n4 articles from 1 page (page 4)")


def test_wire_reports_are_news_and_their_datelines_are_english(wire_digest):
    digest, _ = wire_digest
    wire = next(a for a in digest["articles"] if a["headline"]["zh"].startswith("第二届中欧"))
    assert wire["kind"] == "news"
    assert wire["dateline"]["en"] == "BEIJING, March 13 (Xinhua) — Li Si, reporter"


def test_a_meeting_with_foreign_guests_comes_before_figures_that_only_mention_trade(wire_digest):
    digest, _ = wire_digest
    headlines = [a["headline"]["zh"] for a in digest["articles"]]
    assert headlines[0] == "汉堡市代表团来我市访问"
    assert headlines.index("汉堡市代表团来我市访问") < headlines.index("前两月我市外贸进出口增长１２．３％")


def test_every_person_and_place_of_the_meeting_is_english_and_reporters_are_credited_apart(wire_digest):
    digest, markdown = wire_digest
    meeting = digest["articles"][0]
    assert meeting["dateline"]["en"] == "DONGJIANG, March 13 — Hao Minglei, reporter; Zhou Xue, trainee reporter"
    entities = {e["zh"]: e for e in meeting["entities"]}
    assert entities["王建国"]["en"] == "Wang Jianguo" and entities["王建国"]["role"] == {"zh": "市长", "en": "Mayor"}
    assert entities["汉堡市"]["en"] == "Hamburg" and entities["巴伐利亚州"]["en"] == "Bavaria"
    assert entities["鹿特丹"]["en"] == "Rotterdam"
    assert entities["郝明雷"]["credit"] is True and entities["郝明雷"]["role"]["en"] == "Reporter"
    assert entities["安德烈亚斯·里克"]["en"] is None
    section = markdown[markdown.index('<a id="brief-1">'): markdown.index('<a id="brief-2">')]
    people = section[section.index("**People, places and organisations**"):]
    assert "Hao Minglei" not in people and "Wang Jianguo, Mayor (王建国, 市长)" in people
    assert "安德烈亚斯·里克 (person; no reliable English form — check)" in people


def test_english_lines_have_no_chinese_and_ascii_digits(wire_digest):
    _, markdown = wire_digest
    english_lines = [line for line in markdown.splitlines()
                     if re.match(r"^(?:By |[A-Z]+, |Staff |\d+\. \[)", line)]
    assert english_lines
    for line in english_lines:
        assert not re.search(r"[\u4e00-\u9fff０-９]", line.split("](")[0]), line
    assert "12.3%" in markdown


def test_a_page_without_header_takes_its_date_from_the_datelines_and_says_so(tmp_path):
    page = split_page_file(NO_HEADER_PAGE)
    [edition] = group_editions([page], EditionFallback(), today=datetime.date(2026, 1, 10))
    assert (edition.date, edition.date_source) == ("2025-12-03", "dateline")
    [edition] = group_editions([page], EditionFallback(), today=datetime.date(2025, 12, 2))
    assert edition.date == "2024-12-03"
    [edition] = group_editions([page], EditionFallback(date="2025-12-04"), today=datetime.date(2026, 1, 10))
    assert (edition.date, edition.date_source) == ("2025-12-04", "config")

    stages, _, _ = scripted_stages()
    run_job(RunOptions(inputs=[str(NO_HEADER_PAGE)], out=str(tmp_path)), stages)
    [json_file] = tmp_path.rglob("digest.json")
    assert json.loads(json_file.read_text(encoding="utf-8"))["date_source"] == "dateline"
    markdown = json_file.with_name("digest.md").read_text(encoding="utf-8")
    assert "*Not printed on the pages: the date comes from the datelines' month and day (year assumed); " \
           "the paper's name comes from the file name.*" in markdown
    assert "2 articles from 1 page (page numbers not printed)" in markdown


def test_an_untranslated_headline_is_shown_once(tmp_path):
    stages, _, _ = scripted_stages(translate=lambda text: text)
    run_job(RunOptions(inputs=[str(NO_HEADER_PAGE)], out=str(tmp_path), date="2025-12-03"), stages)
    [markdown_file] = tmp_path.rglob("digest.md")
    markdown = markdown_file.read_text(encoding="utf-8")
    section = markdown[markdown.index('<a id="brief-1">'):]
    headline = "我市与吉隆坡企业签署合作协议"
    assert section.count(headline) == 1 and f"## 1. {headline} (no English translation)" in section


def test_a_local_model_is_named_by_its_kind_not_only_its_folder(tiny_marian):
    assert resolve_spec(str(tiny_marian), Task.TRANSLATE).display_name == "a local marian model (tiny-marian)"


def test_a_bad_glossary_stops_the_run_with_one_line_and_exit_4(tmp_path):
    from click.testing import CliRunner

    from summarizer.cli import main
    from summarizer.errors import EXIT_CANNOT_START

    bad = tmp_path / "bad.toml"
    bad.write_text('[titles]\n"" = "Director"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(NO_HEADER_PAGE), "--out", str(tmp_path / "out"),
                                       "--summarizer-model", "extractive", "--glossary", str(bad)])
    assert result.exit_code == EXIT_CANNOT_START
    assert result.output.strip().splitlines() == [f"Error: {bad}: [titles] has an empty key"]
    assert not list((tmp_path / "out").rglob("digest.*"))


def test_an_editors_note_is_shown_in_the_brief_in_chinese_and_english(tmp_path):
    stages, _, _ = scripted_stages()
    page = OWN_PAGES / "evening-notes-interview-continued.txt"
    run_job(RunOptions(inputs=[str(page)], out=str(tmp_path)), stages)
    [json_file] = tmp_path.rglob("digest.json")
    street = next(a for a in json.loads(json_file.read_text(encoding="utf-8"))["articles"]
                  if a["headline"]["zh"] == "老街巷里的新生活")
    assert street["note"]["zh"].startswith("今年是我市实施城市更新行动的第三年。") and street["note"]["en"]
    markdown = json_file.with_name("digest.md").read_text(encoding="utf-8")
    assert f"*Editor's note:* {street['note']['en']}" in markdown
    assert f"> 编者按：{street['note']['zh']}" in markdown
