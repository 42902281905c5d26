from summarizer.names.entities import find_entities
from summarizer.names.glossary import Glossary
from summarizer.records import Article, Kind, Method
from summarizer.stages.briefing import NOTICE_NOTE, foreign_affairs_score, make_briefs
from tests.helpers.stages import scripted_stages

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


def test_a_notice_is_shown_by_its_opening_sentence_and_never_sent_to_the_summarizer():
    stages, summarizer_backend, _ = scripted_stages()
    notice = Article(title="关于东湖大道部分路段封闭施工的通告", kind=Kind.NOTICE, paragraphs=[
        "因道路改造需要，东湖大道中山路至解放路段将于5月10日起封闭施工，为期30天。", "一、施工期间，过往车辆请绕行。", "特此通告。"])
    news = Article(title="市长会见来访代表团", paragraphs=["5月6日上午，市长陈建国会见了来访的代表团，双方就经贸合作交换了意见。"])
    notice_brief, news_brief = make_briefs([notice, news], stages)
    assert notice_brief.summary_zh == "因道路改造需要，东湖大道中山路至解放路段将于5月10日起封闭施工，为期30天。"
    assert notice_brief.method == Method.EXTRACTIVE and NOTICE_NOTE in notice_brief.notes
    assert [text for batch in summarizer_backend.batches for text in batch] == [news.body]
    assert news_brief.method == Method.MODEL
