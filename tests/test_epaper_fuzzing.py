"""Any bytes as an e-paper PDF or HTML page give pages or one-line errors, never a crash: the
readers parse untrusted files."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.errors import PageError
from summarizer.records import Page
from summarizer.splitting import split_file_pages
from tests.helpers.epaper import BAVARIA, content_html, page_concert, write_pdf

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _pages_or_one_line_errors(path: Path) -> None:
    try:
        pages, errors = split_file_pages(path)
    except PageError as error:
        assert str(error).startswith(f"{path}: ") and "\n" not in str(error)
        return
    assert all(isinstance(page, Page) and page.articles for page in pages)
    assert all(str(error).startswith(f"{path}: ") and "\n" not in str(error) for error in errors)


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_as_a_pdf(tmp_path, data):
    path = tmp_path / "page.pdf"
    path.write_bytes(data)
    _pages_or_one_line_errors(path)


@FAST
@given(st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 255)), min_size=1, max_size=20))
def test_a_real_pdf_with_bytes_changed(tmp_path_factory, changes):
    folder = tmp_path_factory.mktemp("pdf")
    data = bytearray(write_pdf(folder / "seed.pdf", [page_concert()]).read_bytes())
    for position, value in changes:
        data[position % len(data)] = value
    path = folder / "changed.pdf"
    path.write_bytes(bytes(data))
    _pages_or_one_line_errors(path)


@FAST
@given(st.binary(max_size=2000), st.sampled_from(["content_1.htm", "node_1.htm", "page.html"]))
def test_any_bytes_as_an_html_page(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    _pages_or_one_line_errors(path)


@FAST
@given(st.integers(0, 10**6), st.text(max_size=40))
def test_a_content_page_cut_anywhere_or_with_text_pasted_in(tmp_path, cut, pasted):
    html = content_html(BAVARIA, 102, 1)
    at = cut % len(html)
    path = tmp_path / "content_102.htm"
    path.write_bytes((html[:at] + pasted).encode("gb18030"))
    _pages_or_one_line_errors(path)
