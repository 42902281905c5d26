"""Speed of the model stages on the real model shapes: the naive path against the project's path.

    python benchmarks/speed.py [--device cpu|cuda] [--scale 5] [--work DIR] [--vmap-size 50000]

Runs after a plain install plus the `ct2` extra (no pytest needed). The real weights cannot be
downloaded here, but their cost can be measured: this builds randomly initialised models with
exactly the real architectures (mT5-base for the summary, opus-mt-zh-en for the translation), with
the test tokenizers, and forces every output to its full length (min_new_tokens = max_new_tokens)
so that random weights cost what real ones do.

naive:   transformers, float32, one article (and one sentence) at a time, beam 4, on the device.
project: the default path with a Runtime for the device: on the CPU CTranslate2 int8, batches of
         6 articles, the summarizer's output restricted to the Chinese-summary pieces; on a GPU
         CTranslate2 int8_float16 (or transformers bfloat16 where CTranslate2 has no CUDA) in
         batches of 256. Identical sentences translated once, headlines and summaries together.

The test tokenizer has only 1,200 pieces, so the restricted vocabulary is padded to `--vmap-size`
pieces of the model's 250,112: the size mT5's vocabulary restriction is assumed to have (it cannot
be counted here without the real tokenizer).

Each path runs in its own process, so each peak memory is its own. It also reports the CPU steps
(splitting and names) alone. The last line is `speedup vs naive: N.NN` (naive seconds divided by
the project's, same run, same machine).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

MT5_BASE = {"d_model": 768, "d_kv": 64, "d_ff": 2048, "num_layers": 12, "num_decoder_layers": 12, "num_heads": 12,
            "feed_forward_proj": "gated-gelu"}
MT5_VOCAB = 250112
OPUS_MT_ZH_EN = {"d_model": 512, "encoder_layers": 6, "decoder_layers": 6, "encoder_attention_heads": 8,
                 "decoder_attention_heads": 8, "encoder_ffn_dim": 2048, "decoder_ffn_dim": 2048}
OPUS_VOCAB = 65001
SUMMARY_TOKENS = 84
SENTENCE_TOKENS = 40
PATHS = ("naive", "project")


def build_models(work: Path) -> tuple[Path, Path]:
    from tests.helpers.tiny_models import build_tiny_marian, build_tiny_mt5

    mt5, marian = work / "mt5-base-random", work / "opus-mt-zh-en-random"
    if not (mt5 / "model.safetensors").exists():
        build_tiny_mt5(work, name=mt5.name, vocab_size=MT5_VOCAB, **MT5_BASE)
    if not (marian / "model.safetensors").exists():
        build_tiny_marian(work, name=marian.name, vocab_size=OPUS_VOCAB, **OPUS_MT_ZH_EN)
    return mt5, marian


def workloads(scale: int):
    from summarizer.splitting import split_page_file

    seed = ROOT.parent / "shared" / "pages" / "jining-daily-p1.txt"
    page = seed if seed.exists() else ROOT / "tests" / "pages" / "east-lake-daily-2024-05-07-p1.txt"
    articles = split_page_file(page).articles
    larger = [_distinct_copy(article, copy) for copy in range(scale) for article in articles]
    return {f"{page.name} ({len(articles)} articles)": articles,
            f"the same x{scale} ({len(larger)} articles)": larger}


def _distinct_copy(article, copy: int):
    """A copy whose every sentence differs from the other copies', so that no sentence is served twice."""
    if copy == 0:
        return article
    mark = "一二三四五六七八九十"[copy % 10]
    return replace(article, title=f"{article.title}{mark}",
                   paragraphs=[p.replace("。", f"{mark}。") for p in article.paragraphs])


def stage_specs(path: str, mt5: Path, marian: Path):
    from summarizer.backends.specs import resolve_spec
    from summarizer.records import Task

    summarize = replace(resolve_spec(str(mt5), Task.SUMMARIZE), generation={
        "num_beams": 4, "no_repeat_ngram_size": 2, "min_new_tokens": SUMMARY_TOKENS, "max_new_tokens": SUMMARY_TOKENS})
    translate = replace(resolve_spec(str(marian), Task.TRANSLATE), generation={
        "num_beams": 4, "min_new_tokens": SENTENCE_TOKENS, "max_new_tokens": SENTENCE_TOKENS})
    if path == "project":
        return replace(summarize, backend="ctranslate2"), replace(translate, backend="ctranslate2")
    return (replace(summarize, backend="transformers", restrict_output=False),
            replace(translate, backend="transformers", restrict_output=False))


def runtime_for(path: str, device: str):
    from summarizer.runtime import DEFAULT_BATCH_SIZE, Runtime

    if path == "naive":
        return Runtime(device=device, compute_type="float32", batch_size=1)
    return Runtime(device=device, batch_size=256 if device == "cuda" else DEFAULT_BATCH_SIZE)


def pad_vocabulary_map(spec, size: int) -> None:
    """Write the converted summarizer's vmap.txt with `size` pieces: the test tokenizer's summary
    pieces, then other pieces of the model's vocabulary, standing in for the real tokenizer's."""
    from transformers import AutoTokenizer

    from summarizer.backends.ctranslate2_backend import ctranslate2_folder
    from summarizer.backends.vocabulary import VMAP_NAME, output_pieces

    folder = ctranslate2_folder(spec)
    pieces = output_pieces(AutoTokenizer.from_pretrained(folder / "tokenizer"))
    vocabulary = json.loads((folder / "shared_vocabulary.json").read_text(encoding="utf-8"))
    chosen = list(dict.fromkeys(pieces + [piece for piece in vocabulary if " " not in piece]))[:size]
    (folder / VMAP_NAME).write_text("\t" + " ".join(chosen) + "\n", encoding="utf-8")


