"""Chinese words: jieba, loaded once and quietly, for every module that needs words or their tags."""

from __future__ import annotations

import logging
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
