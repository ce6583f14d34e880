"""The log file: in the folder given, one handler however often it is set up."""

from __future__ import annotations

import logging
from pathlib import Path

from app.logfile import FILE_NAME, LOGGER, log_file, setup_logging


def test_a_logged_error_lands_in_the_file_with_its_traceback(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs")
    try:
        raise ValueError("坏数据")
    except ValueError:
        logging.getLogger(f"{LOGGER}.test").exception("failed")
    assert path == tmp_path / "logs" / FILE_NAME == log_file()
    text = path.read_text(encoding="utf-8")
    assert "ValueError: 坏数据" in text and "Traceback" in text
    setup_logging(tmp_path / "moved")
    assert log_file() == tmp_path / "moved" / FILE_NAME
    assert sum(getattr(h, "wuye", False) for h in logging.getLogger(LOGGER).handlers) == 1


def test_a_folder_that_cannot_be_made_leaves_the_program_without_a_log(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert setup_logging(blocker / "logs") is None  # a file where the folder should be
    assert log_file() is None
