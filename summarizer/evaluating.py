"""`summarizer eval`: how good a model choice is, measured on the user's own references.

A reference file is JSON Lines, one article each:
`{"id", "text", "headline"?, "summary_zh"?, "summary_en"?, "names"?: [{"zh", "en"}]}`. The articles
go through the same stages as a night's run; the report gives ROUGE-1/2/L of the Chinese
summaries on characters, BLEU and chrF of the English summaries, the share of reference names
rendered exactly, the methods used, and seconds per article. Scores are 0-100, None where no
reference gives them.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.errors import ConfigError, describe_error
from summarizer.records import Article, Brief
from summarizer.stages.briefing import Stages, article_names, briefs_isolating_failures

SCORES = ("rouge1", "rouge2", "rougeL", "bleu", "chrf", "names")


@dataclass
class Reference:
    id: str
    text: str
    headline: str | None = None
    summary_zh: str | None = None
    summary_en: str | None = None
    names: list[dict] = field(default_factory=list)

    @property
    def article(self) -> Article:
        return Article(title=self.headline, paragraphs=[p for p in self.text.splitlines() if p.strip()])


def read_references(path: Path) -> tuple[list[Reference], list[str]]:
    """The file's references, and a line for each malformed one (`REFS.jsonl:3: ...`); those are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the references: {exc}") from None
    references, problems = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            references.append(_reference(json.loads(line)))
        except (ValueError, TypeError) as exc:
            problems.append(f"{path}:{number}: not a usable reference: {describe_error(exc)}")
        except RecursionError:
            problems.append(f"{path}:{number}: not a usable reference: nested too deeply")
    return references, problems


def _reference(data) -> Reference:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    for key in ("id", "text"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValueError(f'"{key}" must be a non-empty string')
    for key in ("headline", "summary_zh", "summary_en"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise ValueError(f'"{key}" must be a string')
    names = data.get("names") or []
    if not isinstance(names, list) or not all(
            isinstance(n, dict) and isinstance(n.get("zh"), str) and isinstance(n.get("en"), str) for n in names):
        raise ValueError('"names" must be a list of {"zh": ..., "en": ...}')
    unknown = set(data) - {"id", "text", "headline", "summary_zh", "summary_en", "names"}
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    return Reference(data["id"], data["text"], data.get("headline"), data.get("summary_zh"), data.get("summary_en"),
                     names)


def evaluate(references: list[Reference], stages: Stages, batch_size: int, progress=None) -> dict:
    """Brief every reference's article with the stages, and score the briefs against the references."""
    stages.load_models()
    if references:
        article_names(references[0].article, stages.glossary)  # the name taggers load here, not in the timing
    briefs: list[Brief] = []
    started = time.perf_counter()
    bar = progress(total=len(references)) if progress else None
    for start in range(0, len(references), batch_size):
        batch = references[start: start + batch_size]
        briefs.extend(briefs_isolating_failures([reference.article for reference in batch], stages))
        if bar:
            bar.update(len(batch))
    if bar:
        bar.close()
    seconds = time.perf_counter() - started
    return {"articles": len(references), **score(references, briefs),
            "seconds_per_article": round(seconds / len(references), 3) if references else None,
            "methods": dict(Counter(brief.method for brief in briefs))}


def score(references: list[Reference], briefs: list[Brief]) -> dict:
    """ROUGE (characters), BLEU, chrF and the names share of briefs against their references, 0-100."""
    pairs_zh = [(ref.summary_zh, brief.summary_zh or "") for ref, brief in zip(references, briefs) if ref.summary_zh]
    pairs_en = [(ref.summary_en, brief.summary_en or "") for ref, brief in zip(references, briefs) if ref.summary_en]
    named = [(name, brief) for ref, brief in zip(references, briefs) for name in ref.names]
    return {**_rouge(pairs_zh), **_bleu_chrf(pairs_en),
            "names": _percent(sum(_renders(name, brief) for name, brief in named), len(named))}


class CharacterTokenizer:
    """ROUGE over Chinese characters (each CJK character a token; Latin words and numbers whole).
    rouge-score's own tokenizer drops every CJK character."""

    _TOKEN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[a-z0-9]+")

    def tokenize(self, text: str) -> list[str]:
        return self._TOKEN_RE.findall(text.lower())


def _rouge(pairs: list[tuple[str, str]]) -> dict:
    if not pairs:
        return dict.fromkeys(("rouge1", "rouge2", "rougeL"))
    from rouge_score.rouge_scorer import RougeScorer

    scorer = RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=CharacterTokenizer())
    totals: Counter[str] = Counter()
    for reference, output in pairs:
        for name, result in scorer.score(reference, output).items():
            totals[name] += result.fmeasure
    return {name: round(100 * totals[name] / len(pairs), 2) for name in ("rouge1", "rouge2", "rougeL")}


def _bleu_chrf(pairs: list[tuple[str, str]]) -> dict:
    if not pairs:
        return {"bleu": None, "chrf": None}
    import sacrebleu

    references, outputs = [[reference for reference, _ in pairs]], [output for _, output in pairs]
    return {"bleu": round(sacrebleu.corpus_bleu(outputs, references).score, 2),
            "chrf": round(sacrebleu.corpus_chrf(outputs, references).score, 2)}


def _renders(name: dict, brief: Brief) -> bool:
    """The brief names the person or place with exactly the reference's English, and where its
    Chinese headline or summary mentions it, its English text does too."""
    if not any(entity.zh == name["zh"] and entity.en == name["en"] for entity in brief.entities):
        return False
    mentioned = name["zh"] in f"{brief.headline_zh}\n{brief.summary_zh}"
    return not mentioned or name["en"] in f"{brief.headline_en}\n{brief.summary_en}"


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def format_report(report: dict) -> str:
    """The report as a small table for a terminal."""
    rows = [("articles", str(report["articles"]))]
    rows += [(name, "n/a (no reference)" if report[name] is None else f"{report[name]:.2f}") for name in SCORES]
    seconds = report["seconds_per_article"]
    rows.append(("seconds/article", "n/a" if seconds is None else f"{seconds:.2f}"))
    rows.append(("methods", ", ".join(f"{method} {count}" for method, count in sorted(report["methods"].items()))
                 or "none"))
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)
