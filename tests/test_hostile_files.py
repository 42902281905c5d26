"""What a file system can do to a night: links that would carry writes out of the output folder,
special files as input, and temporaries that are the user's own."""

import os

import pytest
from click.testing import CliRunner

from summarizer.cli import main
from summarizer.errors import EXIT_FAILURES, PageError
from summarizer.job.outputs import LOCK_NAME
from summarizer.readers import read_pages
from summarizer.readers.text import read_page_text
from tests.helpers.stages import EAST, EAST_SLUG, run, scripted_stages


def test_a_symlinked_lock_file_is_refused_and_its_target_left_alone(tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_NAME).symlink_to(target)
    stages, _, _ = scripted_stages()
    with pytest.raises(Exception) as caught:
        run(EAST, out, stages)
    assert "symbolic link" in str(caught.value)
    assert target.read_text(encoding="utf-8") == "keep me"
    assert not list(out.rglob("digest.md"))


def test_a_symlinked_edition_folder_is_not_written_through(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    (out / EAST_SLUG).mkdir(parents=True)
    (out / EAST_SLUG / "2024-05-07").symlink_to(elsewhere, target_is_directory=True)
    stages, _, _ = scripted_stages()
    report = run(EAST, out, stages)
    assert list(elsewhere.iterdir()) == []
    assert any("symbolic link" in error for error in report.output_errors)


def test_a_dangling_cache_link_stops_the_night_before_anything_is_written(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".summarizer-cache.sqlite3").symlink_to(tmp_path / "outside.sqlite3")
    stages, _, _ = scripted_stages()
    with pytest.raises(Exception) as caught:
        run(EAST, out, stages)
    assert "symbolic link" in str(caught.value)
    assert not (tmp_path / "outside.sqlite3").exists()


def test_a_fifo_named_as_a_page_is_one_page_error_and_never_opened(tmp_path):
    fifo = tmp_path / "east-lake-daily-2024-05-07-p9.txt"
    os.mkfifo(fifo)
    with pytest.raises(PageError, match="not a regular file"):
        read_page_text(fifo)


def test_a_link_to_a_device_is_one_page_error(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(PageError, match="not a regular file"):
        read_page_text(link)


def test_special_files_among_the_inputs_leave_the_other_pages_to_go_on(tmp_path, scripted_models):
    fifo = tmp_path / "inbox" / "east-lake-daily-2024-05-07-p9.txt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    result = CliRunner().invoke(main, ["run", str(EAST[0]), str(fifo), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_FAILURES, result.output
    assert "not a regular file" in result.output
    assert list((tmp_path / "out").rglob("digest.md"))


def test_a_file_name_that_is_not_utf8_is_one_page_error_shown_escaped(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "east-lake-daily-2024-05-07-p1.txt").write_bytes(EAST[0].read_bytes())
    odd = os.path.join(os.fsencode(folder), b"p\xff\nbad.txt")
    with open(odd, "wb") as handle:
        handle.write(b"\x00\x01binary")
    stages, _, _ = scripted_stages()
    report = run([folder], tmp_path / "out", stages)
    assert report.outputs and len(report.page_errors) == 1
    assert "p\\xff\\nbad.txt: binary file, not text" in report.page_errors[0]


def test_a_fifo_named_like_a_pdf_or_a_web_page_is_refused_too(tmp_path):
    for name in ("page.pdf", "content_1.htm"):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        with pytest.raises(PageError, match="not a regular file"):
            read_pages(fifo)
