"""Bylines, datelines and end credits reach the English reader in English, with their reporters."""

import pytest

from summarizer.names.credits import byline_credit, dateline_credit, paper_to_english
from summarizer.names.glossary import Glossary

GLOSSARY = Glossary.load()


@pytest.mark.parametrize("byline, english", [
    ("■本报记者 刘传伏 王汝雅 本报通讯员 吴丛", "By Liu Chuanfu and Wang Ruya, staff reporters; Wu Cong, correspondent"),
    ("■本报评论员", "Staff commentator"),
    ("■本报记者 刘传伏 本报通讯员 李超张培龙", "By Liu Chuanfu, staff reporter; Li Chao and Zhang Peilong, correspondents"),
    ("本报记者:张三 通讯员:李四", "By Zhang San, staff reporter; Li Si, correspondent"),
    ("（记者 石玉梅）", "By Shi Yumei, reporter"),
    ("新华社记者 孙八摄", "Photo by Sun Ba, Xinhua reporter"),
    ("本报记者 张三 摄", "Photo by Zhang San, staff reporter"),
    ("（本报记者 李四 整理）", "Compiled by Li Si, staff reporter"),
    ("（摄影 王五）", "Photo by Wang Wu, photographer"),
    ("□晚报记者 吴峰 见习记者 魏冉", "By Wu Feng, staff reporter; Wei Ran, trainee reporter"),
])
def test_bylines_in_english(byline, english):
    assert byline_credit(byline, GLOSSARY).line.en == english


@pytest.mark.parametrize("dateline, english", [
    ("本报济宁12月3日讯（记者 郝明雷）", "JINING, Dec. 3 — Hao Minglei, reporter"),
    ("新华社北京5月6日电（记者 李四）", "BEIJING, May 6 (Xinhua) — Li Si, reporter"),
    ("本报讯（记者 崔霞）", "Cui Xia, reporter"),
    ("中新社上海９月１０日电", "SHANGHAI, Sept. 10 (China News Service)"),
    ("本报讯", "Staff report"),
    ("【本报讯】", "Staff report"),
    ("本报讯 记者 孙悦", "Sun Yue, reporter"),
    ("（本报综合）", "Compiled by staff"),
    ("据央视新闻", "CCTV News"),
    ("济宁日报讯", "Jining Daily report"),
    ("新华社乌鲁木齐5月6日电（记者 热依拉·买买提）", "URUMQI, May 6 (Xinhua) — [name to check] (热依拉·买买提), reporter"),
])
def test_datelines_in_english(dateline, english):
    assert dateline_credit(dateline, GLOSSARY).line.en == english


def test_reporters_are_people_with_roles_marked_as_credits():
    reporters = byline_credit("■本报记者 刘传伏 本报通讯员 吴丛", GLOSSARY).reporters
    assert [(r.zh, r.en, r.role_zh, r.role_en, r.credit) for r in reporters] == [
        ("刘传伏", "Liu Chuanfu", "记者", "Reporter", True), ("吴丛", "Wu Cong", "通讯员", "Correspondent", True)]


@pytest.mark.parametrize("paper, english", [
    ("济宁日报", "Jining Daily"), ("人民日报", "People's Daily"), ("东江日报", "Dongjiang Daily"),
    ("西安晚报", "Xi'an Evening News"),
])
def test_paper_names_in_english(paper, english):
    assert paper_to_english(paper, GLOSSARY) == english


def test_a_name_with_a_dot_in_a_credit_is_flagged_for_checking_never_passed_off_as_english():
    credit = byline_credit("■本报记者 热依拉·买买提 王汝雅", GLOSSARY)
    assert credit.line.en == "By [name to check] (热依拉·买买提) and Wang Ruya, staff reporters"
    flagged = [r for r in credit.reporters if r.needs_checking]
    assert [r.zh for r in flagged] == ["热依拉·买买提"] and flagged[0].en is None and flagged[0].credit
