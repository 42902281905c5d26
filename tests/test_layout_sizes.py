"""Headlines by type size where the reader gives sizes (splitting/layout.py), on pages given as
lines with their sizes: what the size decides, and what it must not."""

from summarizer.records import Line, PageText
from summarizer.splitting import split_page


def page(*lines: tuple[str, float]) -> PageText:
    """A page of blocks, one line each, with their sizes."""
    text = "\n\n".join(line for line, _ in lines) + "\n"
    return PageText("sized.pdf", text, lines=tuple(Line(line, size) for line, size in lines))


BODY = [("\u3000\u3000本报讯（记者 张三）6月4日，全市防汛工作会议召开，部署今年防汛重点工作。", 10.0),
        ("\u3000\u3000会议要求，各地要压实防汛责任，做好物资储备和人员转移准备。", 10.0)]


def test_a_larger_line_is_a_headline_whatever_its_punctuation():
    [article] = split_page(page(("防汛、排涝、抗旱、救灾全面部署", 20.0), *BODY)).articles
    assert article.title == "防汛、排涝、抗旱、救灾全面部署"
    assert len(article.paragraphs) == 2


def test_the_largest_part_is_the_title_the_smaller_above_it_the_kicker_and_below_it_the_subtitle():
    [article] = split_page(page(("压实责任", 13.0), ("全市防汛工作会议召开", 20.0), ("王五出席并讲话", 13.0), *BODY)).articles
    assert (article.kicker, article.title, article.subtitle) == ("压实责任", "全市防汛工作会议召开", "王五出席并讲话")
    [article] = split_page(page(("聚焦防汛", 13.0), ("全市防汛工作会议召开部署今年重点工作", 20.0), *BODY)).articles
    assert (article.kicker, article.title, article.subtitle) == ("聚焦防汛", "全市防汛工作会议召开部署今年重点工作", None)


def test_a_lead_paragraph_in_larger_type_stays_body():
    lead = ("今年入汛以来，我市降雨偏多。记者日前走访了多个防汛重点部位。", 12.0)
    feature = [("\u3000\u3000在城东排涝站，工作人员正在检修水泵，确保汛期正常运转。", 10.0),
               ("\u3000\u3000排涝站负责人介绍，今年新增了两台大功率水泵。", 10.0)]
    [article] = split_page(page(("全市防汛工作会议召开", 20.0), lead, *feature)).articles
    assert article.title == "全市防汛工作会议召开"
    assert article.paragraphs == [lead[0], *(text.strip("\u3000") for text, _ in feature)]


def test_lines_all_of_one_size_change_nothing():
    sized = page(("全市防汛工作会议召开", 10.0), *BODY)
    plain = PageText(sized.source, sized.text)
    assert [a.to_dict() for a in split_page(sized).articles] == [a.to_dict() for a in split_page(plain).articles]
