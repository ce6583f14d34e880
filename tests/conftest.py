"""Shared fixtures: real SQLite files, a real PostgreSQL server, a demo database, Chinese typed
like an IME, screenshots."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The secret of "this PC's user account" (app/db/os_secret.py) for the whole run, child
# processes included: a file in a temporary folder, never the tester's keyring or config.
os.environ.setdefault("WUYE_CONFIG_DIR", tempfile.mkdtemp(prefix="wuye-config-"))
os.environ.setdefault("WUYE_SECRET_STORE", "file")

from app.db import Database, open_database
from app.services.demo import fill_demo
from app.services.offices import add_org, init_office
from tests.pg import MissingServer, PgCluster

TODAY = date(2026, 11, 25)  # a fixed reference day: figures never depend on when tests run
STREET = "340603010000"
COMMUNITY_A = "340603010001"
COMMUNITY_B = "340603010002"
SCREENSHOTS = Path(os.environ.get("WUYE_SCREENSHOTS", "build/screenshots")).resolve()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "wuye.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A street office with two communities and nothing else."""
    database = open_database(db_path, actor="tester")
    with database.sessions.begin() as s:
        init_office(s, code=STREET, name="曲阳街道", level="street")
        add_org(s, code=COMMUNITY_A, name="桓谭社区", level="community", parent_code=STREET)
        add_org(s, code=COMMUNITY_B, name="南湖社区", level="community", parent_code=STREET)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(path, actor="demo")
    with database.sessions.begin() as s:
        fill_demo(s, seed=1, today=TODAY)
    database.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """The seed-1 demo street, as a fresh copy for each test."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    database = open_database(path, actor="tester")
    yield database
    database.close()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A real PostgreSQL server for the session (tests/pg.py); missing binaries fail the
    tests that need it, with the apt-get command that installs them."""
    try:
        cluster = PgCluster().start()
    except MissingServer as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(
    pg_cluster: PgCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[], str]:
    """`pg_url()` gives the URL of a fresh, migrated database. The keys of a server database
    live under the user data directory (app.db.server.anchor): a temporary one here."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    return pg_cluster.migrated_url


@pytest.fixture
def ime() -> Callable[..., None]:
    """Type text into a widget as an input method commits it.

    qtbot.keyClicks() aborts the process on non-ASCII text (PLATFORM.md), and an IME is how
    Chinese reaches a real widget anyway.
    """
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    def type_text(widget, text: str, *, replace: bool = True) -> None:  # type: ignore[no-untyped-def]
        widget.setFocus()
        if replace and hasattr(widget, "selectAll"):
            widget.selectAll()
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)
        QApplication.processEvents()

    return type_text


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """Save a widget's picture where CI keeps it; the folder is printed at the end of the run."""

    def save(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"{name}.png"
        assert widget.grab().save(str(target)), f"could not save {target}"
        return target

    return save


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if SCREENSHOTS.is_dir() and any(SCREENSHOTS.glob("*.png")):
        terminalreporter.write_line(f"screenshots: {SCREENSHOTS}")
