"""Where things live: resources (source tree, installed, or PyInstaller bundle) and user data.

User data (database, templates, keys, backups) is never inside the install folder, so an
upgrade or reinstall keeps it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "WuyeDesk"
DB_ENV = "WUYE_DB"


def resource_dir() -> Path:
    """The `resources/` folder, wherever this copy of the program runs from."""
    bundled = getattr(sys, "_MEIPASS", None)
    candidates = [Path(bundled) / "resources"] if bundled else []
    candidates += [
        Path(__file__).resolve().parent.parent / "resources",  # source tree or editable install
        Path(sys.prefix) / "share" / "wuyedesk" / "resources",  # wheel's data files
    ]
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise FileNotFoundError("找不到程序资源目录 resources/，安装可能不完整")


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def default_db_path() -> Path:
    """`WUYE_DB` if set, else the user data directory; `--db` overrides both."""
    env = os.environ.get(DB_ENV)
    return Path(env) if env else user_data_dir() / "wuyedesk.sqlite"
