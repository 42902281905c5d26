"""The night's model work on a Ray cluster (`--engine ray`), when one machine is not enough.

The driver reads, splits, groups editions and checks the cache as a local run does; only the
batches of articles without a cached brief go to Ray, as a dataset of plain records, through
Ray Data's `map_batches` over a pool of actors that each load the stages once. Briefs stream
back batch by batch, so the driver writes each to the cache as it arrives. Ray Data restarts a
worker that dies and runs its batch again; a failing article is a recorded error inside its
batch, as in the local engine. Batches are the local engine's batches, so that the briefs, and
the digests, are the same as a local run's.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

from summarizer.engines.base import BatchBriefs, Engine
from summarizer.errors import ModelError, describe_error
from summarizer.records import Article, Brief
from summarizer.stages.briefing import Stages, briefs_isolating_failures, make_briefs
from summarizer.stages.settings import StageSettings

log = logging.getLogger("summarizer")
RAY_EXTRA = "pip install -e '.[ray]'"
CONNECT_TIMEOUT = 5.0
"""Seconds to wait for a cluster's address to accept a connection (Ray's own client waits minutes)."""
PROBE_ARTICLE = Article(title="市长会见来访代表团", paragraphs=["市长会见了来访的代表团，双方就经贸合作交换了意见。"])
"""The first small batch a worker briefs at start-up, to show it can load and run the models."""


def _loaded(settings: StageSettings) -> Stages:
    stages = settings.build()
    stages.load_models()
    return stages


class BriefWorker:
    """A Ray actor: the stages, loaded once; each row is one batch of articles, briefed together."""

    def __init__(self, settings: StageSettings):
        self.stages = _loaded(settings)
        self.name = f"{socket.gethostname()}:{os.getpid()}"

    def __call__(self, rows: dict[str, Any]) -> dict[str, Any]:
        import numpy as np  # Ray Data's own dependency, on the worker

        briefs = []
        for batch in rows["articles"]:
            articles = [Article.from_dict(article) for article in json.loads(batch)]
            made = briefs_isolating_failures(articles, self.stages)
            briefs.append(json.dumps([brief.to_dict() for brief in made], ensure_ascii=False))
        return {"batch": rows["batch"], "briefs": np.array(briefs, dtype=object),
                "worker": np.array([self.name] * len(briefs), dtype=object)}


def _probe_worker(settings: StageSettings) -> dict[str, Any]:
    """Runs on a worker at start-up: load the stages and brief one small article."""
    stages = _loaded(settings)
    [brief] = make_briefs([PROBE_ARTICLE], stages)
    return {"fingerprint": stages.fingerprint(), "method": brief.method}


class RayEngine(Engine):
    """A connection to a Ray cluster (or a local Ray on this machine) and a pool of BriefWorkers."""

    name = "ray"
    start_label = "start Ray workers"

    def __init__(self, address: str | None, workers: int, cpus_per_worker: float, gpus_per_worker: float,
                 settings: StageSettings, fingerprint: dict[str, Any]):
        try:
            import ray
            import ray.data  # noqa: F401 - the Data library is the part this engine uses
        except ImportError:
            raise ModelError(f"--engine ray needs the optional package: {RAY_EXTRA}") from None
        self.ray = ray
        self.address, self.workers = address, workers
        self.cpus_per_worker, self.gpus_per_worker = cpus_per_worker, gpus_per_worker
        self.settings, self.fingerprint = settings, fingerprint
        self._joined = False
        """Whether this engine started or joined Ray (not so where the caller had already)."""
        self._checked = False

    def start(self) -> None:
        """Reach the cluster, and have one worker load the models and brief a first small batch."""
        if self._checked:
            return
        if not self.ray.is_initialized():
            self._connect()
            self._joined = True
        self.check_workers(self.fingerprint)
        self._checked = True

    def _connect(self) -> None:
        if self.address and self.address != "auto":
            _check_reachable(self.address)
        try:
            self.ray.init(address=self.address, include_dashboard=False, log_to_driver=False,
                          configure_logging=False, logging_level=logging.WARNING)
        except Exception as exc:  # noqa: BLE001 - ConnectionError, ValueError, RuntimeError: one line
            where = f"at {self.address}" if self.address else "on this machine"
            raise ModelError(f"cannot start or reach the Ray cluster {where}: {describe_error(exc)}") from None

    def check_workers(self, expected_fingerprint: dict[str, Any]) -> None:
        """The first small batch, on a worker with the pool's resources: it must load the models and
        brief an article with the driver's settings, or the night does not start."""
        probe = self.ray.remote(num_cpus=self.cpus_per_worker, num_gpus=self.gpus_per_worker,
                                max_retries=0)(_probe_worker)
        try:
            result = self.ray.get(probe.remote(self.settings))
        except Exception as exc:  # noqa: BLE001 - a RayTaskError wraps what the worker raised
            cause = getattr(exc, "cause", None) or exc
            raise ModelError(f"a Ray worker cannot load the models: {describe_error(cause)}") from None
        if result["fingerprint"] != expected_fingerprint:
            raise ModelError("a Ray worker resolves other models or settings than this driver: put the same "
                             "model files and glossaries on every node (see README, Scale-out)")

    def brief_batches(self, batches: list[list[Article]]) -> Iterator[BatchBriefs]:
        import ray.data

        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the driver shows the job's own bar and summary line
        context.print_on_execution_start = False
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        rows = [{"batch": number, "articles": json.dumps([asdict(a) for a in articles], ensure_ascii=False)}
                for number, articles in enumerate(batches)]
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
            BriefWorker, fn_constructor_kwargs={"settings": self.settings}, batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=self.workers),
            num_cpus=self.cpus_per_worker, num_gpus=self.gpus_per_worker)
        for row in dataset.iter_rows():
            yield BatchBriefs(int(row["batch"]), [Brief.from_dict(b) for b in json.loads(row["briefs"])],
                              str(row["worker"]))

    def close(self) -> None:
        """Leave a cluster the engine joined; a local Ray it started goes down with it."""
        if self._joined and self.ray.is_initialized():
            self.ray.shutdown()


def _check_reachable(address: str) -> None:
    """The address accepts a connection within CONNECT_TIMEOUT (Ray's own client would retry for minutes)."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if not host or not port:
        raise ModelError(f"ray_address {address!r}: give auto, host:port, or ray://host:port")
    try:
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT).close()
    except OSError as exc:
        raise ModelError(f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}") from None
    _check_grpc(address, host, port)


def _check_grpc(address: str, host: str, port: int) -> None:
    """The address speaks gRPC, as Ray's GCS and its client server do, within CONNECT_TIMEOUT: a
    port that accepts connections but is something else (a web server) would make Ray hang."""
    import grpc  # Ray's own dependency: present wherever Ray is

    channel = grpc.insecure_channel(f"{host}:{port}")
    try:
        grpc.channel_ready_future(channel).result(timeout=CONNECT_TIMEOUT)
    except grpc.FutureTimeoutError:
        raise ModelError(f"{address} accepts connections but does not answer as a Ray cluster "
                         f"(no gRPC handshake in {CONNECT_TIMEOUT:.0f} s)") from None
    finally:
        channel.close()
