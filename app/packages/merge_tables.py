"""The order of a package's merge, whichever database holds the aggregate: each present table
parent-first, then, for a snapshot, its declared scope tombstoned. SQLite (importer.py) and
PostgreSQL (merge_pg.py) pass their own per-table steps; the order and the report are one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Table

from app.field_labels import TABLE_LABELS
from app.packages.report import ErrorGroup, ImportReport, TableCounts
from app.packages.shared_down import version_warnings
from app.packages.tables import syncable_tables
from app.progress import Progress, step

MergeOne = Callable[[Table], tuple[TableCounts, list[ErrorGroup], list[str]]]
Tombstone = Callable[[Table, Callable[[str], bool]], int]


def merge_tables(
    manifest: dict[str, Any],
    report: ImportReport,
    progress: Progress,
    owns: Callable[[str, str], bool],
    merge_one: MergeOne,
    tombstone: Tombstone,
) -> None:
    """Fill `report` table by table; `progress` is told per table and may cancel."""
    sender = manifest["sender"]["code"]
    present = [t for t in syncable_tables() if t.name in manifest["tables"]]
    for done, table in enumerate(present):
        step(progress, done, len(present))
        counts, errors, candidates = merge_one(table)
        report.tables[table.name] = counts
        report.errors += errors
        report.warnings += candidates
    scope = manifest.get("scope")
    if manifest["kind"] != "snapshot" or not isinstance(scope, dict):
        return
    orgs = [o for o in scope.get("orgs", []) if owns(sender, o)]
    for table in present:
        if table.name not in scope.get("tables", []):
            continue
        gone = tombstone(table, lambda o: any(owns(s, o) for s in orgs))
        if gone:
            report.tables[table.name].deleted += gone
            label = TABLE_LABELS.get(table.name, table.name)
            report.warnings.append(
                f"全量包未包含本单位已有的{gone}行{label}记录，已按全量包标记删除"
            )


def chain_warnings(manifest: dict[str, Any], gap: bool) -> list[str]:
    """What the report says about the package's place in its sender's chain (never blocking)."""
    warnings = []
    if gap:
        warnings.append(
            f"缺少同一发送单位的上一个数据包 {manifest.get('previous_package_id')}："
            "已照常合并，请让对方补发或发送全量包"
        )
    warnings += version_warnings(manifest, str(manifest.get("direction") or "up"))
    return warnings
