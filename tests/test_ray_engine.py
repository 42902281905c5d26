"""`--engine ray`: the same night on a Ray cluster (a local Ray here, started by these tests)."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.cli import main
from summarizer.config import RunOptions
from summarizer.errors import EXIT_CANNOT_START, EXIT_USAGE, ModelError
from summarizer.job.run import run_job
from tests.helpers.paths import OWN_PAGES

ray = pytest.importorskip("ray", reason="the ray extra is not installed (pip install -e '.[ray]')")

THREE_PAGES = ["east-lake-daily-2024-05-07-p1.txt", "east-lake-daily-2024-05-07-p2.txt",
               "dongjiang-p4-wire-and-foreign.txt"]


@pytest.fixture(scope="module")
def local_ray():
    """One local Ray for the module (the engine uses a Ray that its caller started, and leaves it up)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


@pytest.fixture
def pages(tmp_path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in THREE_PAGES:
        shutil.copy(OWN_PAGES / name, folder / name)
    return folder


def options(tmp_path, pages, out: str, models, **settings) -> RunOptions:
    mt5, marian = models
    return RunOptions(inputs=[str(pages)], out=str(tmp_path / out), summarizer_model=str(mt5),
                      translator_model=str(marian), cache=str(tmp_path / f"{out}.sqlite3"), quiet=True, **settings)


def digests(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("digest.*"))}


@pytest.fixture
def models(tiny_mt5, tiny_marian):
    return tiny_mt5, tiny_marian


@pytest.fixture
def light_models(tiny_marian):
    """The extractive summarizer and the tiny translator: the engine's behaviour at a third of the cost."""
    return "extractive", tiny_marian


