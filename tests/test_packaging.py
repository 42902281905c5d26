"""A wheel carries everything the job needs: installed into a fresh venv, it behaves like the checkout."""

import subprocess
import sys
import sysconfig
import venv

import pytest

from tests.helpers.paths import OWN_PAGES, TESTS

ROOT = TESTS.parent


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory):
    """A fresh venv with the project's wheel; the dependencies come from this interpreter's
    site-packages through a path file (not its .pth files, so the editable install stays out)."""
    folder = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                            "-w", str(folder / "dist"), "-q"], capture_output=True, text=True)
    if built.returncode != 0:
        pytest.fail(f"building the wheel failed: {built.stderr[-2000:]}")
    [wheel] = (folder / "dist").glob("summarizer-*.whl")
    environment = folder / "venv"
    venv.EnvBuilder(with_pip=False).create(environment)
    python = environment / "bin" / "python"
    site_packages = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-compile", "-q",
                    str(wheel)], check=True, capture_output=True)
    # Only now: had pip seen this interpreter's packages, it would have uninstalled the editable install.
    (environment / site_packages.split(str(environment) + "/")[1] / "base-deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return environment


def run_installed(environment, *arguments, cwd):
    return subprocess.run([str(environment / "bin" / "summarizer"), *map(str, arguments)], capture_output=True,
                          text=True, cwd=cwd, env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"})


@pytest.mark.slow
def test_the_installed_package_is_the_wheel_not_the_checkout(wheel_venv, tmp_path):
    where = subprocess.run([str(wheel_venv / "bin" / "python"), "-c", "import summarizer; print(summarizer.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, check=True).stdout
    assert where.startswith(str(wheel_venv))


@pytest.mark.slow
def test_a_wheel_install_lists_the_model_files_and_splits_a_page(wheel_venv, tmp_path):
    listed = run_installed(wheel_venv, "models", "list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    for name in ("mt5-xlsum", "opus-mt-zh-en", "extractive"):
        assert name in listed.stdout
    split = run_installed(wheel_venv, "split", OWN_PAGES / "east-lake-daily-2024-05-07-p1.txt", cwd=tmp_path)
    assert split.returncode == 0, split.stderr
    assert "市政府与法国里昂市签署友好合作备忘录" in split.stdout and "6 articles" in split.stdout
