import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")  # the same examples on every CI run: a landing never depends on luck

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
if "SUMMARIZER_CACHE" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="summarizer-test-cache-")
    os.environ["SUMMARIZER_CACHE"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

from summarizer.stages.settings import StageSettings  # noqa: E402 - after the offline switches above
from tests.helpers.paths import OWN_PAGES, SEED_PAGE, TESTS  # noqa: E402,F401 - re-exported for the tests
from tests.helpers.stages import scripted_stages  # noqa: E402


@pytest.fixture
def seed_page() -> Path:
    if not SEED_PAGE.exists():
        pytest.skip(f"the seed page is not beside the checkout ({SEED_PAGE})")
    return SEED_PAGE


@pytest.fixture
def seed_gold(seed_page) -> dict:
    return json.loads(seed_page.with_suffix(".gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def tiny_mt5(tmp_path_factory) -> Path:
    from tests.helpers.tiny_models import build_tiny_mt5

    return build_tiny_mt5(tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory) -> Path:
    from tests.helpers.tiny_models import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("models"))


@pytest.fixture
def scripted_models(monkeypatch):
    """The command line's stages replaced by scripted ones (tests/helpers/stages.py): the CLI end to
    end in a fraction of a second, for tests about files, statuses and messages rather than models."""
    monkeypatch.setattr(StageSettings, "build", lambda self: scripted_stages()[0])
