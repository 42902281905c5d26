"""Runtime settings (device, number format, threads, batch size) reach the model constructors and
nothing else; a GPU path that can be checked without a GPU; models load only when needed."""

import ctypes
import ctypes.util
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer import backends
from summarizer.backends.specs import resolve_spec
from summarizer.cli import main
from summarizer.config import RunOptions
from summarizer.errors import EXIT_CANNOT_START, ModelError
from summarizer.job.run import run_job
from summarizer.names.glossary import Glossary
from summarizer.records import Task
from summarizer.runtime import Runtime, release_freed_memory
from summarizer.stages.settings import StageSettings
from summarizer.stages.summarizing import ModelSummarizer
from summarizer.stages.translating import Translator
from tests.helpers.fakes import ScriptedBackend
from tests.helpers.paths import OWN_PAGES

EAST_P1 = OWN_PAGES / "east-lake-daily-2024-05-07-p1.txt"


def test_auto_is_the_cpu_here_and_cuda_without_a_gpu_is_one_line_exit_4(monkeypatch, tmp_path):
    monkeypatch.setattr("summarizer.runtime.cuda_unavailable_reason", lambda: "torch.cuda.is_available() is False")
    assert Runtime(device="auto").resolved().device == "cpu"
    with pytest.raises(ModelError, match="--device cuda: no usable CUDA GPU: torch.cuda.is_available"):
        Runtime(device="cuda").resolved()
    result = CliRunner().invoke(main, ["run", str(EAST_P1), "--out", str(tmp_path / "out"), "--device", "cuda",
                                       "--summarizer-model", "extractive"])
    assert result.exit_code == EXIT_CANNOT_START
    assert result.output.strip().splitlines() == [
        "Error: --device cuda: no usable CUDA GPU: torch.cuda.is_available() is False"]
    assert not (tmp_path / "out").exists()


def test_with_a_gpu_auto_takes_it_and_the_number_formats_follow(monkeypatch):
    monkeypatch.setattr("summarizer.runtime.cuda_unavailable_reason", lambda: None)
    monkeypatch.setattr("summarizer.runtime._bf16_supported", lambda: True)
    gpu = Runtime(device="auto").resolved()
    assert gpu.device == "cuda"
    assert gpu.compute_type_for("ctranslate2", "int8") == "int8_float16"
    assert gpu.compute_type_for("transformers", "int8") == "bfloat16"
    monkeypatch.setattr("summarizer.runtime._bf16_supported", lambda: False)
    assert gpu.compute_type_for("transformers", "int8") == "float16"
    cpu = Runtime(device="cpu")
    assert (cpu.compute_type_for("ctranslate2", "int8"), cpu.compute_type_for("transformers", "int8")) == ("int8", "float32")
    assert Runtime(device="cpu", compute_type="float32").compute_type_for("ctranslate2", "int8") == "float32"


def test_on_a_gpu_that_ctranslate2_cannot_use_the_models_run_on_transformers(monkeypatch):
    pytest.importorskip("ctranslate2")
    monkeypatch.setattr("summarizer.backends.ctranslate2_backend.ctranslate2_cuda_devices", lambda: 0)
    spec = resolve_spec(None, Task.SUMMARIZE)
    assert spec.backend == "ctranslate2"
    assert backends.effective_spec(spec, Runtime(device="cuda")).backend == "transformers"
    assert backends.effective_spec(spec, Runtime(device="cpu")).backend == "ctranslate2"


def test_runtime_settings_reach_the_ctranslate2_constructor(tiny_marian, monkeypatch):
    ctranslate2 = pytest.importorskip("ctranslate2")
    seen = {}
    real = ctranslate2.Translator

    def recording(path, **options):
        seen.update(options)
        return real(path, **options)

    monkeypatch.setattr(ctranslate2, "Translator", recording)
    spec = replace(resolve_spec(str(tiny_marian), Task.TRANSLATE), backend="ctranslate2")
    backend = backends.load_backend(spec, Runtime(device="cpu", compute_type="int8_float32", threads=1))
    assert seen == {"device": "cpu", "compute_type": "int8_float32", "inter_threads": 1, "intra_threads": 1}
    assert backend.compute_type == "int8_float32"


def test_transformers_threads_hold_for_its_own_calls_only(tiny_marian):
    import torch

    torch.set_num_threads(2)
    backend = backends.load_backend(replace(resolve_spec(str(tiny_marian), Task.TRANSLATE), backend="transformers"),
                                    Runtime(device="cpu", threads=1))
    during = []
    real_generate = backend.model.generate

    def recording_generate(*args, **kwargs):
        during.append(torch.get_num_threads())
        return real_generate(*args, **kwargs)

    backend.model.generate = recording_generate
    backend.generate(["双方签署了合作协议。"])
    assert during == [1] and torch.get_num_threads() == 2


