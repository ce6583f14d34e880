"""`wuye check`: is this file sound, current, and are its sync counters consistent?"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.db.failures import readonly_reason
from app.db.migrate import stored_revision
from app.db.migrations import HEAD
from app.models import Base, DbMeta, SeqCounter, Syncable
from app.services.offices import office_code


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class HealthReport:
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def syncable_tables() -> list[str]:
    return sorted(
        m.local_table.name  # type: ignore[union-attr]
        for m in Base.registry.mappers
        if issubclass(m.class_, Syncable)
    )


def check_database(session: Session, path) -> HealthReport:  # type: ignore[no-untyped-def]
    checks: list[Check] = []
    integrity = [r[0] for r in session.execute(text("PRAGMA integrity_check"))]
    checks.append(Check("完整性", integrity == ["ok"], "；".join(integrity[:5])))
    broken = session.execute(text("PRAGMA foreign_key_check")).all()
    checks.append(
        Check(
            "外键",
            not broken,
            "无悬空引用" if not broken else f"{len(broken)} 处引用指向不存在的记录",
        )
    )
    why = readonly_reason(path)
    checks.append(Check("可写入", why is None, "是" if why is None else f"只读，无法修改：{why}"))
    revision = stored_revision(path)
    checks.append(Check("结构版本", revision == HEAD, f"当前 {revision}，程序需要 {HEAD}"))
    mode = session.execute(text("PRAGMA journal_mode")).scalar()
    checks.append(Check("日志模式", mode == "wal", f"journal_mode={mode}"))
    db_id = session.get(DbMeta, "db_id")
    checks.append(Check("数据库标识", db_id is not None, db_id.value if db_id else "缺失"))
    office = office_code(session)
    checks.append(Check("本单位", office is not None, office or "尚未初始化（wuye init）"))
    counter = session.scalar(select(SeqCounter.value).where(SeqCounter.id == 1)) or 0
    highest = max(
        (session.scalar(text(f"SELECT coalesce(max(seq), 0) FROM {t}")) or 0)
        for t in syncable_tables()
    )
    checks.append(Check("变更序号", highest <= counter, f"计数器 {counter}，表中最大 {highest}"))
    missing = sum(
        session.scalar(
            text(f"SELECT count(*) FROM {t} WHERE uuid IS NULL OR origin IS NULL OR rev < 1")
        )
        or 0
        for t in syncable_tables()
    )
    checks.append(Check("同步字段", missing == 0, f"{missing} 行缺少同步字段"))
    return HealthReport(checks)


def row_counts(session: Session) -> dict[str, int]:
    """Live (non-tombstoned) rows per syncable table."""
    return {
        t: int(session.scalar(text(f"SELECT count(*) FROM {t} WHERE deleted = 0")) or 0)
        for t in syncable_tables()
    }
