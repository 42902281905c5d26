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


def test_an_abbreviation_pair_counts_only_as_a_word_or_a_pair_not_inside_a_longer_word():
    assert score("我市民营经济在发展中日益壮大，成为经济增长的重要力量。") == 0
    assert score("中日经贸合作不断深化，双方企业签署协议。") > 0
    assert score("首趟中欧班列从我市发车。") > 0


def test_regional_and_world_bodies_are_foreign_and_a_joint_statement_is_a_top_item():
    ministers = score("第58届东盟外长会议在吉隆坡举行，会后发表联合声明，各方同意加强区域合作。")
    soybeans = score("巴西大豆今年产量预计增长，国内压榨企业采购积极。")
    meeting = score("市长于永生会见了白俄罗斯驻华大使一行，双方同意深化友城交往。", "meeting")
    assert score("联合国开发计划署代表参观了我市光伏项目。") > 0
    assert ministers > meeting > soybeans > 0


def test_a_foreign_head_of_state_named_in_the_glossary_makes_a_meeting_foreign_affairs():
    assert score("习近平会见了普京。") > score("习近平主持召开会议。") == 0
