"""The operator's first night: the scheduler wrapper under cron's bare environment, and the shipped config."""

import os
import subprocess
from pathlib import Path

from click.testing import CliRunner

from summarizer.cli import main
from summarizer.config import RunOptions
from summarizer.errors import EXIT_CANNOT_START

JOBS = Path(__file__).resolve().parent.parent / "jobs"
CRON_ENVIRONMENT = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "SHELL": "/bin/sh"}


def _wrapper(tmp_path: Path, **environment: str) -> subprocess.CompletedProcess:
    return subprocess.run(["/bin/bash", str(JOBS / "run-nightly.sh")], env={**CRON_ENVIRONMENT, **environment},
                          capture_output=True, text=True, cwd=tmp_path, timeout=60)


def _fake_summarizer(tmp_path: Path, status: int) -> Path:
    fake = tmp_path / "bin" / "summarizer"
    fake.parent.mkdir(exist_ok=True)
    fake.write_text(f'#!/bin/sh\necho "run $*"\nexit {status}\n', encoding="utf-8")
    fake.chmod(0o755)
    return fake


def test_under_crons_path_the_wrapper_finds_summarizer_by_its_absolute_path(tmp_path):
    fake = _fake_summarizer(tmp_path, 0)
    result = _wrapper(tmp_path, SUMMARIZER_BIN=str(fake), SUMMARIZER_LOG_DIR=str(tmp_path / "logs"))
    assert result.returncode == 0, result.stdout + result.stderr
    [log] = (tmp_path / "logs").glob("nightly-*.log")
    assert "run run --config" in log.read_text(encoding="utf-8") and "exit 0" in log.read_text(encoding="utf-8")


def test_the_wrapper_passes_failures_on_with_one_line(tmp_path):
    for status, words in ((3, "finished with failures"), (4, "nothing done"), (143, "stopped by a signal")):
        fake = _fake_summarizer(tmp_path, status)
        result = _wrapper(tmp_path, SUMMARIZER_BIN=str(fake), SUMMARIZER_LOG_DIR=str(tmp_path / "logs"))
        assert result.returncode == status and words in result.stdout and len(result.stdout.splitlines()) == 1


def test_a_missing_summarizer_or_an_unwritable_log_folder_is_exit_4_with_its_reason(tmp_path):
    result = _wrapper(tmp_path, SUMMARIZER_BIN=str(tmp_path / "nowhere" / "summarizer"))
    assert result.returncode == 4 and "is not an executable" in result.stdout
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    fake = _fake_summarizer(tmp_path, 0)
    result = _wrapper(tmp_path, SUMMARIZER_BIN=str(fake), SUMMARIZER_LOG_DIR=str(blocker / "logs"))
    assert result.returncode == 4 and f"log folder {blocker / 'logs'} cannot be created" in result.stdout


def test_the_shipped_config_reads_an_inbox_and_a_missing_inbox_is_exit_4(tmp_path):
    options = RunOptions.load(JOBS / "nightly.toml")
    assert options.inputs == ["/var/lib/summarizer/inbox"] and "tests" not in " ".join(options.inputs)
    if os.path.exists(options.inputs[0]):
        return
    result = CliRunner().invoke(main, ["run", "--config", str(JOBS / "nightly.toml"), "--out", str(tmp_path / "out"),
                                       "--summarizer-model", "extractive"])
    assert result.exit_code == EXIT_CANNOT_START
    assert "/var/lib/summarizer/inbox: no such file or folder" in result.output
    assert not (tmp_path / "out").exists()
