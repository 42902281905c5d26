"""Writers: a digest in, the files people and machines read out. One file per format, and a
line in WRITERS; the job config's `formats = [...]` chooses among them."""

from __future__ import annotations

from summarizer.writers.atom import AtomWriter
from summarizer.writers.base import DigestWriter
from summarizer.writers.html import HtmlWriter
from summarizer.writers.json import JsonWriter
from summarizer.writers.markdown import MarkdownWriter

WRITERS: dict[str, type[DigestWriter]] = {
    MarkdownWriter.name: MarkdownWriter,
    JsonWriter.name: JsonWriter,
    HtmlWriter.name: HtmlWriter,
    AtomWriter.name: AtomWriter,
}
DEFAULT_FORMATS = (MarkdownWriter.name, JsonWriter.name)
"""The first format's first file is the one the run names on stdout."""

__all__ = ["DEFAULT_FORMATS", "WRITERS", "DigestWriter"]
