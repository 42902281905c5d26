"""Chinese names in pinyin as English writes them (surname first), the forms of address papers
use (李大爷 -> Uncle Li), and the signs of a name transliterated from another language."""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

from summarizer import lexicon
from summarizer.patterns import CJK

COMPOUND_SURNAMES = {
    "欧阳": "Ouyang", "上官": "Shangguan", "司马": "Sima", "诸葛": "Zhuge", "东方": "Dongfang",
    "皇甫": "Huangfu", "尉迟": "Yuchi", "长孙": "Zhangsun", "令狐": "Linghu", "慕容": "Murong",
    "公孙": "Gongsun", "夏侯": "Xiahou", "澹台": "Tantai", "端木": "Duanmu", "司徒": "Situ",
    "单于": "Chanyu", "万俟": "Moqi", "宇文": "Yuwen", "独孤": "Dugu", "南宫": "Nangong",
}


SURNAME_READINGS = {
    "乐": "Yue", "翟": "Zhai", "尉": "Yu", "隗": "Wei", "秘": "Bi", "种": "Chong", "繁": "Po", "员": "Yun",
    "折": "She", "藏": "Zang", "长": "Chang", "重": "Chong", "便": "Pian", "难": "Nan", "句": "Gou",
}
"""Surname readings where CC-CEDICT gives another reading first, or has no surname entry."""


SURNAMES_NOT_IN_DICTIONARY = set("丛简边芦寇阳巩") | set(SURNAME_READINGS)
"""Common surnames that CC-CEDICT lists only as ordinary characters; every other surname comes from it."""


TRANSLITERATION_CHARS = set(
    "阿埃艾安奥巴拜班贝本比宾波伯博布查达戴丹德迪蒂杜多厄恩法菲芬弗福盖戈格古圭哈汉赫亨霍基吉加杰卡凯坎科克肯库"
    "拉莱兰朗劳勒雷里利列隆卢鲁伦罗洛马迈曼梅蒙米莫姆穆纳奈内尼纽努诺帕佩皮普齐奇乔切萨塞桑瑟森沙舍什斯索塔泰"
    "坦特提图托瓦威韦维温沃乌西希谢休雅亚耶伊尤约扎泽兹佐"
)
"""Characters of the standard transliteration tables for foreign names (Xinhua's)."""


def pinyin_syllables(text: str) -> list[str]:
    return lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="ignore")


def join_syllables(syllables: list[str]) -> str:
    """Syllables as one word, with an apostrophe where a syllable starting with a, o or e would blur."""
    word = ""
    for syllable in syllables:
        if word and syllable[:1] in "aoe":
            word += "'"
        word += syllable
    return word.capitalize()


def romanized(text: str) -> str:
    """Pinyin as one capitalised word (`西安` -> `Xi'an`)."""
    return join_syllables(pinyin_syllables(text))


def _surname(name: str) -> tuple[str, str] | None:
    """The name's surname and its reading, if it starts with one."""
    if name[:2] in COMPOUND_SURNAMES:
        return name[:2], COMPOUND_SURNAMES[name[:2]]
    reading = SURNAME_READINGS.get(name[0]) or lexicon.surname_reading(name[0])
    if reading:
        return name[0], reading
    if name[0] in SURNAMES_NOT_IN_DICTIONARY:
        return name[0], join_syllables(pinyin_syllables(name[0]))
    return None


def person_to_english(name: str) -> str:
    """`于永生` -> `Yu Yongsheng`: surname first, given name as one word."""
    surname = _surname(name)
    if surname is None:
        surname = (name[0], join_syllables(pinyin_syllables(name[0])))
    given = name[len(surname[0]):]
    return f"{surname[1]} {join_syllables(pinyin_syllables(given))}".strip()


def is_chinese_name(candidate: str) -> bool:
    """Two to four Chinese characters after a surname (compound surnames take four)."""
    if not candidate or not all("\u4e00" <= ch <= "\u9fff" for ch in candidate):
        return False
    surname = _surname(candidate)
    if surname is None:
        return False
    return 2 <= len(candidate) <= (4 if len(surname[0]) == 2 else 3)


def looks_transliterated(word: str) -> bool:
    return sum(ch in TRANSLITERATION_CHARS for ch in word) >= 2


HONORIFIC_SUFFIXES = {
    "大爷": "Uncle", "大伯": "Uncle", "大叔": "Uncle", "叔叔": "Uncle", "大妈": "Auntie", "大娘": "Auntie",
    "大婶": "Auntie", "阿姨": "Auntie", "大姐": "Sister", "大嫂": "Sister", "大哥": "Brother", "师傅": "Master",
    "奶奶": "Granny", "婆婆": "Granny", "爷爷": "Grandpa", "先生": "Mr.", "女士": "Ms.", "老师": "Teacher",
    "医生": "Dr.",
}
"""How a paper refers to someone by surname and a form of address (李大爷 -> Uncle Li): never a
given name (`Li Daye`)."""


HONORIFIC_PREFIXES = {"老": "Lao", "小": "Xiao"}
"""老李, 小王: a surname with 老 or 小 before it, as colleagues and neighbours call someone."""


HONORIFIC = "honorific"
"""The source of a person's English where the paper names them only by a form of address."""


def honorific_to_english(name: str) -> str | None:
    """`李大爷` -> `Uncle Li`, `王先生` -> `Mr. Wang`, `老张` -> `Lao Zhang`; None for any other name."""
    for suffix, title in HONORIFIC_SUFFIXES.items():
        stem = name.removesuffix(suffix)
        if stem != name and 1 <= len(stem) <= 2:
            surname = _surname(stem)
            if surname and surname[0] == stem:
                return f"{title} {surname[1]}"
    if len(name) == 2 and name[0] in HONORIFIC_PREFIXES:
        surname = _surname(name[1:])
        if surname and surname[0] == name[1:] and (name[1:] in COMPOUND_SURNAMES or lexicon.surname_reading(name[1])):
            return f"{HONORIFIC_PREFIXES[name[0]]} {surname[1]}"
    return None


HONORIFIC_RE = re.compile(rf"[{CJK}]{{1,2}}(?:{'|'.join(HONORIFIC_SUFFIXES)})|(?:老|小)[{CJK}]")
