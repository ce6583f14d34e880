"""Migration 0024 copies the old task_interview rows into interview (the task form's 约谈 is
an `Interview` now): same uuid and owner, linked to its task, held on its day, with the next
约谈 number and a fresh seq; run again, it copies nothing twice."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from alembic import command
from alembic.config import Config

from app.db import open_database
from app.db.migrate import MIGRATIONS_DIR
from app.models import TaskInterview
from app.services.holidays import work_calendar
from app.services.tasks import TaskIn, add_task, get_task


def _alembic(path: Path, target: str, *, down: bool = False) -> None:
    from sqlalchemy import create_engine

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, target)
        connection.commit()
    engine.dispose()


def test_old_task_interviews_become_interviews(db) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        cal = work_calendar(s)
        task = add_task(s, TaskIn(title="清理楼道堆物", to_unit="恒信物业",
                                  issued_on=date(2026, 11, 2)), cal)  # fmt: skip
        s.add(TaskInterview(task_uuid=task, on=date(2026, 11, 12), participants="项目经理",
                            outcome="承诺三日内完成"))  # fmt: skip
    with db.reader() as s:
        old = s.query(TaskInterview).one().uuid
    db.close()
    _alembic(db.path, "0021", down=True)
    _alembic(db.path, "head")
    _alembic(db.path, "head")
    with closing(sqlite3.connect(db.path)) as c:
        rows = c.execute("SELECT uuid, number, subject_kind, subject, task_uuid, held_on,"
                         " attendees, record, seq FROM interview").fetchall()  # fmt: skip
        top = c.execute("SELECT value FROM seq_counter").fetchone()[0]
    assert len(rows) == 1
    uuid, number, kind, subject, task_uuid, held, attendees, record, seq = rows[0]
    assert (uuid, number, kind, task_uuid) == (old, "2026-0001", "company", task)
    assert (held, attendees, record, seq) == ("2026-11-12", "项目经理", "承诺三日内完成", top)
    assert subject == "恒信物业"
    database = open_database(db.path)
    with database.reader() as s:
        view = get_task(s, task, today=date(2026, 12, 1), cal=work_calendar(s))
    assert [(i.on, i.participants, i.outcome) for i in view.interviews] == [
        (date(2026, 11, 12), "项目经理", "承诺三日内完成")]
    database.close()
