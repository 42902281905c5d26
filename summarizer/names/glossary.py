"""The glossary: Chinese -> English by section (titles, organisations, countries, places,
people, terms); the built-in file, then the user's, later files overriding earlier ones."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cached_property
from importlib import resources
from pathlib import Path

from summarizer.errors import ConfigError

GLOSSARY_SECTIONS = ("titles", "organizations", "countries", "places", "people", "terms")


TITLE_SUFFIXES = (
    "书记", "市长", "县长", "区长", "镇长", "省长", "主任", "局长", "处长", "科长", "部长", "厅长", "主席", "委员",
    "秘书长", "大使", "总领事", "领事", "参赞", "董事长", "总经理", "经理", "总裁", "院长", "校长", "会长", "理事长",
    "负责人", "教授", "专家", "代表", "队长", "村长", "主编", "社长", "司令员", "政委", "检察长", "庭长", "馆长", "站长",
    "总书记", "总理", "特使", "行长", "总监", "厂长", "所长", "组长", "总统", "首相", "议员", "州长", "总干事", "创始人",
    "支书", "司长", "主任委员", "研究员", "工程师", "医生", "教师", "老师", "船长",
)
"""Words that name a role before or after a person's name (`市长于永生`, `习近平总书记`)."""


class Glossary:
    """Chinese -> English renderings by section; later files override earlier ones.
    Treat it as read-only: `merged` makes a new one, and the derived lookups are computed once."""

    def __init__(self, sections: dict[str, dict[str, str]] | None = None, sources: tuple[str, ...] = ()):
        self.sections = {name: dict((sections or {}).get(name, {})) for name in GLOSSARY_SECTIONS}
        self.sources = sources

    @classmethod
    def load(cls, extra_files: Sequence[str | Path] = ()) -> Glossary:
        default = resources.files("summarizer.data").joinpath("glossary.toml").read_text(encoding="utf-8")
        glossary = cls(_parse_glossary(default, "built-in glossary"), ("built-in",))
        for path in extra_files:
            try:
                text = Path(path).read_bytes().decode("utf-8")
            except OSError as exc:
                raise ConfigError(f"{path}: cannot read glossary: {exc.strerror or exc}") from None
            except UnicodeDecodeError as exc:
                raise ConfigError(f"{path}: glossary is not UTF-8 text (byte {exc.start})") from None
            glossary = glossary.merged(_parse_glossary(text, str(path)), str(path))
        return glossary

    def merged(self, sections: dict[str, dict[str, str]], source: str) -> Glossary:
        combined = {name: {**self.sections[name], **sections.get(name, {})} for name in GLOSSARY_SECTIONS}
        return Glossary(combined, self.sources + (source,))

    def lookup(self, zh: str) -> str | None:
        for name in GLOSSARY_SECTIONS:
            if zh in self.sections[name]:
                return self.sections[name][zh]
        return None

    @cached_property
    def places(self) -> dict[str, str]:
        """Countries and places; a name joined with `-` is also listed as written with `·`."""
        places = {**self.sections["countries"], **self.sections["places"]}
        return {**{zh.replace("-", "·"): en for zh, en in places.items() if "-" in zh}, **places}

    @cached_property
    def all_terms(self) -> dict[str, str]:
        terms: dict[str, str] = {}
        for name in GLOSSARY_SECTIONS:
            terms.update(self.sections[name])
        return terms

    def fingerprint(self) -> str:
        """A stable digest of every entry, so that a glossary change invalidates cached results."""
        import hashlib
        import json

        return hashlib.sha256(json.dumps(self.sections, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]

    @cached_property
    def title_pattern(self) -> re.Pattern:
        titles = sorted(set(self.sections["titles"]) | set(TITLE_SUFFIXES), key=len, reverse=True)
        return re.compile("|".join(map(re.escape, titles)))

    @cached_property
    def organization_pattern(self) -> re.Pattern | None:
        keys = sorted(self.sections["organizations"], key=len, reverse=True)
        return re.compile("|".join(map(re.escape, keys))) if keys else None


def _parse_glossary(text: str, source: str) -> dict[str, dict[str, str]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from None
    unknown = set(data) - set(GLOSSARY_SECTIONS)
    if unknown:
        raise ConfigError(f"{source}: unknown glossary sections {sorted(unknown)}; use {list(GLOSSARY_SECTIONS)}")
    for name, entries in data.items():
        if not isinstance(entries, dict):
            raise ConfigError(f"{source}: section [{name}] must map Chinese terms to English strings")
        for key, value in entries.items():
            if not key.strip():
                raise ConfigError(f"{source}: [{name}] has an empty key")
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{source}: [{name}] {key!r} must map to a non-empty English string")
            if "\n" in value or "\r" in value:
                raise ConfigError(f"{source}: [{name}] {key!r} has a line break in its English")
    return data
