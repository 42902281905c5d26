"""Faults a night can meet: damaged caches, full disks, killed runs, bad settings, and an exit
status that tells a scheduler the truth."""

import errno
import json
import os
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.cli import main
from summarizer.config import RunOptions
from summarizer.errors import EXIT_CANNOT_START, EXIT_FAILURES, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, ConfigError
from summarizer.job.cache import SCHEMA_VERSION, BriefCache
from summarizer.job.report import REPORT_NAME
from summarizer.job.run import CACHE_NAME
from tests.helpers.stages import EAST, EAST_SLUG, run, scripted_stages


def digests(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("digest.*"))


def test_a_cache_with_garbage_in_the_middle_is_set_aside_and_rebuilt(tmp_path):
    stages, _, _ = scripted_stages()
    run(EAST, tmp_path, stages)
    cache = tmp_path / CACHE_NAME
    with sqlite3.connect(cache) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(cache.read_bytes())
    assert len(data) > 8192
    data[4096:4096 + 20_000] = os.urandom(min(20_000, len(data) - 4096))
    cache.write_bytes(bytes(data))
    report = run(EAST, tmp_path, stages)
    assert not report.failed and report.generated == 7
    assert list(tmp_path.glob(f"{CACHE_NAME}.damaged-*"))
    assert run(EAST, tmp_path, stages).cache_hits == 7


def test_a_cache_of_an_older_schema_is_set_aside(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE briefs (id INTEGER, data BLOB)")
    cache = BriefCache(path)
    assert len(cache) == 0 and cache.problem is None
    cache.close()
    assert list(tmp_path.glob("old.sqlite3.damaged-*"))
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_rows_that_are_not_briefs_are_misses_not_crashes(tmp_path):
    stages, _, _ = scripted_stages()
    run(EAST, tmp_path, stages)
    with sqlite3.connect(tmp_path / CACHE_NAME) as db:
        keys = [row[0] for row in db.execute("SELECT key FROM briefs")]
        db.execute("UPDATE briefs SET brief = 'not json' WHERE key = ?", (keys[0],))
        db.execute("UPDATE briefs SET brief = '{\"headline\": 1}' WHERE key = ?", (keys[1],))
    report = run(EAST, tmp_path, stages)
    assert not report.failed and (report.cache_hits, report.generated) == (5, 2)


def test_a_full_disk_is_not_cache_damage(tmp_path, monkeypatch):
    stages, _, _ = scripted_stages()
    real_connect = sqlite3.connect

    def full_disk(path, *args, **kwargs):
        if str(path) != ":memory:":
            raise sqlite3.OperationalError("database or disk is full")
        return real_connect(path, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", full_disk)
    report = run(EAST, tmp_path, stages)
    assert report.generated == 7 and len(report.outputs) == 1
    assert "disk is full" in report.cache_problem
    assert not list(tmp_path.glob("*.damaged-*"))


@pytest.fixture
def small_disk(tmp_path):
    """A 300 KB tmpfs, where this machine lets the test mount one."""
    mount = tmp_path / "small"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(mount)], capture_output=True)
    if result.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_disk_gives_no_traceback_no_half_written_edition_and_no_cache_set_aside(small_disk):
    ballast = small_disk / "ballast"
    ballast.write_bytes(b"\0" * (300 * 1024 - 16_000))
    stages, _, _ = scripted_stages()
    report = run(EAST, small_disk / "out", stages)
    assert report.failed and "No space left on device" in report.output_errors[0]
    assert report.cache_problem and "cannot write the run report" in report.report_error
    assert digests(small_disk / "out") == [] and not list(small_disk.rglob("*.tmp"))
    assert not list(small_disk.rglob("*.damaged-*"))
    ballast.unlink()
    again = run(EAST, small_disk / "out", stages)
    assert not again.failed and digests(small_disk / "out") == [
        f"{EAST_SLUG}/2024-05-07/digest.json", f"{EAST_SLUG}/2024-05-07/digest.md"]


