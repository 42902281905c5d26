"""Stages with scripted backends, and a run of the job on them: the pipeline without real models."""

import re

from summarizer.config import RunOptions
from summarizer.job.editions import paper_slug
from summarizer.job.report import RunReport
from summarizer.job.run import run_job
from summarizer.names.glossary import Glossary
from summarizer.stages.briefing import Stages
from summarizer.stages.summarizing import ModelSummarizer
from summarizer.stages.translating import Translator
from tests.helpers.fakes import ScriptedBackend
from tests.helpers.paths import OWN_PAGES


def echo_latin(text: str) -> str:
    """A stand-in for the model: keeps what is already English, glosses each Chinese run as 'x'."""
    return re.sub(r"[\u4e00-\u9fff，、；：“”]+", " x ", text).strip()


EAST_SLUG = paper_slug("东湖日报")
"""The edition folder of the East Lake Daily test pages."""
EAST = [OWN_PAGES / "east-lake-daily-2024-05-07-p1.txt", OWN_PAGES / "east-lake-daily-2024-05-07-p2.txt"]


def scripted_stages(summary=lambda text: text[:60], translate=echo_latin) -> tuple[Stages, ScriptedBackend, ScriptedBackend]:
    glossary = Glossary.load()
    summarizer_backend = ScriptedBackend(summary, task="summarize")
    translator_backend = ScriptedBackend(translate)
    stages = Stages(ModelSummarizer(summarizer_backend.spec, glossary, backend=summarizer_backend),
                    Translator(translator_backend.spec, glossary, backend=translator_backend), glossary)
    return stages, summarizer_backend, translator_backend


def run(inputs, out, stages, **options) -> RunReport:
    return run_job(RunOptions(inputs=[str(p) for p in inputs], out=str(out), date="2021-12-04", **options), stages)