def test_batch_size_reaches_the_model_batches():
    summarizer_backend = ScriptedBackend(lambda text: text[:40], task="summarize")
    translator_backend = ScriptedBackend(lambda text: "x")
    runtime = Runtime(device="cpu", batch_size=3)
    summarizer = ModelSummarizer(summarizer_backend.spec, Glossary(), backend=summarizer_backend, runtime=runtime)
    translator = Translator(translator_backend.spec, Glossary(), backend=translator_backend, runtime=runtime)
    summarizer.summarize([f"第{i}篇文章说市长会见了客人。" for i in range(7)])
    translator.translate([f"第{i}句话说双方签署了协议。" for i in range(13)])
    assert [len(batch) for batch in summarizer_backend.batches] == [3, 3, 1]
    assert [len(batch) for batch in translator_backend.batches] == [6, 6, 1]


def test_the_cache_key_follows_device_and_number_format_not_batch_size(tiny_mt5, tiny_marian):
    def fingerprint(**runtime):
        stages = StageSettings(str(tiny_mt5), str(tiny_marian), runtime=Runtime(**runtime)).build()
        return json.dumps(stages.fingerprint(), sort_keys=True)

    base = fingerprint(device="cpu")
    assert fingerprint(device="cpu", batch_size=64) == base
    assert fingerprint(device="cpu", compute_type="bfloat16") != base


@pytest.mark.slow
def test_a_fully_cached_rerun_loads_no_model(tiny_mt5, tiny_marian, tmp_path, monkeypatch):
    options = RunOptions(inputs=[str(EAST_P1)], out=str(tmp_path), date="2024-05-07", device="cpu",
                         summarizer_model="extractive", translator_model=str(tiny_marian))
    first = run_job(options)
    assert "load models" in first.seconds and first.generated == 6

    def no_loading(*args, **kwargs):
        raise AssertionError("a model was loaded")

    monkeypatch.setattr("summarizer.backends.load_backend", no_loading)
    again = run_job(options)
    assert again.cache_hits == 6 and "load models" not in again.seconds


def test_a_model_that_fails_to_load_on_a_cache_miss_is_one_line_exit_4(tiny_mt5, tiny_marian, tmp_path):
    broken = tmp_path / "broken-mt5"
    broken.mkdir()
    for item in tiny_mt5.iterdir():
        (broken / item.name).write_bytes(item.read_bytes())
    (broken / "model.safetensors").write_bytes(b"not weights")
    result = CliRunner().invoke(main, ["run", str(EAST_P1), "--out", str(tmp_path / "out"), "--device", "cpu",
                                       "--summarizer-model", str(broken), "--translator-model", str(tiny_marian)])
    assert result.exit_code == EXIT_CANNOT_START and len(result.output.strip().splitlines()) == 1
    assert "broken-mt5" in result.output and not list((tmp_path / "out").rglob("digest.*"))


@pytest.mark.slow
def test_names_found_by_worker_processes_give_the_same_digest(tmp_path):
    from tests.helpers.stages import EAST, scripted_stages

    outputs = {}
    for workers in (0, 2):
        stages, _, _ = scripted_stages()
        stages.runtime = Runtime(device="cpu", name_workers=workers)
        out = tmp_path / f"workers-{workers}"
        report = run_job(RunOptions(inputs=[str(p) for p in EAST], out=str(out), date="2024-05-07"), stages)
        assert not report.failed and report.generated == 7
        assert report.names_found_ahead == (7 if workers else 0)
        outputs[workers] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("digest.*")}
    assert outputs[0] == outputs[2] and len(outputs[0]) == 2


def _resident_kb() -> int:
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not Path("/proc/self/status").exists() or not ctypes.util.find_library("c"),
                    reason="needs Linux's /proc and a C library")
def test_freed_memory_goes_back_to_the_system_between_model_calls():
    """What CTranslate2 frees after a call (blocks below glibc's mmap threshold, as its beam-search
    buffers are) stays in the process until released; released, it no longer counts."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    blocks = [libc.malloc(64 * 1024) for _ in range(3200)]  # 200 MB in 64 kB blocks
    for block in blocks:
        ctypes.memset(block, 1, 64 * 1024)
    keep = libc.malloc(64 * 1024)  # a live block above them, so free() alone cannot shrink the heap
    for block in blocks:
        libc.free(block)
    before = _resident_kb()
    release_freed_memory()
    assert before - _resident_kb() > 150 * 1024
    libc.free(keep)
