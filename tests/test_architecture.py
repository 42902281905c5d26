"""The house rules, checked: data flows one way with no import cycle, a writer is one class and a
registry line, a setting is one table entry and the README's table is that table."""

import ast
import json
from pathlib import Path

from summarizer import config, writers
from summarizer.config import SETTINGS, RunOptions, check_setting, settings_table
from summarizer.errors import ConfigError
from summarizer.job.run import run_job
from summarizer.records import Digest
from summarizer.writers.base import DigestWriter
from tests.helpers.paths import OWN_PAGES
from tests.helpers.stages import scripted_stages

PACKAGE = Path(config.__file__).parent
README = PACKAGE.parent / "README.md"
LAZY_IMPORTS_ALLOWED: set[str] = set()
"""Modules that may import summarizer modules inside functions (none: a function-level import hides cycles)."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.Module, module: str, modules: set[str]) -> list[tuple[str, bool]]:
    """(imported summarizer module, whether the import is inside a function), type-checking-only imports left out."""
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, in_function) for alias in node.names if alias.name.startswith("summarizer"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("summarizer"):
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.append((submodule if submodule in modules else node.module, in_function))
        for child in ast.iter_child_nodes(node):
            visit(child, in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)))

    visit(tree, False)
    return [(name, lazy) for name, lazy in found if name != module]


def _graph() -> tuple[dict[str, set[str]], list[str]]:
    files = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    lazy = []
    for module, path in files.items():
        edges = _imports(ast.parse(path.read_text(encoding="utf-8")), module, set(files))
        graph[module] = {name for name, _ in edges if name in files}
        lazy += [f"{module} imports {name} inside a function" for name, inside in edges
                 if inside and module not in LAZY_IMPORTS_ALLOWED]
    return graph, lazy


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return groups


def test_the_package_has_no_import_cycle():
    graph, _ = _graph()
    assert len(graph) > 40  # the walk found the package
    assert _cycles(graph) == []


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_function_level_import_of_the_package_hides_a_cycle():
    _, lazy = _graph()
    assert lazy == []


def test_lower_layers_import_nothing_of_the_layers_above():
    """readers → splitting → names → stages → writers; engines run stages; job wires a night."""
    graph, _ = _graph()
    above = {
        "summarizer.readers": ("splitting", "names", "stages", "writers", "engines", "job", "config", "cli"),
        "summarizer.splitting": ("names", "stages", "writers", "engines", "job", "config", "cli"),
        "summarizer.names": ("splitting", "stages", "writers", "engines", "job", "config", "cli", "backends"),
        "summarizer.backends": ("stages", "writers", "engines", "job", "config", "cli", "names"),
        "summarizer.stages": ("writers", "engines", "job", "config", "cli"),
        "summarizer.writers": ("stages", "engines", "job", "config", "cli", "backends"),
        "summarizer.engines": ("job", "config", "cli", "writers"),
    }
    wrong = [f"{module} imports {target}" for module, targets in graph.items() for target in targets
             for layer, forbidden in above.items()
             if module.startswith(layer) and any(target.startswith(f"summarizer.{name}") for name in forbidden)]
    assert wrong == []


class PlainTextWriter(DigestWriter):
    name = "plain"

    def files(self, digest: Digest) -> dict[str, str]:
        return {"digest.txt": "\n".join(brief.headline_zh for brief in digest.briefs) + "\n"}


def test_a_new_writer_is_one_class_and_one_registry_line(tmp_path, monkeypatch):
    monkeypatch.setitem(writers.WRITERS, PlainTextWriter.name, PlainTextWriter)
    page = OWN_PAGES / "east-lake-daily-2024-05-07-p1.txt"
    stages, _, _ = scripted_stages()
    report = run_job(RunOptions(inputs=[str(page)], out=str(tmp_path), formats=["plain", "json"]), stages)
    [folder] = {Path(output).parent for output in report.outputs}
    assert sorted(path.name for path in folder.iterdir()) == ["digest.json", "digest.txt"]
    headlines = (folder / "digest.txt").read_text(encoding="utf-8").splitlines()
    document = json.loads((folder / "digest.json").read_text(encoding="utf-8"))
    assert headlines == [article["headline"]["zh"] for article in document["articles"]]
    assert report.outputs == [str(folder / "digest.txt")]


def test_formats_must_name_registered_writers():
    assert check_setting("formats", ["json"], "x.toml") == ["json"]
    for wrong in (["pdf"], [], "json"):
        try:
            check_setting("formats", wrong, "x.toml")
        except ConfigError as exc:
            assert str(exc).startswith("x.toml: formats must be a list of atom, html, json, markdown")
        else:
            raise AssertionError(f"{wrong!r} was accepted")


def test_every_run_setting_is_one_entry_with_its_option_check_and_help():
    options = {parameter.name for parameter in __import__("summarizer.cli", fromlist=["run"]).run.params}
    config_only = {key for key, entry in SETTINGS.items() if entry.config_only}
    assert config_only == {"mail"}  # a table of the job config (mail), which no option could hold
    assert set(SETTINGS) <= options | {"inputs"} | config_only
    for entry in SETTINGS.values():
        assert entry.help and entry.what
        assert entry.option is None or entry.option == f"--{entry.key.replace('_', '-')}"


def test_the_readme_settings_table_is_the_table_of_the_code():
    assert settings_table() in README.read_text(encoding="utf-8")
