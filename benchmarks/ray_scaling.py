"""Articles per second through `--engine ray` with 1 and 2 workers, against the local engine.

    python benchmarks/ray_scaling.py [--scale 5] [--work DIR]

Runs after a plain install plus the `ct2` and `ray` extras. The models are speed.py's: randomly
initialised with exactly the real architectures (mT5-base, opus-mt-zh-en), converted to
CTranslate2 int8, every output forced to its full length, so that they cost what the real ones
do. The workload is speed.py's larger one (the seed page's articles, `--scale` distinct copies).

Each worker gets one CPU and one thread; the local engine gets one thread too, so that "local"
and "ray, 1 worker" do the same work and their ratio is the engine's overhead. On a 2-core machine,
2 workers can at most double the rate, and the driver's own work shares the cores; expect well under 2x.
The last line is `2 workers vs 1: N.NN`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import speed  # noqa: E402 - the model builder and workload of the speed benchmark

from summarizer.runtime import DEFAULT_BATCH_SIZE, Runtime  # noqa: E402
from summarizer.stages.briefing import make_briefs  # noqa: E402
from summarizer.stages.settings import StageSettings  # noqa: E402


def model_files(work: Path, mt5: Path, marian: Path) -> tuple[str, str]:
    """TOML files for the random real-shape models, as speed.py's project path runs them."""
    summarize = work / "bench-summarizer.toml"
    summarize.write_text(
        f'name = "bench-summarizer"\ntask = "summarize"\nbackend = "ctranslate2"\nmodel = "{mt5}"\n'
        'restrict_output = true\nlong_articles = "lead"\n\n[generation]\nnum_beams = 4\nno_repeat_ngram_size = 2\n'
        f'min_new_tokens = {speed.SUMMARY_TOKENS}\nmax_new_tokens = {speed.SUMMARY_TOKENS}\n', encoding="utf-8")
    translate = work / "bench-translator.toml"
    translate.write_text(
        f'name = "bench-translator"\ntask = "translate"\nbackend = "ctranslate2"\nmodel = "{marian}"\n\n'
        f'[generation]\nnum_beams = 4\nmin_new_tokens = {speed.SENTENCE_TOKENS}\n'
        f'max_new_tokens = {speed.SENTENCE_TOKENS}\n', encoding="utf-8")
    return str(summarize), str(translate)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=5, help="copies of the seed page's articles")
    parser.add_argument("--work", type=Path, help="folder to keep the built models in between runs")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="summarizer-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SUMMARIZER_CACHE", str(work / "cache"))

    import ray

    from summarizer.engines.ray import RayEngine

    mt5, marian = speed.build_models(work)
    summarizer, translator = model_files(work, mt5, marian)
    runtime = Runtime(device="cpu", threads=1, batch_size=DEFAULT_BATCH_SIZE)
    stages = StageSettings(summarizer, translator, runtime=runtime).build()
    speed.pad_vocabulary_map(stages.summarizer.spec, 50_000)
    articles = list(speed.workloads(args.scale).values())[-1]
    batches = [articles[start: start + runtime.batch_size] for start in range(0, len(articles), runtime.batch_size)]
    print(f"{len(articles)} articles in {len(batches)} batches of {runtime.batch_size}", flush=True)

    stages.load_models()
    started = time.perf_counter()
    for batch in batches:
        make_briefs(batch, stages)
    rates = {"local, 1 thread": len(articles) / (time.perf_counter() - started)}
    print(f"local, 1 thread:   {rates['local, 1 thread']:.3f} articles/s", flush=True)

    settings = StageSettings(summarizer, translator, runtime=runtime)
    ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        for workers in (1, 2):
            engine = RayEngine(None, workers, 1, 0, settings, stages.fingerprint())
            engine.start()
            started = time.perf_counter()
            made = sum(len(done.briefs) for done in engine.brief_batches(batches))
            rates[workers] = made / (time.perf_counter() - started)
            print(f"ray, {workers} worker{'s' if workers > 1 else ' '}:     {rates[workers]:.3f} articles/s "
                  f"({rates[workers] / workers:.3f} per worker; actors start inside the timing)", flush=True)
    finally:
        ray.shutdown()
    print(f"ray 1 worker vs local: {rates[1] / rates['local, 1 thread']:.2f}")
    print(f"2 workers vs 1: {rates[2] / rates[1]:.2f}")


if __name__ == "__main__":
    main()
