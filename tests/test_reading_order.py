"""Reading order from places alone (the XY-cut the PDF reader uses), on lines placed by hand."""

import random

import pytest

from summarizer.readers.pdf import page_text
from summarizer.readers.reading_order import Box, Rule, Span, reading_order


def column(x: float, top: float, texts: list[str], size: float = 10.0, width: float = 100.0) -> list[Span]:
    return [Span(text, size, x, top + n * 1.5 * size, x + width, top + n * 1.5 * size + size)
            for n, text in enumerate(texts)]


def headline(text: str, x0: float, x1: float, top: float, size: float = 20.0) -> Span:
    return Span(text, size, x0, top, x1, top + size)


def order(spans: list[Span], rules: list[Rule] = (), frames: list[Box] = ()) -> list[str]:
    return [span.text for group in reading_order(spans, list(rules), list(frames)) for span in group.spans]


def shuffled(spans: list[Span], seed: int) -> list[Span]:
    spans = list(spans)
    random.Random(seed).shuffle(spans)
    return spans


def side_by_side() -> list[Span]:
    """Two stories of two columns each, side by side, each headline centred over its columns only
    as far as the middle: a row cut would read both headlines first."""
    return [
        headline("A标题", 60, 160, 0), *column(0, 30, ["a1", "a2", "a3"]), *column(110, 30, ["a4", "a5", "a6"]),
        headline("B标题", 290, 390, 0), *column(230, 30, ["b1", "b2"]), *column(340, 30, ["b3", "b4"]),
    ]


@pytest.mark.parametrize("seed", range(5))
def test_stories_side_by_side_are_read_story_by_story_whatever_the_stored_order(seed):
    assert order(shuffled(side_by_side(), seed)) == ["A标题", "a1", "a2", "a3", "a4", "a5", "a6",
                                                     "B标题", "b1", "b2", "b3", "b4"]


@pytest.mark.parametrize("seed", range(5))
def test_a_headline_over_the_middle_column_is_read_before_all_three(seed):
    spans = [headline("标题", 130, 190, 0), *column(0, 30, ["c1", "c2"]), *column(110, 30, ["c3", "c4"]),
             *column(220, 30, ["c5", "c6"])]
    assert order(shuffled(spans, seed)) == ["标题", "c1", "c2", "c3", "c4", "c5", "c6"]


def test_a_rule_across_the_page_ends_the_strip_above_it():
    """Without the rule the bottom story's columns would be read as the top story's next columns."""
    top = [headline("上", 100, 200, 0), *column(0, 30, ["t1", "t2"]), *column(220, 30, ["t3", "t4"])]
    bottom = [headline("下", 100, 200, 80), *column(0, 110, ["u1", "u2"]), *column(220, 110, ["u3", "u4"])]
    rule = Rule(0, 75, 320, 75)
    assert order(shuffled(top + bottom, 3), [rule]) == ["上", "t1", "t2", "t3", "t4", "下", "u1", "u2", "u3", "u4"]


def test_a_boxed_sidebar_is_read_whole_where_it_stands():
    """The box's lines sit beside the column's; unboxed they would be read interleaved."""
    spans = [*column(0, 0, ["x1", "x2", "x3", "x4"]),
             Span("框题", 12, 120, 0, 200, 12), *column(120, 18, ["y1", "y2"], width=80)]
    frame = Box(115, -3, 205, 50)
    assert order(shuffled(spans, 1), frames=[frame]) == ["x1", "x2", "x3", "x4", "框题", "y1", "y2"]


def test_the_pieces_of_a_letter_spaced_headline_are_one_line_of_the_page_text():
    pieces = [Span("全", 20, 100, 0, 120, 20), Span("市", 20, 135, 0, 155, 20), Span("新", 20, 170, 0, 190, 20),
              Span("闻", 20, 205, 0, 225, 20)]
    body = column(0, 30, ["\u3000\u3000正文第一行。", "第二段不缩进的短行"], width=300)
    text, lines = page_text(reading_order(shuffled(pieces, 2) + body, [], []))
    assert text.split("\n\n")[0] == "全市新闻"
    assert [(line.text, line.size) for line in lines][:1] == [("全市新闻", 20)]


@pytest.mark.parametrize("seed", range(5))
def test_two_stories_stacked_in_two_columns_beside_a_third_column_story(seed):
    """No rule anywhere: the stories stacked in columns 1-2 are read one after the other, each
    headline before its own columns, then the story that fills column 3."""
    spans = [
        headline("甲标题", 40, 180, 0), *column(0, 30, ["a1", "a2"]), *column(110, 30, ["a3", "a4"]),
        headline("乙标题", 40, 180, 80), *column(0, 110, ["b1", "b2"]), *column(110, 110, ["b3", "b4"]),
        headline("丙标题", 230, 310, 0), *column(220, 30, ["c1", "c2", "c3", "c4", "c5", "c6"]),
    ]
    assert order(shuffled(spans, seed)) == ["甲标题", "a1", "a2", "a3", "a4", "乙标题", "b1", "b2", "b3", "b4",
                                            "丙标题", "c1", "c2", "c3", "c4", "c5", "c6"]
