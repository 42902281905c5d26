"""Property tests: whatever a night feeds in, the job answers with a result or one clear error."""

import datetime
import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.config import SETTINGS, RunOptions
from summarizer.errors import ConfigError, PageError
from summarizer.names.glossary import Glossary
from summarizer.records import Brief, Digest, Page
from summarizer.splitting import split_page_file, split_page_text
from summarizer.stages.briefing import article_names
from summarizer.writers.json import digest_to_json
from summarizer.writers.markdown import digest_to_markdown

GLOSSARY = Glossary.load()
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PAGE_CHARACTERS = ("市长会见了白俄罗斯驻华大使尤里·先科一行本报讯记者通讯员济宁12月3日，。、：“”（）■□——\n\n \u3000"
                   "下转第2版上接简讯第1版2024年5月7日星期二日报汉堡州县区新华社北京电评论员短评编者按图为摄"
                   + string.ascii_letters[:6] + string.digits)


@FAST
@given(st.binary(max_size=3000))
def test_any_bytes_as_a_page_give_a_page_or_one_page_error(tmp_path, data):
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    try:
        page = split_page_file(path)
    except PageError as error:
        assert str(error).startswith(f"{path}: ") and "\n" not in str(error)
    else:
        assert isinstance(page, Page) and page.articles


TOML_KEYS = st.sampled_from([*SETTINGS, "whatever", "Inputs"])
TOML_VALUES = st.one_of(
    st.text(max_size=12), st.integers(-5, 50), st.booleans(), st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=datetime.date(1900, 1, 1)), st.lists(st.one_of(st.text(max_size=8), st.integers()), max_size=3),
)


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, datetime.date)):
        return str(value) if not isinstance(value, float) else repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    return json.dumps(value)


@FAST
@given(st.dictionaries(TOML_KEYS, TOML_VALUES, max_size=6), st.binary(max_size=40))
def test_any_toml_as_a_job_config_gives_options_or_one_config_error(tmp_path, settings_, junk):
    config = tmp_path / "job.toml"
    text = "".join(f"{key} = {toml_value(value)}\n" for key, value in settings_.items())
    config.write_bytes(text.encode("utf-8") + (junk if junk.startswith(b"#") else b""))
    try:
        options = RunOptions.load(config)
    except ConfigError as error:
        assert "\n" not in str(error) and str(error)
    else:
        assert options.inputs and options.out and options.batch_size >= 1


@FAST
@given(st.text(alphabet=PAGE_CHARACTERS, max_size=400))
def test_any_text_through_the_splitter_names_and_rendering_raises_nothing(text):
    try:
        page = split_page_text(text, "fuzz.txt")
    except PageError:
        return
    briefs = []
    for article in page.articles:
        entities, byline, dateline = article_names(article, GLOSSARY)
        briefs.append(Brief(headline_zh=article.headline, headline_en="", summary_zh=article.body[:80],
                            byline=byline, dateline=dateline, kind=article.kind, entities=entities))
    digest = Digest(paper=page.paper or "fuzz", date=page.date or "2024-01-01", slug="fuzz", briefs=briefs)
    assert digest_to_markdown(digest).startswith("# ")
    assert json.loads(digest_to_json(digest))["articles"] == [brief.to_dict() for brief in briefs]
    for brief in briefs:
        assert Brief.from_dict(brief.to_dict()) == brief
