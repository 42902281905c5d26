"""The nightly job end to end: digests, cache, resume, isolation, stitching, bad input, lock."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from summarizer.cli import main
from summarizer.config import RunOptions
from summarizer.errors import EXIT_CANNOT_START, EXIT_FAILURES
from summarizer.job.outputs import OutputLock
from summarizer.job.run import CACHE_NAME
from summarizer.stages.briefing import Stages
from tests.helpers.stages import EAST, EAST_SLUG, run, scripted_stages


def test_seed_page_digest_has_nine_briefs_with_the_ambassador_meeting_first(seed_page, tmp_path):
    stages, _, _ = scripted_stages()
    report = run([seed_page], tmp_path, stages)
    assert not report.failed and report.articles == 9
    folder = tmp_path / "jining-daily" / "2021-12-04"
    digest = json.loads((folder / "digest.json").read_text(encoding="utf-8"))
    assert digest["paper"] == "jining-daily" and digest["date"] == "2021-12-04"
    articles = digest["articles"]
    assert len(articles) == 9
    first = articles[0]
    assert first["headline"]["zh"] == "于永生会见白俄罗斯驻华大使" and first["foreign_affairs"] is True
    assert {"zh": "于永生", "en": "Yu Yongsheng", "type": "person"}.items() <= first["entities"][0].items()
    for article in articles:
        assert set(article) >= {"id", "pages", "headline", "summary", "byline", "dateline", "kind",
                                "foreign_affairs", "entities", "error"}
        assert article["pages"] == [1] and article["summary"]["method"] in ("model", "extractive-fallback")
        assert article["error"] is None
    scores = [a["foreign_affairs_score"] for a in articles]
    assert scores[0] > 0 and all(a >= b for a, b in zip(scores, scores[1:]) if b > 0)
    assert [a["foreign_affairs"] for a in articles] == [s > 0 for s in scores]
    markdown = (folder / "digest.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Jining Daily — 2021-12-04\n\n*Not printed on the pages: the date comes from the "
                               "job config; the paper's name comes from the file name.*\n\n9 articles from 1 page")
    assert "## Contents" in markdown and "**于永生会见白俄罗斯驻华大使**" in markdown
    assert markdown.index("于永生会见白俄罗斯驻华大使") < markdown.index("选优派强 接续奋斗")
    assert "> 摘要：" in markdown and "Yu Yongsheng, Mayor (于永生, 市长)\n" in markdown
    assert "JINING, Dec. 3 — Hao Minglei, reporter\n" in markdown
    assert first["dateline"] == {"zh": "本报济宁12月3日讯（记者 郝明雷）", "en": "JINING, Dec. 3 — Hao Minglei, reporter"}
    assert "continues on page 2" in markdown


def test_second_run_does_no_model_work_and_writes_the_same_digest(tmp_path):
    stages, summarizer_backend, translator_backend = scripted_stages()
    first = run(EAST, tmp_path, stages)
    files = {p: p.read_bytes() for p in tmp_path.rglob("digest.*")}
    calls = len(summarizer_backend.batches) + len(translator_backend.batches)
    second = run(EAST, tmp_path, stages)
    assert second.cache_hits == first.articles == 7 and second.generated == 0
    assert len(summarizer_backend.batches) + len(translator_backend.batches) == calls
    assert {p: p.read_bytes() for p in tmp_path.rglob("digest.*")} == files
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_changed_glossary_or_model_setting_is_not_served_from_cache(tmp_path):
    stages, _, _ = scripted_stages()
    run(EAST, tmp_path, stages)
    changed = Stages(stages.summarizer, stages.translator, stages.glossary.merged({"terms": {"夜读": "night reading"}}, "x"))
    assert run(EAST, tmp_path, changed).cache_hits == 0


def test_continued_article_is_stitched_into_one_brief_covering_both_pages(tmp_path):
    stages, summarizer_backend, _ = scripted_stages()
    run(EAST, tmp_path, stages)
    digest = json.loads((tmp_path / EAST_SLUG / "2024-05-07" / "digest.json").read_text(encoding="utf-8"))
    assert digest["pages"] == [1, 2]
    lyon = [a for a in digest["articles"] if a["headline"]["zh"].startswith("市政府与法国里昂市")]
    assert len(lyon) == 1 and lyon[0]["pages"] == [1, 2] and lyon[0]["foreign_affairs"]
    stitched_input = next(text for text in summarizer_backend.inputs if text.startswith("5月6日上午"))
    assert "根据备忘录" in stitched_input
    assert len(digest["articles"]) == 7
    markdown = (tmp_path / EAST_SLUG / "2024-05-07" / "digest.md").read_text(encoding="utf-8")
    assert "**Names to check** (no reliable English form; add them to a glossary): 让·马丁 (brief 1)" in markdown


def test_one_failing_article_is_isolated(tmp_path):
    def summary(text):
        if "田径运动会" in text:
            raise RuntimeError("model crashed on this input")
        return text[:60]

    stages, _, _ = scripted_stages(summary=summary)
    report = run(EAST, tmp_path, stages, batch_size=4)
    assert len(report.article_errors) == 1 and "model crashed" in report.article_errors[0]
    written = json.loads((tmp_path / "run-report.json").read_text(encoding="utf-8"))
    assert written["article_errors"] == report.article_errors and written["articles"] == 7
    digest = json.loads((tmp_path / EAST_SLUG / "2024-05-07" / "digest.json").read_text(encoding="utf-8"))
    failed = [a for a in digest["articles"] if a["error"]]
    assert len(failed) == 1 and failed[0]["summary"]["method"] == "failed"
    assert all(a["summary"]["zh"] for a in digest["articles"] if not a["error"])
    assert "could not be summarized: RuntimeError: model crashed" in (
        tmp_path / EAST_SLUG / "2024-05-07" / "digest.md").read_text(encoding="utf-8")
    fixed, _, _ = scripted_stages()
    again = run(EAST, tmp_path, fixed, batch_size=4)
    assert again.cache_hits == 6 and again.generated == 1 and not again.failed


def test_bad_pages_are_reported_and_skipped_with_nothing_else_lost(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for page in EAST:
        (inbox / page.name).write_bytes(page.read_bytes())
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (inbox / "unknown-encoding.txt").write_bytes(b"\x81\x20\xff\xfe\x80abc" * 10)
    result = CliRunner().invoke(main, ["run", str(inbox), "--out", str(tmp_path / "out"), "--quiet",
                                       "--summarizer-model", "extractive", "--translator-model", "extractive"])
    assert result.exit_code == EXIT_CANNOT_START  # extractive is no translator: refused before any work
    assert "extractive is a summarizer, not a translator" in result.output
    stages, _, _ = scripted_stages()
    report = run([inbox], tmp_path / "out", stages)
    assert sorted(error.split(": ")[1] for error in report.page_errors) == [
        "binary file, not text", "empty file", "unknown text encoding (expected UTF-8, UTF-16 or GB18030/GBK)"]
    assert report.articles == 7 and not report.article_errors


@pytest.mark.slow
def test_cli_exit_status_says_finished_with_failures(tmp_path, tiny_marian):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "page.txt").write_bytes(EAST[0].read_bytes())
    (inbox / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["run", str(inbox), "--out", str(tmp_path / "out"),
                                       "--summarizer-model", "extractive", "--translator-model", str(tiny_marian)])
    assert result.exit_code == EXIT_FAILURES, result.output
    assert f"error: {inbox / 'empty.txt'}: empty file" in result.stderr
    assert "finished with failures" in result.stderr and "Traceback" not in result.output
    assert (tmp_path / "out" / EAST_SLUG / "2024-05-07" / "digest.md").exists()


def test_missing_model_stops_before_any_work_with_the_fetch_command(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "empty-cache"))
    result = CliRunner().invoke(main, ["run", str(EAST[0]), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_CANNOT_START
    assert "summarizer models fetch mt5-xlsum" in result.output
    assert not list((tmp_path / "out").rglob("digest.*"))


def test_a_second_run_on_a_locked_output_folder_refuses_to_start(tmp_path):
    (tmp_path / "out").mkdir()
    with OutputLock(tmp_path / "out"):
        result = CliRunner().invoke(main, ["run", str(EAST[0]), "--out", str(tmp_path / "out"),
                                           "--summarizer-model", "extractive"])
    assert result.exit_code == EXIT_CANNOT_START
    assert "another run is writing here" in result.output


def test_an_empty_inbox_cannot_start(tmp_path):
    (tmp_path / "inbox").mkdir()
    result = CliRunner().invoke(main, ["run", str(tmp_path / "inbox"), "--out", str(tmp_path / "out"),
                                       "--summarizer-model", "extractive"])
    assert result.exit_code == EXIT_CANNOT_START and "no page files (*.txt, *.pdf, *.htm, *.html) in" in result.output


def test_an_unusable_output_folder_or_config_cannot_start(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["run", str(EAST[0]), "--out", str(blocker / "out")])
    assert result.exit_code == EXIT_CANNOT_START and "output folder is not usable" in result.output
    config = tmp_path / "job.toml"
    config.write_text('inputs = ["pages"]\nout = "out"\nwhatever = 1\n')
    result = CliRunner().invoke(main, ["run", "--config", str(config)])
    assert result.exit_code == EXIT_CANNOT_START and "job.toml: unknown setting 'whatever'" in result.output


def test_config_file_paths_are_relative_to_it_and_options_override_it(tmp_path):
    config = tmp_path / "job.toml"
    config.write_text('inputs = ["pages"]\nout = "digests"\nbatch_size = 4\nsummarizer_model = "extractive"\n'
                      'translator_model = "served-translator.toml"\n')
    options = RunOptions.load(config, batch_size=2)
    assert options.inputs == [str(tmp_path / "pages")] and options.out == str(tmp_path / "digests")
    assert options.batch_size == 2 and options.summarizer_model == "extractive"
    assert options.translator_model == str(tmp_path / "served-translator.toml")
    config.write_text('inputs = ["pages"]\nout = "digests"\ntranslator_model = "../models/tiny-marian"\n')
    assert RunOptions.load(config).translator_model == str(tmp_path / "../models/tiny-marian")
    config.write_text('inputs = ["pages"]\nout = "digests"\ntranslator_model = "opus-mt-zh-en"\n')
    assert RunOptions.load(config).translator_model == "opus-mt-zh-en"


def _cached_rows(path) -> int:
    try:
        with sqlite3.connect(path, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM briefs").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_killed_run_resumes_without_redoing_finished_articles(seed_page, tmp_path, tiny_mt5, tiny_marian):
    quick_mt5 = tmp_path / "quick-mt5.toml"  # the real model path, with greedy short decoding: the test is about resuming
    quick_mt5.write_text(f'name = "quick-mt5"\ntask = "summarize"\nmodel = "{tiny_mt5}"\nlong_articles = "lead"\n'
                         '[generation]\nnum_beams = 1\nmax_new_tokens = 24\n', encoding="utf-8")
    command = [sys.executable, "-m", "summarizer", "run", str(seed_page), "--date", "2021-12-04", "--batch-size", "1",
               "--quiet", "--summarizer-model", str(quick_mt5), "--translator-model", str(tiny_marian)]
    environment = {**os.environ, "HF_HUB_OFFLINE": "1"}
    killed_out = tmp_path / "killed"
    process = subprocess.Popen(command + ["--out", str(killed_out)], env=environment)
    deadline = time.time() + 120
    while _cached_rows(killed_out / CACHE_NAME) < 2 and process.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    finished_before = _cached_rows(killed_out / CACHE_NAME)
    assert 2 <= finished_before < 9, "the run should have been killed part-way"
    assert not list(killed_out.rglob("digest.*"))

    resumed = subprocess.run(command + ["--out", str(killed_out)], env=environment, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{finished_before} from cache, {9 - finished_before} summarized" in resumed.stderr

    uninterrupted = subprocess.run(command + ["--out", str(tmp_path / "whole")], env=environment)
    assert uninterrupted.returncode == 0
    for name in ("digest.json", "digest.md"):
        relative = f"jining-daily/2021-12-04/{name}"
        assert (killed_out / relative).read_bytes() == (tmp_path / "whole" / relative).read_bytes()


def test_a_damaged_cache_is_set_aside_and_the_run_goes_on(tmp_path):
    stages, _, _ = scripted_stages()
    (tmp_path / CACHE_NAME).write_bytes(b"this is not a database" * 100)
    report = run(EAST, tmp_path, stages)
    assert not report.failed and report.generated == 7
    assert list(tmp_path.glob(f"{CACHE_NAME}.damaged-*"))
    assert run(EAST, tmp_path, stages).cache_hits == 7


def test_a_digest_that_cannot_be_written_is_a_failure_not_a_crash(tmp_path):
    stages, _, _ = scripted_stages()
    (tmp_path / EAST_SLUG).write_text("a file where the edition folder should be")
    report = run(EAST, tmp_path, stages)
    assert report.failed and "cannot write the digest" in report.output_errors[0]