def cpu_steps_rate(scale: int) -> float:
    """Articles per second for the CPU steps alone (splitting and names), one core."""
    from summarizer.names.glossary import Glossary
    from summarizer.splitting import split_page_text
    from summarizer.stages.briefing import article_names

    seed = ROOT.parent / "shared" / "pages" / "jining-daily-p1.txt"
    page = seed if seed.exists() else ROOT / "tests" / "pages" / "east-lake-daily-2024-05-07-p1.txt"
    text = page.read_text(encoding="utf-8")
    glossary = Glossary.load()
    for article in split_page_text(text, page.name).articles:
        article_names(article, glossary)  # load the taggers and dictionaries once
    started, articles = time.perf_counter(), 0
    for _ in range(scale):
        for article in split_page_text(text, page.name).articles:
            article_names(article, glossary)
            articles += 1
    return articles / (time.perf_counter() - started)


def measure(path: str, workload: str, scale: int, mt5: Path, marian: Path, device: str) -> dict:
    """Runs in a child process: one path over one workload."""
    from summarizer.backends import effective_spec
    from summarizer.names.entities import find_entities
    from summarizer.names.glossary import Glossary
    from summarizer.stages.summarizing import ModelSummarizer
    from summarizer.stages.translating import Translator

    articles = workloads(scale)[workload]
    glossary = Glossary.load()
    runtime = runtime_for(path, device).resolved()
    summarize_spec, translate_spec = (effective_spec(spec, runtime) for spec in stage_specs(path, mt5, marian))
    started = time.perf_counter()
    summarizer = ModelSummarizer(summarize_spec, glossary=glossary, runtime=runtime)
    translator = Translator(translate_spec, glossary=glossary, runtime=runtime)
    summarizer.backend, translator.backend  # noqa: B018 - load both now, so loading is timed apart
    loaded = time.perf_counter()
    summaries = summarizer.summarize([article.body for article in articles])
    summarized = time.perf_counter()
    entities = [find_entities(f"{a.headline}\n{a.body}", glossary) for a in articles]
    if path == "naive":
        translator.batch_size = 1
        for article, summary, found in zip(articles, summaries, entities):
            translator.translate([article.headline, summary.text], [found, found])
    else:
        translator.translate([a.headline for a in articles] + [s.text for s in summaries], entities + entities)
    translated = time.perf_counter()
    return {
        "articles": len(articles), "load_s": loaded - started, "summarize_s": summarized - loaded,
        "translate_s": translated - summarized, "peak_mb": peak_resident_mb(),
        "backend": f"{summarize_spec.backend} {getattr(summarizer.backend, 'compute_type', '')}".strip(),
    }


def peak_resident_mb() -> float:
    """This process's own peak resident memory. (ru_maxrss is no good here: Linux carries it over
    from the parent through fork and exec, so every child would report the model builder's peak.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=5, help="copies of the seed page's articles in the larger batch")
    parser.add_argument("--work", type=Path, help="folder to keep the built models in between runs")
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="where both paths run")
    parser.add_argument("--vmap-size", type=int, default=50_000,
                        help="pieces of the summarizer's restricted output vocabulary (assumed for the real mT5)")
    parser.add_argument("--child", nargs=2, metavar=("PATH", "WORKLOAD"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="summarizer-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SUMMARIZER_CACHE", str(work / "cache"))
    if args.child:
        mt5, marian = work / "mt5-base-random", work / "opus-mt-zh-en-random"
        print(json.dumps(measure(args.child[0], args.child[1], args.scale, mt5, marian, args.device)))
        return

    started = time.perf_counter()
    mt5, marian = build_models(work)
    print(f"built random mT5-base and opus-mt-zh-en in {time.perf_counter() - started:.0f} s ({work})", flush=True)
    from summarizer.backends.ctranslate2_backend import ctranslate2_available, ctranslate2_folder

    if ctranslate2_available():
        started = time.perf_counter()
        summarize_spec, translate_spec = stage_specs("project", mt5, marian)
        ctranslate2_folder(summarize_spec), ctranslate2_folder(translate_spec)
        pad_vocabulary_map(summarize_spec, args.vmap_size)
        print(f"converted both to CTranslate2 int8 in {time.perf_counter() - started:.0f} s (once per model); "
              f"summarizer output restricted to {args.vmap_size} of {MT5_VOCAB} pieces", flush=True)
    print(f"CPU steps alone (splitting and names, one process): {cpu_steps_rate(2):.1f} articles/s", flush=True)

    totals = dict.fromkeys(PATHS, 0.0)
    print(f"{'workload':<40} {'path':<8} {'backend':<22} {'articles/min':>12} {'summarize s':>12} {'translate s':>12} "
          f"{'load s':>7} {'peak MB':>8}")
    for workload in workloads(args.scale):
        for path in PATHS:
            child = subprocess.run(
                [sys.executable, __file__, "--scale", str(args.scale), "--work", str(work), "--device", args.device,
                 "--child", path, workload],
                capture_output=True, text=True, check=False)
            if child.returncode != 0:
                sys.exit(f"{path} on {workload} failed:\n{child.stderr[-2000:]}")
            result = json.loads(child.stdout.strip().splitlines()[-1])
            seconds = result["summarize_s"] + result["translate_s"]
            totals[path] += seconds
            print(f"{workload:<40} {path:<8} {result['backend']:<22} {60 * result['articles'] / seconds:>12.1f} "
                  f"{result['summarize_s']:>12.1f} {result['translate_s']:>12.1f} {result['load_s']:>7.1f} "
                  f"{result['peak_mb']:>8.0f}", flush=True)
    print(f"speedup vs naive: {totals['naive'] / totals['project']:.2f}")


if __name__ == "__main__":
    main()
