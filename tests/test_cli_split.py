import json

from click.testing import CliRunner

from summarizer.cli import main
from summarizer.errors import EXIT_FAILURES
from tests.helpers.paths import OWN_PAGES

EAST_P1 = OWN_PAGES / "east-lake-daily-2024-05-07-p1.txt"
EAST_P2 = OWN_PAGES / "east-lake-daily-2024-05-07-p2.txt"


def test_split_json_is_one_document_with_pages_in_input_order():
    result = CliRunner().invoke(main, ["split", "--json", str(EAST_P2), str(EAST_P1)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [page["source"] for page in document["pages"]] == [str(EAST_P2), str(EAST_P1)]
    first = document["pages"][1]
    assert (first["paper"], first["date"], first["page_no"]) == ("东湖日报", "2024-05-07", 1)
    article = first["articles"][0]
    for key in ("kicker", "title", "subtitle", "byline", "dateline", "subheads", "paragraphs",
                "continued_to_page", "continued_from_page", "kind"):
        assert key in article
    assert article["continued_to_page"] == 2 and article["dateline"] == "本报讯（记者 王海燕）"


def test_split_reports_bad_pages_in_one_line_each_and_goes_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(main, ["split", "--json", str(empty), str(EAST_P1), str(binary), str(missing)])
    assert result.exit_code == EXIT_FAILURES
    errors = result.stderr.strip().splitlines()
    assert errors == [
        f"error: {empty}: empty file",
        f"error: {binary}: binary file, not text",
        f"error: {missing}: no such file",
    ]
    assert "Traceback" not in result.output
    document = json.loads(result.stdout)
    assert [page["source"] for page in document["pages"]] == [str(EAST_P1)]


def test_split_outline_names_each_article(seed_page):
    result = CliRunner().invoke(main, ["split", str(seed_page)])
    assert result.exit_code == 0
    assert "9 articles" in result.stdout
    assert "[meeting] 于永生会见白俄罗斯驻华大使" in result.stdout
    assert "continues on page 2" in result.stdout
