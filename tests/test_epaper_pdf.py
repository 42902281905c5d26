"""E-paper PDFs: each page read in reading order whatever order its text is stored in, headlines
found by their type size, and a page that cannot be read named in one line while the rest go on."""

import json

import pytest
from click.testing import CliRunner

from summarizer.cli import main
from summarizer.errors import EXIT_FAILURES, PageError
from summarizer.readers import read_pages
from summarizer.splitting import split_file, split_page_files, split_page_text
from tests.helpers.epaper import (
    CONCERT,
    EV_CHAIN,
    NIGHT,
    UTILITIES,
    Frame,
    Sheet,
    as_text,
    assert_is_story,
    header,
    page_concert,
    page_four_columns,
    page_three_columns,
    write_blank_pdf,
    write_cid_pdf,
    write_pdf,
    write_text_as_pdf,
)
from tests.helpers.paths import OWN_PAGES, SEED_PAGE

ORDERS = ["reading", "reversed", "shuffled"]


PRINTED_PAGE = {"three-columns": 1, "sidebar": 2, "four-columns": 3, "concert": 4, "dense": 5}
"""The page number each test page's header prints (the four-column page prints its header in parts)."""


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("name", list(NIGHT))
def test_each_test_page_splits_into_its_stories_in_reading_order(tmp_path, name, order):
    build, stories = NIGHT[name]
    pdf = write_pdf(tmp_path / f"{name}.pdf", [build()], order=order)
    [page] = split_file(pdf)
    assert [article.title for article in page.articles] == [story.title for story in stories]
    for article, story in zip(page.articles, stories):
        assert_is_story(article, story)
    assert (page.paper, page.date, page.page_no) == ("东江日报", "2025-06-05", PRINTED_PAGE[name])


def test_paragraph_indents_are_kept_in_the_page_text(tmp_path):
    pdf = write_pdf(tmp_path / "p1.pdf", [page_three_columns()], order="shuffled")
    [text] = read_pages(pdf)
    assert "\u3000\u3000本报讯（记者 郝明雷）6月4日" in text.text


def test_font_size_finds_headlines_the_text_alone_gets_wrong(tmp_path):
    """A headline with three 、 reads as a sentence, and a kicker less than half its title's length
    as the title: as a `.txt` the page splits wrongly, as the PDF it splits right."""
    stories = NIGHT["four-columns"][1]
    as_txt = split_page_text(as_text(header(3), stories), "dongjiang-daily-2025-06-05-p3.txt")
    titles = {article.title for article in as_txt.articles}
    assert UTILITIES.title not in titles and EV_CHAIN.title not in titles
    [page] = split_file(write_pdf(tmp_path / "dongjiang-daily-2025-06-05-p3.pdf", [page_four_columns()]))
    assert [(a.kicker, a.title, a.subtitle) for a in page.articles] == [
        (EV_CHAIN.kicker, EV_CHAIN.title, None), (None, "市图书馆夜间开放延长至22时", None),
        (None, UTILITIES.title, UTILITIES.subtitle)]


def test_a_pdf_of_several_pages_is_several_pages_of_one_edition(tmp_path):
    pdf = write_pdf(tmp_path / "dongjiang-daily-2025-06-05.pdf", [page_three_columns(), page_concert()])
    texts = read_pages(pdf)
    assert [(t.hint.paper, t.hint.date, t.hint.page_no) for t in texts] == [
        ("dongjiang-daily", "2025-06-05", 1), ("dongjiang-daily", "2025-06-05", 2)]
    pages = split_file(pdf)
    assert [page.page_no for page in pages] == [1, 4]  # the headers' page numbers win over the order
    assert [a.title for a in pages[1].articles] == [CONCERT.title]


def test_a_scanned_page_is_one_line_and_the_other_pages_go_on(tmp_path):
    scanned = write_blank_pdf(tmp_path / "scanned.pdf")
    good = write_pdf(tmp_path / "good.pdf", [page_concert()])
    pages, errors = split_page_files([scanned, good])
    assert [str(error) for error in errors] == [f"{scanned}: page 1: no text layer (a scanned page?)"]
    assert [a.title for page in pages for a in page.articles] == [CONCERT.title]


def test_a_scanned_page_inside_a_pdf_spares_its_other_pages(tmp_path):
    picture_only = Sheet([Frame(100, 100, 500, 700)])
    both = write_pdf(tmp_path / "both.pdf", [page_concert(), picture_only])
    pages, errors = split_page_files([both])
    assert [str(error) for error in errors] == [f"{both}: page 2: no text layer (a scanned page?)"]
    assert [a.title for page in pages for a in page.articles] == [CONCERT.title]


@pytest.mark.parametrize("kind, reason", [
    ("encrypted", "encrypted (a password is needed to read it)"),
    ("cid", "page 1: text without a Unicode map ((cid:…) codes): the fonts give no characters"),
    ("garbage", "not a PDF file, or a damaged one"),
    ("empty", "not a PDF file, or a damaged one"),
])
def test_unreadable_pdfs_are_one_clear_line(tmp_path, kind, reason):
    path = tmp_path / f"{kind}.pdf"
    if kind == "encrypted":
        write_pdf(path, [page_concert()], encrypt="secret")
    elif kind == "cid":
        write_cid_pdf(path)
    else:
        path.write_bytes(b"" if kind == "empty" else b"%PDF-1.4\nthis is no PDF at all\n" * 20)
    with pytest.raises(PageError) as caught:
        split_file(path)
    assert str(caught.value) == f"{path}: {reason}"


def test_split_takes_a_folder_of_pdfs_and_text_pages(tmp_path):
    write_pdf(tmp_path / "dongjiang-daily-2025-06-05-p1.pdf", [page_three_columns()], order="shuffled")
    (tmp_path / "dongjiang-daily-2025-06-05-p4.txt").write_text(as_text(header(4), [CONCERT]), encoding="utf-8")
    write_blank_pdf(tmp_path / "dongjiang-daily-2025-06-05-p9.pdf")
    result = CliRunner().invoke(main, ["split", "--json", str(tmp_path)])
    assert result.exit_code == EXIT_FAILURES, result.output
    document = json.loads(result.stdout)
    assert [[a["title"] for a in page["articles"]] for page in document["pages"]] == [
        [story.title for story in NIGHT["three-columns"][1]], [CONCERT.title]]
    assert result.stderr.strip() == (f"error: {tmp_path / 'dongjiang-daily-2025-06-05-p9.pdf'}: "
                                     "page 1: no text layer (a scanned page?)")


@pytest.mark.parametrize("page", sorted(OWN_PAGES.glob("*.txt")) + [SEED_PAGE], ids=lambda page: page.stem)
def test_a_text_page_drawn_as_a_pdf_without_type_sizes_splits_as_the_text(tmp_path, page):
    """Where the PDF says no more than the text (one size, one column), the reader changes nothing
    the splitter relies on: the same articles, headline parts, credits and paragraphs."""
    if not page.exists():
        pytest.skip(f"the seed page is not beside the checkout ({page})")
    text = page.read_text(encoding="utf-8").replace("·", "")
    [from_pdf] = split_file(write_text_as_pdf(tmp_path / f"{page.stem}.pdf", text))
    from_text = split_page_text(text, page.name)
    assert [article.to_dict() for article in from_pdf.articles] == [article.to_dict() for article in from_text.articles]
    # a PDF page whose header and file name give no page number is numbered by its place in the PDF
    assert (from_pdf.paper, from_pdf.date, from_pdf.page_no) == (from_text.paper, from_text.date, from_text.page_no or 1)
