"""The output vocabulary of a Chinese summary: the pieces made of Chinese characters and the
punctuation of Chinese text, and the pieces of English: words of an English lexicon (the English
of CC-CEDICT), acronyms in capitals, and anything of at most two letters, so that every Latin
string can still be spelt.

mT5 shares one 250,112-piece vocabulary among 101 languages, and its output layer scores every
piece at every decoding step; a Chinese summary can only ever use a fraction of them. A model
file with `restrict_output = true` decodes over that fraction alone:

- CTranslate2 reads it as a vocabulary map (`vmap.txt` in the model folder, `use_vmap=True`), and
  scores only those pieces;
- transformers adds -inf to the other pieces' logits before the softmax.

Both are exactly the full model with the other pieces masked (tests/test_vocabulary.py decodes
the two ways, beam search included, and compares token for token).
"""

from __future__ import annotations

from pathlib import Path

from summarizer.lexicon import english_words

VMAP_NAME = "vmap.txt"
_RANGES = ((0x20, 0x7E), (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2010, 0x2027),
           (0x2030, 0x205E), (0x00B7, 0x00B7), (0x25A0, 0x25CF))
"""ASCII, CJK ideographs (and extension A), CJK punctuation, full-width forms, general punctuation, ·, ■□●."""
_WORD_START = "\u2581"


def is_summary_piece(piece: str) -> bool:
    text = piece.replace(_WORD_START, "")
    if not all(any(low <= ord(ch) <= high for low, high in _RANGES) for ch in text):
        return False
    letters = "".join(ch for ch in text if ch.isascii() and ch.isalpha())
    if len(letters) <= 2 or letters.isupper():
        return True
    return letters == text and letters.lower() in english_words()


def output_pieces(tokenizer) -> list[str]:
    """The pieces a Chinese (or English) summary can use, special tokens included, in id order."""
    specials = set(tokenizer.all_special_ids)
    pieces = tokenizer.convert_ids_to_tokens(list(range(len(tokenizer))))
    return [piece for index, piece in enumerate(pieces) if index in specials or is_summary_piece(piece)]


def output_ids(tokenizer) -> list[int]:
    return tokenizer.convert_tokens_to_ids(output_pieces(tokenizer))


def write_vocabulary_map(folder: str | Path, tokenizer) -> Path:
    """CTranslate2's vocabulary map that always allows exactly the output pieces (the empty source n-gram)."""
    path = Path(folder) / VMAP_NAME
    temporary = path.with_suffix(".tmp")
    temporary.write_text("\t" + " ".join(output_pieces(tokenizer)) + "\n", encoding="utf-8")
    temporary.replace(path)
    return path