@pytest.mark.slow
def test_a_ray_run_writes_the_same_digests_as_a_local_run_byte_for_byte(local_ray, tmp_path, pages, models):
    local = run_job(options(tmp_path, pages, "local", models))
    distributed = run_job(options(tmp_path, pages, "ray", models, engine="ray", workers=2, batch_size=2))
    assert local.generated == distributed.generated > 10 and not distributed.article_errors
    assert distributed.engine == "ray" and sum(distributed.workers.values()) == -(-distributed.generated // 2)
    assert "start Ray workers" in distributed.seconds
    made_locally, made_on_ray = digests(tmp_path / "local"), digests(tmp_path / "ray")
    assert len(made_locally) == 2 * 2 and made_on_ray == made_locally


@pytest.mark.slow
def test_cached_articles_are_not_sent_to_ray_and_new_briefs_are_cached_as_they_arrive(local_ray, tmp_path, pages,
                                                                                        light_models):
    (pages / THREE_PAGES[2]).rename(tmp_path / THREE_PAGES[2])
    first = run_job(options(tmp_path, pages, "out", light_models))
    (tmp_path / THREE_PAGES[2]).rename(pages / THREE_PAGES[2])
    cached_at_each_batch = []

    class CountCachedBriefs:
        def __init__(self, total):
            pass

        def update(self, count):
            with sqlite3.connect(tmp_path / "out.sqlite3") as db:
                cached_at_each_batch.append(db.execute("SELECT count(*) FROM briefs").fetchone()[0])

        def close(self):
            pass

    second = run_job(options(tmp_path, pages, "out", light_models, engine="ray", batch_size=1), progress=CountCachedBriefs)
    assert second.cache_hits == first.generated > 0
    assert second.generated == second.articles - first.generated > 1
    assert sum(second.workers.values()) == second.generated  # one batch of one article each, nothing more
    # each brief is in the cache as soon as its batch is back, not at the end: a killed driver loses only the rest
    assert cached_at_each_batch == [first.generated + n for n in range(1, second.generated + 1)]


def _kill_a_brief_worker() -> int:
    """SIGKILL a live BriefWorker actor process (as the OOM killer would); its pid."""
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if entry.name.isdigit() and command.startswith("ray::MapWorker(MapBatches(BriefWorker))"):
            os.kill(int(entry.name), signal.SIGKILL)
            return int(entry.name)
    raise AssertionError("no BriefWorker process to kill")


@pytest.mark.slow
def test_a_worker_killed_mid_run_does_not_stop_the_night(local_ray, tmp_path, pages, light_models):
    killed = []

    class KillOnFirstUpdate:
        def __init__(self, total):
            self.total = total

        def update(self, count):
            if not killed:
                killed.append(_kill_a_brief_worker())

        def close(self):
            pass

    report = run_job(options(tmp_path, pages, "out", light_models, engine="ray", workers=1, batch_size=1),
                     progress=KillOnFirstUpdate)
    assert killed and report.generated == report.articles and not report.article_errors
    assert len(report.workers) == 2  # the killed worker, and the one Ray started in its place
    run_job(options(tmp_path, pages, "local", light_models))
    assert digests(tmp_path / "out") == digests(tmp_path / "local")


@pytest.mark.slow
def test_a_worker_that_cannot_load_the_models_stops_the_start_up(local_ray, tmp_path, pages, tiny_mt5, tiny_marian):
    broken = tmp_path / "broken-marian"
    shutil.copytree(tiny_marian, broken)
    (broken / "model.safetensors").write_bytes(b"not weights")
    with pytest.raises(ModelError, match="a Ray worker cannot load the models: model broken-marian at .* cannot be loaded"):
        run_job(options(tmp_path, pages, "out", (tiny_mt5, broken), engine="ray"))
    assert not (tmp_path / "out").exists()


def test_a_cluster_that_cannot_be_reached_is_one_line_and_exit_4(tmp_path, pages, tiny_marian):
    command = [sys.executable, "-m", "summarizer", "run", str(pages), "--out", str(tmp_path / "out"),
               "--summarizer-model", "extractive", "--translator-model", str(tiny_marian), "--engine", "ray",
               "--ray-address", "127.0.0.1:1"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert result.returncode == EXIT_CANNOT_START
    assert result.stderr.strip().splitlines() == [
        "Error: cannot reach the Ray cluster at 127.0.0.1:1: Connection refused"]
    assert not (tmp_path / "out").exists()


def test_a_live_port_that_is_not_ray_is_refused_within_seconds(tmp_path, pages, scripted_models):
    import ray

    ray.shutdown()  # the engine joins an address only when this process has no Ray yet
    server = ThreadingHTTPServer(("127.0.0.1", 0), SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"127.0.0.1:{server.server_address[1]}"
    try:
        started = time.monotonic()
        result = CliRunner().invoke(main, ["run", str(pages), "--out", str(tmp_path / "out"), "--engine", "ray",
                                           "--ray-address", address])
        seconds = time.monotonic() - started
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == EXIT_CANNOT_START, result.output
    assert f"{address} accepts connections but does not answer as a Ray cluster" in result.output
    assert seconds < 20 and not (tmp_path / "out").exists()


def test_ray_without_the_extra_names_the_install_command(tmp_path, pages, tiny_marian, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails as if it were not installed
    result = CliRunner().invoke(main, ["run", str(pages), "--out", str(tmp_path / "out"), "--summarizer-model",
                                       "extractive", "--translator-model", str(tiny_marian), "--engine", "ray"])
    assert result.exit_code == EXIT_CANNOT_START
    assert "--engine ray needs the optional package: pip install -e '.[ray]'" in result.output


def test_no_workers_or_a_negative_resource_is_one_line_naming_the_setting(tmp_path, pages):
    config = tmp_path / "nightly.toml"
    for setting, named in (("workers = 0", "workers must be a whole number, 1 or more"),
                           ("gpus_per_worker = -1", "gpus_per_worker must be a number, 0 or more"),
                           ("cpus_per_worker = 0", "cpus_per_worker must be a number above 0")):
        config.write_text(f'engine = "ray"\n{setting}\n', encoding="utf-8")
        result = CliRunner().invoke(main, ["run", str(pages), "--out", str(tmp_path / "out"), "--config", str(config)])
        assert result.exit_code == EXIT_CANNOT_START and named in result.output
    result = CliRunner().invoke(main, ["run", str(pages), "--out", str(tmp_path / "out"), "--workers", "0"])
    assert result.exit_code == EXIT_USAGE and "--workers" in result.output