def test_digest_files_are_written_together_or_not_at_all(tmp_path, monkeypatch):
    stages, _, _ = scripted_stages()
    real_fsync = os.fsync
    calls = {"count": 0}

    def fsync_fails_on_the_second_file(fd):
        calls["count"] += 1
        if calls["count"] % 2 == 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_fails_on_the_second_file)
    report = run(EAST, tmp_path, stages)
    assert report.output_errors and "No space left on device" in report.output_errors[0]
    assert digests(tmp_path) == [] and not list(tmp_path.rglob("*.tmp"))


def test_temporary_files_of_a_killed_run_are_removed_at_the_next_start(tmp_path):
    stages, _, _ = scripted_stages()
    stale = tmp_path / EAST_SLUG / "2024-05-07" / ".summarizer-tmp.digest.json.99999.tmp"
    stale.parent.mkdir(parents=True)
    stale.write_text("half a digest")
    users = tmp_path / "notes" / ".draft.12.tmp"
    users.parent.mkdir()
    users.write_text("the user's own file, named like a temporary")
    report = run(EAST, tmp_path, stages)
    assert not stale.exists() and report.stale_files_removed == 1
    assert users.read_text() == "the user's own file, named like a temporary"


@pytest.mark.parametrize("setting, message", [
    ('batch_size = "eight"', "batch_size must be a whole number, 1 or more, not 'eight'"),
    ("threads = -3", "threads must be a whole number, 1 or more, not -3"),
    ("out = 5", "out must be a folder path, not 5"),
    ("inputs = [1, 2]", "inputs must be a list of page files or folders, not [1, 2]"),
    ('inputs = "pages"', "inputs must be a list of page files or folders, not 'pages'"),
    ('date = "2024-02-30"', "date '2024-02-30' is no real day"),
    ('date = "2024-13-45"', "date '2024-13-45' is no real day"),
    ('backend = "gpu"', "backend must be one of ctranslate2, transformers, not 'gpu'"),
    ("quiet = 1", "quiet must be true or false, not 1"),
])
def test_config_settings_of_the_wrong_type_name_the_file_the_key_and_what_is_expected(tmp_path, setting, message):
    config = tmp_path / "job.toml"
    base = [line for line in ('inputs = ["pages"]', 'out = "out"') if not setting.startswith(line.split()[0] + " ")]
    config.write_text("\n".join([*base, setting]) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        RunOptions.load(config)
    assert str(error.value) == f"{config}: {message}"
    result = CliRunner().invoke(main, ["run", "--config", str(config)])
    assert result.exit_code == EXIT_CANNOT_START and result.output.count("\n") == 1
    assert "Traceback" not in result.output


def test_an_unquoted_toml_date_is_a_date_and_a_config_that_is_not_utf8_is_named(tmp_path):
    config = tmp_path / "job.toml"
    config.write_text('inputs = ["pages"]\nout = "out"\ndate = 2024-05-07\n', encoding="utf-8")
    assert RunOptions.load(config).date == "2024-05-07"
    config.write_bytes('inputs = ["页面"]\n'.encode("gb18030"))
    with pytest.raises(ConfigError, match="job.toml: job config is not UTF-8 text"):
        RunOptions.load(config)


@pytest.mark.parametrize("arguments, message", [
    (["--date", "2024-13-45"], "is no real day"), (["--batch-size", "0"], "--batch-size"),
    (["--threads", "-3"], "--threads"),
])
def test_bad_command_line_values_are_usage_errors(tmp_path, arguments, message):
    result = CliRunner().invoke(main, ["run", str(EAST[0]), "--out", str(tmp_path), *arguments])
    assert result.exit_code == EXIT_USAGE and message in result.output


def run_cli(*arguments):
    return CliRunner().invoke(main, ["run", *map(str, arguments), "--summarizer-model", "extractive"])


@pytest.mark.slow
def test_each_exit_status_means_what_the_help_says(tmp_path, tiny_marian, monkeypatch):
    translator = ["--translator-model", tiny_marian, "--quiet"]
    assert run_cli(EAST[0], "--out", tmp_path / "ok", *translator).exit_code == EXIT_OK
    unreadable = tmp_path / "inbox" / "east-lake-daily-2024-05-07-p3.txt"
    unreadable.parent.mkdir()
    unreadable.write_bytes(b"\x00\x01\x02binary\x00" * 10)
    partly = run_cli(EAST[0], unreadable, "--out", tmp_path / "partly", *translator)
    assert partly.exit_code == EXIT_FAILURES
    markdown = (tmp_path / "partly" / EAST_SLUG / "2024-05-07" / "digest.md").read_text(encoding="utf-8")
    assert "**Pages that could not be read**" in markdown and "east-lake-daily-2024-05-07-p3.txt" in markdown
    nothing = run_cli(unreadable, "--out", tmp_path / "nothing", *translator)
    assert nothing.exit_code == EXIT_CANNOT_START and "no digest written" in nothing.output
    missing = run_cli(tmp_path / "no-such-folder", "--out", tmp_path / "missing", *translator)
    assert missing.exit_code == EXIT_CANNOT_START
    on_a_file = run_cli(EAST[0], "--out", EAST[1], *translator)
    assert on_a_file.exit_code == EXIT_CANNOT_START and "output folder is not usable" in on_a_file.output
    assert run_cli(EAST[0], "--out", tmp_path / "usage", "--batch-size", "x").exit_code == EXIT_USAGE

    def broken(*args, **kwargs):
        raise RuntimeError("a bug " + uuid.uuid4().hex)

    monkeypatch.setattr("summarizer.job.run.group_editions", broken)
    internal = run_cli(EAST[0], "--out", tmp_path / "internal", *translator)
    assert internal.exit_code == EXIT_INTERNAL
    assert internal.output.strip().startswith("Error: internal error: RuntimeError: a bug")
    assert "Traceback" not in internal.output
    report = json.loads((tmp_path / "internal" / REPORT_NAME).read_text(encoding="utf-8"))
    assert "Traceback" in report["internal_error"] and "RuntimeError" in report["internal_error"]


def test_a_failed_start_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "empty-cache"))
    result = CliRunner().invoke(main, ["run", str(EAST[0]), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_CANNOT_START
    assert not (tmp_path / "out").exists()


def test_an_unreadable_page_named_on_the_command_line_is_a_page_error(tmp_path, scripted_models, monkeypatch):
    """The tests run as root, who reads any file: the file system's refusal is made here instead."""
    page = tmp_path / "locked.txt"
    page.write_text("市长会见客人。", encoding="utf-8")
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == page.name:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = CliRunner().invoke(main, ["run", str(EAST[0]), str(page), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_FAILURES
    assert f"{page}: permission denied" in result.output
    assert list((tmp_path / "out").rglob("digest.md"))


def test_a_page_with_a_stray_byte_is_read_with_it_replaced_and_a_warning(tmp_path, caplog):
    from summarizer.readers.text import read_page_text

    text = EAST[0].read_text(encoding="utf-8")
    page = tmp_path / "stray.txt"
    page.write_bytes(text.encode("gb18030") + b"\x81")
    with caplog.at_level("WARNING", logger="summarizer"):
        read = read_page_text(page)
    assert read.rstrip("\ufffd") == text and read.endswith("\ufffd")
    assert f"{page}: 1 undecodable byte replaced (read as GB18030)" in caplog.text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, encoding):
    from summarizer.splitting import split_page_file

    page = tmp_path / "no-bom.txt"
    page.write_bytes(EAST[0].read_text(encoding="utf-8").encode(encoding))
    assert [a.headline for a in split_page_file(page).articles] == [a.headline for a in split_page_file(EAST[0]).articles]
