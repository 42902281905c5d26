from summarizer.names.entities import Glossary, find_entities
from summarizer.stages.briefing import foreign_affairs_score

GLOSSARY = Glossary.load()


def score(text: str, kind: str = "news") -> int:
    return foreign_affairs_score(text, find_entities(text, GLOSSARY), GLOSSARY, kind)


def test_diplomatic_meetings_outrank_passing_foreign_mentions_and_domestic_news_scores_nothing():
    meeting = score("市长于永生会见了白俄罗斯驻华大使尤里·先科一行，双方同意深化友城交往。", "meeting")
    industrial = score("企业规划建设的中韩高端装备制造产业园项目进展顺利。")
    domestic = score("全市夏粮收购工作全面启动，预计收购小麦20万吨。")
    assert meeting > industrial > domestic == 0


def test_chinese_english_text_and_news_agencies_are_not_foreign_affairs():
    assert score("学校开设中英文双语课程。据中新社报道，活动圆满结束。") == 0
