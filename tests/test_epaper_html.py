"""Saved e-paper HTML (Founder-style sites): a content page is one article with its 引题, 主题 and
副题 kept, a layout page is its articles in page order, and a folder of a night's pages is that
night, read whatever charset the pages declare."""

import json

import pytest
from click.testing import CliRunner

from summarizer.cli import main
from summarizer.errors import PageError
from summarizer.readers import expand_inputs, read_pages
from summarizer.readers.html import decode_html
from summarizer.splitting import split_file, split_page_files
from tests.helpers.epaper import (
    BAVARIA,
    EV_CHAIN,
    GBK_ONLY,
    HTML_NIGHT,
    SCIENCE_HTML,
    UTILITIES,
    assert_is_story,
    content_html,
    node_html,
    write_html_night,
)


def test_a_page_declared_gb2312_keeps_its_gbk_only_characters():
    data = content_html(SCIENCE_HTML, 101, 1).encode("gb18030")
    text = decode_html(data, "content_101.htm")
    assert all(ch in text for ch in "喆堃")
    assert set(GBK_ONLY) - {"镕"} <= set(text)


@pytest.mark.parametrize("encoding, declared", [
    ("utf-8", "utf-8"), ("gb18030", "gbk"), ("gb18030", "GB2312"), ("gb18030", None), ("utf-8", None),
])
def test_pages_decode_by_their_declared_charset_else_by_detection(encoding, declared):
    html = content_html(BAVARIA, 102, 1)
    html = html.replace("charset=gb2312", f"charset={declared}") if declared else html.replace(
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "")
    assert decode_html(html.encode(encoding), "x.htm") == html


def test_a_content_page_is_one_article_with_its_headline_parts_byline_and_date(tmp_path):
    path = tmp_path / "content_101.htm"
    path.write_bytes(content_html(SCIENCE_HTML, 101, 1).encode("gb18030"))
    [page] = split_file(path)
    [article] = page.articles
    assert_is_story(article, SCIENCE_HTML)
    assert (page.paper, page.date, page.page_no) == ("东江日报", "2025-06-05", 1)


def test_a_headline_that_reads_as_a_sentence_stays_the_headline(tmp_path):
    path = tmp_path / "content_201.htm"
    path.write_bytes(content_html(UTILITIES, 201, 2, "综合").encode("gb18030"))
    [page] = split_file(path)
    [article] = page.articles
    assert_is_story(article, UTILITIES)
    assert page.page_no == 2


def test_a_folder_of_a_night_gives_each_page_its_articles_in_title_list_order(tmp_path):
    night = write_html_night(tmp_path / "night")
    files = expand_inputs([str(night)])
    assert [path.name for path in files] == ["node_1.htm", "node_2.htm"]  # content pages come with their page
    pages, errors = split_page_files(files)
    assert errors == []
    assert [page.page_no for page in pages] == [1, 2]
    for page, articles in zip(pages, HTML_NIGHT.values()):
        assert [a.title for a in page.articles] == [story.title for _, story in articles]
        for article, (_, story) in zip(page.articles, articles):
            assert_is_story(article, story)
    assert [a.title for a in pages[1].articles] == [EV_CHAIN.title, UTILITIES.title]


def test_a_content_page_named_alone_is_read_alone(tmp_path):
    night = write_html_night(tmp_path / "night")
    [page] = split_file(night / "content_102.htm")
    assert [a.title for a in page.articles] == [BAVARIA.title]


def test_a_layout_page_whose_content_pages_were_not_saved_is_one_clear_line(tmp_path):
    night = write_html_night(tmp_path / "night")
    for article_id, _ in HTML_NIGHT[2]:
        (night / f"content_{article_id}.htm").unlink()
    with pytest.raises(PageError) as caught:
        read_pages(night / "node_2.htm")
    assert str(caught.value) == (f"{night / 'node_2.htm'}: none of the 2 articles it lists was saved beside it "
                                 "(content_202.htm, content_201.htm)")


def test_a_page_with_no_article_text_is_one_clear_line(tmp_path):
    path = tmp_path / "index.htm"
    path.write_text("<html><head><title>首页</title></head><body><a href='node_1.htm'>第01版</a></body></html>",
                    encoding="utf-8")
    with pytest.raises(PageError) as caught:
        split_file(path)
    assert str(caught.value) == f"{path}: no article text (neither a content page nor a layout page)"


def test_split_reads_a_folder_of_saved_html(tmp_path):
    night = write_html_night(tmp_path / "night")
    result = CliRunner().invoke(main, ["split", "--json", str(night)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [[a["title"] for a in page["articles"]] for page in document["pages"]] == [
        [story.title for _, story in articles] for articles in HTML_NIGHT.values()]


def test_metadata_fields_in_tags_of_their_own_and_a_section_without_a_page_number(tmp_path):
    """Some sites wrap a field (`<title><p>…</p></title>`) and name the section without its page;
    a page without h1 takes its headline from the metadata, and its date still reaches the page."""
    html = content_html(BAVARIA, 102, 1)
    html = html.replace("<h1>", "<div>").replace("</h1>", "</div>").replace(
        f"<title>{BAVARIA.title}</title><keyword>", f"<title><p>{BAVARIA.title}</p></title><keyword>").replace(
        "<nodename>第01版：要闻</nodename>", "<nodename>本地时政</nodename>")
    path = tmp_path / "content_102.htm"
    path.write_bytes(html.encode("gb18030"))
    [page] = split_file(path)
    [article] = page.articles
    assert_is_story(article, BAVARIA)
    assert (page.paper, page.date, page.page_no) == ("东江日报", "2025-06-05", None)


def test_a_sites_index_page_in_the_folder_leaves_the_layout_pages_in(tmp_path):
    night = write_html_night(tmp_path / "night")
    (night / "index.htm").write_text(
        "<html><body><ul><li><a href='node_1.htm'>第01版：要闻</a></li><li><a href='node_2.htm'>第02版：综合</a></li>"
        "</ul></body></html>", encoding="utf-8")
    files = expand_inputs([str(night)])
    assert [path.name for path in files] == ["index.htm", "node_1.htm", "node_2.htm"]
    pages, errors = split_page_files(files)
    assert [str(error) for error in errors] == [
        f"{night / 'index.htm'}: no article text (neither a content page nor a layout page)"]
    assert [len(page.articles) for page in pages] == [2, 2]


def test_an_older_content_page_with_line_breaks_for_paragraphs_and_a_layout_page_that_names_its_page(tmp_path):
    """Older sites set the body as text with `<br>` and `&nbsp;` indents inside the zoom box, and
    name only the section in the metadata: the layout page's own `第02版` gives the page."""
    story = UTILITIES
    body = "<br>".join(f"&nbsp;&nbsp;&nbsp;&nbsp;{paragraph}" for paragraph in story.paragraphs)
    html = content_html(story, 201, 2, "综合").replace("<nodename>第02版：综合</nodename>", "<nodename>综合</nodename>")
    start, end = html.index("<founder-content>"), html.index("</founder-content>") + len("</founder-content>")
    html = html[:start] + body + html[end:]
    (tmp_path / "content_201.htm").write_bytes(html.encode("gb18030"))
    (tmp_path / "node_2.htm").write_bytes(node_html(2, [(201, story.title)], "综合").encode("gb18030"))
    [page] = split_file(tmp_path / "node_2.htm")
    [article] = page.articles
    assert_is_story(article, story)
    assert (page.date, page.page_no) == ("2025-06-05", 2)
