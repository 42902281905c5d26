"""What the scheduler sees: a stop by signal is said as such, and a night with no brief made is no success."""

import json
import os
import signal

import pytest
from click.testing import CliRunner

from summarizer.cli import main
from summarizer.config import RunOptions
from summarizer.errors import EXIT_CANNOT_START, Interrupted
from summarizer.job.outputs import OutputLock
from summarizer.job.report import REPORT_NAME
from summarizer.job.run import CACHE_NAME, run_job
from summarizer.stages import settings as stage_settings
from tests.helpers.stages import EAST, echo_latin, scripted_stages


def _signalling_stages(signal_number: int):
    """Scripted stages whose translator sends the process a signal while the first batch is in hand."""
    sent = []

    def translate(text: str) -> str:
        if not sent:
            sent.append(signal_number)
            os.kill(os.getpid(), signal_number)
        return echo_latin(text)

    stages, _, _ = scripted_stages(translate=translate)
    return stages


@pytest.mark.parametrize("signal_number, exit_code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_run_at_a_batch_boundary_with_its_report(tmp_path, signal_number, exit_code):
    (tmp_path / REPORT_NAME).write_text('{"finished": "last night", "interrupted": false}')
    options = RunOptions(inputs=[str(page) for page in EAST], out=str(tmp_path), batch_size=2)
    handler_before = signal.getsignal(signal_number)
    with pytest.raises(Interrupted) as stopped:
        run_job(options, _signalling_stages(signal_number))
    assert stopped.value.exit_code == exit_code
    report = json.loads((tmp_path / REPORT_NAME).read_text(encoding="utf-8"))
    assert report["interrupted"] is True and report["generated"] == 2  # the batch in hand was finished
    assert not list(tmp_path.rglob("digest.md"))
    with OutputLock(tmp_path):  # released
        pass
    assert signal.getsignal(signal_number) == handler_before

    resumed = run_job(options, scripted_stages()[0])
    assert resumed.cache_hits == 2 and resumed.generated == resumed.articles - 2 and resumed.outputs


@pytest.mark.parametrize("signal_number, exit_code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_the_command_line_exits_128_plus_the_signal(tmp_path, monkeypatch, signal_number, exit_code):
    monkeypatch.setattr(stage_settings.StageSettings, "build", lambda self: _signalling_stages(signal_number))
    result = CliRunner().invoke(main, ["run", *map(str, EAST), "--out", str(tmp_path), "--batch-size", "2"])
    assert result.exit_code == exit_code, result.output
    assert f"stopped by {signal.Signals(signal_number).name}" in result.output
    assert json.loads((tmp_path / REPORT_NAME).read_text(encoding="utf-8"))["interrupted"] is True


def test_a_night_where_every_article_failed_is_exit_4(tmp_path, monkeypatch):
    def refuse(text: str) -> str:
        raise RuntimeError("HTTP 401 from the translation server")

    monkeypatch.setattr(stage_settings.StageSettings, "build", lambda self: scripted_stages(translate=refuse)[0])
    result = CliRunner().invoke(main, ["run", str(EAST[0]), "--out", str(tmp_path)])
    assert result.exit_code == EXIT_CANNOT_START, result.output
    assert "every article failed" in result.output
    assert list(tmp_path.rglob("digest.md"))  # the digest still says which articles and why
    assert (tmp_path / CACHE_NAME).exists()
