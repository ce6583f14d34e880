"""A job that ends after its page is gone (ui/jobs.py): none of the page's callbacks runs on
the deleted page, nothing is printed or raised, and the operation layer still hears the end
(a write is announced, the op is let go)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QWidget

from ui import ops
from ui.jobs import Job, database_pool, start
from ui.ops import Op, changes


@pytest.fixture
def held_pool() -> Iterator[threading.Event]:
    """The database pool's one thread kept busy until the event is set: jobs started
    meanwhile wait in the queue, so a test can close their page before they run."""
    release = threading.Event()
    database_pool().start(lambda: release.wait(30))
    yield release
    release.set()
    database_pool().waitForDone()


def deleted(widget: QWidget) -> None:
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_a_job_ending_after_its_page_is_deleted_calls_nothing_on_it(
    window, qtbot, capfd, held_pool
) -> None:  # type: ignore[no-untyped-def]
    capfd.readouterr()
    page = window.open_page("estates")  # its count job waits behind the held thread, …
    assert page.count_label.text() == ""  # … holding a lambda over the page
    window._drop_pages()  # every page goes (as when an office is added)
    deleted(page)
    held_pool.set()
    database_pool().waitForDone()
    qtbot.wait(50)  # any queued delivery would arrive now
    err = capfd.readouterr().err
    assert "deleted" not in err and "Traceback" not in err, err


def test_every_page_closed_while_its_figures_are_read_prints_nothing(
    window, qtbot, capfd, held_pool
) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import PAGES

    capfd.readouterr()
    for spec in PAGES:  # each page starts its reads as it opens; they all wait
        window.open_page(spec.key)
    window._drop_pages()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    held_pool.set()
    database_pool().waitForDone()
    qtbot.wait(50)
    err = capfd.readouterr().err
    assert "deleted" not in err and "Traceback" not in err, err


def test_an_op_whose_widget_is_deleted_still_ends_and_announces(
    qtbot, db, capfd, held_pool
) -> None:  # type: ignore[no-untyped-def]
    widget = QLabel()
    heard: list[frozenset[str]] = []
    changes().tables_changed.connect(heard.append)
    called: list[object] = []
    op = Op(widget, db.sessions, lambda _s, _job: 1, write=True, tables={"estate"})
    op.success(called.append)
    job = op.run()
    job.signals.finished.connect(lambda _r: widget.setText("done"))  # a lambda over the widget
    deleted(widget)
    held_pool.set()
    database_pool().waitForDone()
    qtbot.waitUntil(lambda: op not in ops._RUNNING)
    qtbot.wait(20)
    changes().tables_changed.disconnect(heard.append)
    assert heard == [frozenset({"estate"})]  # the write is announced to the other pages
    assert called == []  # but nothing is shown on the widget that is gone
    err = capfd.readouterr().err
    assert "deleted" not in err and "Traceback" not in err, err


def test_a_job_whose_owner_lives_is_heard_as_before(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    owner = QLabel()
    qtbot.addWidget(owner)
    job = Job(db.reader, lambda _s, _job: 42, owner=owner)
    job.signals.finished.connect(lambda result: owner.setText(str(result)))
    with qtbot.waitSignal(job.signals.finished, timeout=10_000):
        start(job)
    assert owner.text() == "42"


def test_a_finished_jobs_signals_do_not_pile_up_on_its_owner(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from ui.jobs import JobSignals

    owner = QLabel()
    qtbot.addWidget(owner)
    for _ in range(3):  # a page refreshing: a job each time
        job = Job(db.reader, lambda _s, _job: 1, owner=owner)
        with qtbot.waitSignal(job.signals.finished, timeout=10_000):
            start(job)
    qtbot.waitUntil(lambda: not owner.findChildren(JobSignals))
