"""Where the test pages are; importable without pytest (the benchmarks build their models from them)."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
OWN_PAGES = TESTS / "pages"
SEED_PAGE = TESTS.parent.parent / "shared" / "pages" / "jining-daily-p1.txt"
