"""A night of e-paper PDFs or saved HTML runs end to end with no hand step, and the same stories as
a PDF and as the `.txt` extracted the old way give the same briefs."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.cli import main
from summarizer.errors import EXIT_FAILURES
from summarizer.job.editions import paper_slug
from tests.helpers.epaper import (
    CONCERT,
    HTML_NIGHT,
    NIGHT,
    as_text,
    header,
    page_concert,
    page_four_columns,
    page_three_columns,
    page_two_columns_with_sidebar,
    write_blank_pdf,
    write_html_night,
    write_pdf,
)
from tests.helpers.stages import run, scripted_stages

SAME = ("headline", "summary", "byline", "dateline", "kind", "entities", "pages")


def _digest(out: Path) -> dict:
    [path] = list(out.rglob("digest.json"))
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, number", [("three-columns", 1), ("concert", 4)])
def test_the_same_stories_as_pdf_and_as_txt_give_the_same_briefs(tmp_path, name, number):
    """(The sidebar and four-column pages are left out: as text, their boxed notice and their
    headlines by size are lost, which is what the PDF adds; see test_epaper_pdf.)"""
    build, stories = NIGHT[name]
    for folder in ("pdf", "txt"):
        (tmp_path / folder).mkdir()
    pdf = write_pdf(tmp_path / "pdf" / f"dongjiang-daily-2025-06-05-p{number}.pdf", [build()], order="shuffled")
    txt = tmp_path / "txt" / f"dongjiang-daily-2025-06-05-p{number}.txt"
    txt.write_text(as_text(header(number), stories), encoding="utf-8")
    from_pdf = run([pdf], tmp_path / "out-pdf", scripted_stages()[0], formats=["json"])
    from_txt = run([txt], tmp_path / "out-txt", scripted_stages()[0], formats=["json"])
    assert from_pdf.page_errors == from_txt.page_errors == []
    assert from_pdf.articles == from_txt.articles == len(stories)
    pdf_briefs, txt_briefs = _digest(tmp_path / "out-pdf")["articles"], _digest(tmp_path / "out-txt")["articles"]
    assert [{key: brief[key] for key in SAME} for brief in pdf_briefs] == [
        {key: brief[key] for key in SAME} for brief in txt_briefs]


def test_a_night_of_pdfs_runs_end_to_end_into_one_digest(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_pdf(inbox / "dongjiang-daily-2025-06-05-p1.pdf", [page_three_columns()], order="reversed")
    write_pdf(inbox / "dongjiang-daily-2025-06-05-p2.pdf", [page_two_columns_with_sidebar(), page_concert()])
    report = run([inbox], tmp_path / "out", scripted_stages()[0])
    assert report.page_errors == [] and report.article_errors == []
    document = _digest(tmp_path / "out")
    assert (document["paper"], document["date"], document["pages"]) == ("东江日报", "2025-06-05", [1, 2, 4])
    printed = [story.title for key in ("three-columns", "sidebar") for story in NIGHT[key][1]] + [CONCERT.title]
    assert sorted(article["headline"]["zh"] for article in document["articles"]) == sorted(
        " ".join(part for part in (story.kicker, story.title, story.subtitle) if part)
        for key in ("three-columns", "sidebar", "concert") for story in NIGHT[key][1])
    assert len(printed) == report.articles == 7
    assert list((tmp_path / "out").rglob("digest.md"))


def test_a_night_of_saved_html_runs_end_to_end_into_one_digest(tmp_path):
    night = write_html_night(tmp_path / "night")
    report = run([night], tmp_path / "out", scripted_stages()[0])
    assert report.page_errors == [] and report.article_errors == []
    document = _digest(tmp_path / "out")
    assert (document["paper"], document["date"], document["pages"]) == ("东江日报", "2025-06-05", [1, 2])
    assert sorted(article["headline"]["zh"] for article in document["articles"]) == sorted(
        " ".join(part for part in (story.kicker, story.title, story.subtitle) if part)
        for articles in HTML_NIGHT.values() for _, story in articles)
    bylines = [(article["byline"] or {}).get("zh", "") for article in document["articles"]]
    assert "■本报记者 刘传伏 周慧喆" in bylines


def test_a_folder_mixing_pdf_html_and_text_pages_is_one_night(tmp_path):
    inbox = write_html_night(tmp_path / "inbox")  # pages 1 and 2
    write_pdf(inbox / "dongjiang-daily-2025-06-05-p3.pdf", [page_four_columns()], order="shuffled")
    (inbox / "dongjiang-daily-2025-06-05-p4.txt").write_text(as_text(header(4), [CONCERT]), encoding="utf-8")
    report = run([inbox], tmp_path / "out", scripted_stages()[0], formats=["json"])
    assert report.page_errors == [] and report.article_errors == []
    document = _digest(tmp_path / "out")
    assert (document["paper"], document["date"], document["pages"]) == ("东江日报", "2025-06-05", [1, 2, 3, 4])
    assert report.articles == 4 + 3 + 1


@pytest.mark.slow
def test_summarizer_run_takes_a_folder_of_pdfs_and_one_of_saved_html(tmp_path, tiny_marian):
    """The command a scheduler runs, on real (tiny) models: a folder of PDFs with a scanned page
    among them and a folder of a saved HTML night give one digest, the scanned page one line."""
    pdfs, html = tmp_path / "pdf", write_html_night(tmp_path / "html")
    pdfs.mkdir()
    write_pdf(pdfs / "dongjiang-daily-2025-06-05-p3.pdf", [page_four_columns()], order="shuffled")
    write_blank_pdf(pdfs / "dongjiang-daily-2025-06-05-p9.pdf")
    result = CliRunner().invoke(main, ["run", str(pdfs), str(html), "--out", str(tmp_path / "out"), "--quiet",
                                       "--summarizer-model", "extractive", "--translator-model", str(tiny_marian)])
    assert result.exit_code == EXIT_FAILURES, result.output
    assert f"error: {pdfs / 'dongjiang-daily-2025-06-05-p9.pdf'}: page 1: no text layer (a scanned page?)" in result.stderr
    document = _digest(tmp_path / "out")
    assert (document["paper"], document["date"], document["pages"]) == ("东江日报", "2025-06-05", [1, 2, 3])
    assert len(document["articles"]) == 4 + 3
    assert document["page_errors"] == [f"{pdfs / 'dongjiang-daily-2025-06-05-p9.pdf'}: page 1: no text layer (a scanned page?)"]
    assert (tmp_path / "out" / paper_slug("东江日报") / "2025-06-05" / "digest.md").exists()
