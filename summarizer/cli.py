"""The command line: a thin shell that parses options and calls the library."""

from __future__ import annotations

import json
import sys

import click

from summarizer.errors import EXIT_FAILURES, PageError
from summarizer.records import Page
from summarizer.splitting import split_page_file


@click.group()
@click.version_option(package_name="summarizer")
def main() -> None:
    """Bilingual briefs from the text of Chinese newspaper pages."""


@main.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of an outline.")
def split(pages: tuple[str, ...], as_json: bool) -> None:
    """Split PAGES into articles and show them."""
    results: list[Page] = []
    failed = 0
    for path in pages:
        try:
            results.append(split_page_file(path))
        except PageError as exc:
            failed += 1
            click.echo(f"error: {exc}", err=True)
    if as_json:
        document = {"pages": [page.to_dict() for page in results]}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for page in results:
            click.echo(format_outline(page))
    if failed:
        sys.exit(EXIT_FAILURES)


def format_outline(page: Page) -> str:
    meta = ", ".join(
        f"{name} {value}" for name, value in (("paper", page.paper), ("date", page.date), ("page", page.page_no)) if value
    )
    lines = [f"{page.source} ({meta or 'no edition metadata'}): {len(page.articles)} articles"]
    for number, article in enumerate(page.articles, 1):
        lines.append(f"{number:>3}. [{article.kind}] {article.headline}")
        details = [article.byline or article.dateline or "no attribution", f"{len(article.paragraphs)} paragraphs"]
        details.append(f"{sum(len(p) for p in article.paragraphs)} characters")
        if article.subheads:
            details.append(f"{len(article.subheads)} subheads")
        if article.continued_from_page:
            details.append(f"continued from page {article.continued_from_page}")
        if article.continued_to_page:
            details.append(f"continues on page {article.continued_to_page}")
        lines.append("     " + " | ".join(details))
    return "\n".join(lines)
