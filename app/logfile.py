"""The program's log file: a rotating file in the user data directory, so that a bug a worker
met can be read afterwards (帮助 → 打开日志文件夹) instead of being lost with a console.

Set up once by the window (ui/app.py) and the CLI (app/cli.py); tests point it at tmp_path.
"""

from __future__ import annotations

import logging
from pathlib import Path

LOGGER = "wuyedesk"
FILE_NAME = "wuyedesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


def log_folder() -> Path:
    from app.paths import user_data_dir

    return user_data_dir() / "logs"


def setup_logging(folder: Path | None = None) -> Path | None:
    """Log to `folder`/wuyedesk.log (default: the user data directory's `logs`); the file, or
    None when the folder cannot be written (the program runs on without a log file).

    Calling it again moves the log: only one of our handlers is ever attached. The window
    calls it after its first paint: logging.handlers and platformdirs cost ~30 ms of CPU."""
    import logging.handlers

    logger = logging.getLogger(LOGGER)
    logger.setLevel(logging.INFO)
    for handler in [h for h in logger.handlers if getattr(h, "wuye", False)]:
        logger.removeHandler(handler)
        handler.close()
    try:
        from app.db.file_access import private_folder  # it logs through this module

        folder = private_folder(folder or log_folder())  # a log names files and offices
        path = folder / FILE_NAME
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.wuye = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    return path


def log_file() -> Path | None:
    """Where the log is written now, if anywhere."""
    for handler in logging.getLogger(LOGGER).handlers:
        if getattr(handler, "wuye", False):
            return Path(handler.baseFilename)  # type: ignore[attr-defined]
    return None
