"""Page text is data: in the Markdown digest it is never live HTML, a link, emphasis or a new block."""

import os

from markdown_it import MarkdownIt

from summarizer.records import Bilingual, Brief, Digest, Entity, EntityType, Method
from summarizer.writers.markdown import digest_to_markdown, md
from tests.helpers.stages import run, scripted_stages

HOSTILE = [
    "<script>alert('x')</script>", '<img src=x onerror="alert(1)">', "[click](javascript:alert(1))",
    "`code` and **bold** and _it_", "# not a heading", "| a | b |", "&lt;b&gt; &amp;", "1. not a list",
]


def _html_and_links(markdown: str) -> tuple[list[str], list[str]]:
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    html, links = [], []
    for token in tokens:
        for child in [token, *(token.children or [])]:
            if child.type in ("html_inline", "html_block") and not child.content.startswith(('<a id="brief-', "</a>")):
                html.append(child.content)
            if child.type == "link_open":
                links.append(str(child.attrs.get("href")))
            if child.type in ("em_open", "strong_open", "code_inline") and token.type != "inline":
                html.append(child.type)
    return html, links


def test_each_hostile_string_shows_as_itself():
    for text in HOSTILE:
        rendered = MarkdownIt("commonmark").render(md(text)).strip()
        assert rendered.startswith("<p>") and "<script" not in rendered and "<img" not in rendered
        assert "<a " not in rendered and "<em>" not in rendered and "<code>" not in rendered


def test_a_digest_of_hostile_text_has_no_raw_html_and_only_its_own_links():
    briefs = [Brief(headline_zh=text, headline_en=text, summary_zh=text, summary_en=text, method=Method.MODEL,
                    byline=Bilingual(text, text), note=Bilingual(text, text), problems=[text], notes=[text],
                    entities=[Entity(text, text, EntityType.PERSON, "pinyin", text, text),
                              Entity(text, None, EntityType.PLACE, "unverified")], pages=[1])
              for text in HOSTILE]
    digest = Digest(paper=HOSTILE[0], date="2024-05-07", slug="x", pages=[1], briefs=briefs,
                    models={"summarizer": HOSTILE[2], "translator": HOSTILE[1]}, paper_en=HOSTILE[3],
                    page_errors=[f"{HOSTILE[0]}: binary file"])
    markdown = digest_to_markdown(digest)
    html, links = _html_and_links(markdown)
    assert html == []
    assert links == [f"#brief-{number}" for number in range(1, len(HOSTILE) + 1)]
    assert not any(line.startswith(("# not", "1. not", "| a")) for line in markdown.splitlines())
    assert "\\<script\\>" in markdown


def test_a_page_whose_headline_holds_html_gives_a_digest_that_shows_it_as_text(tmp_path):
    page = tmp_path / "hostile-daily-2024-05-07-p1.txt"
    page.write_text(
        "东湖日报 2024年5月7日 星期二 第1版\n\n"
        "市长会见<script>alert(1)</script>代表团\n\n"
        "本报讯（记者 王海燕）5月6日上午，市长陈建国会见了来访的代表团，双方就经贸合作交换了意见。\n\n"
        "[点击](javascript:alert(1))新区开通智慧公交\n\n"
        "本报讯（记者 石玉梅）5月6日，东湖新区开通首条智慧公交线路，方便群众出行。\n", encoding="utf-8")
    odd_name = os.path.join(os.fsencode(tmp_path), b"hostile-daily-2024-05-07-p2<img>\n#.txt")
    with open(odd_name, "wb") as handle:
        handle.write(b"\x00binary\x00")
    stages, _, _ = scripted_stages()
    report = run([page, os.fsdecode(odd_name)], tmp_path / "out", stages)
    [markdown_file] = (tmp_path / "out").rglob("digest.md")
    markdown = markdown_file.read_text(encoding="utf-8")
    html, links = _html_and_links(markdown)
    assert html == [] and all(link.startswith("#brief-") for link in links)
    assert "alert(1)" in markdown and report.page_errors
