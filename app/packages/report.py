"""The import report: counts per table, errors grouped by (code, table, field) with examples,
and warnings (chain gaps, scope tombstones). Stored with the received package, shown in
Chinese, and available as JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.field_labels import TABLE_LABELS, field_label

COUNTS = ("inserted", "updated", "unchanged", "stale", "deleted", "rejected", "pending", "conflict")
COUNT_LABELS = {
    "inserted": "新增",
    "updated": "更新",
    "unchanged": "未变",
    "stale": "过时",
    "deleted": "删除",
    "rejected": "拒收",
    "pending": "待定",
    "conflict": "冲突",
}
ERROR_LABELS = {
    "missing": "必填值为空",
    "bad_sync": "同步字段不合法",
    "not_owner": "该行不属于发送单位或其下级",
    "owner_changed": "该行在本单位登记的所属单位不同",
    "other_office": "该行以另一个单位的名义发来（所指单位不是发送单位或其下级），已拒收",
    "duplicate": "与已有记录的唯一编码重复（待人工核对的重复候选）",
    "orphan": "上级记录尚未到达，暂存待定",
    "too_long": "超出本程序允许的长度",
    "out_of_range": "数值超出本程序允许的范围",
}


@dataclass
class TableCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    deleted: int = 0
    rejected: int = 0
    pending: int = 0
    conflict: int = 0

    def add(self, other: TableCounts) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def changed(self) -> int:
        return self.inserted + self.updated + self.deleted


@dataclass(frozen=True)
class ErrorGroup:
    code: str
    table: str
    field: str
    count: int
    examples: tuple[str, ...]

    @property
    def text(self) -> str:
        label = ERROR_LABELS.get(self.code, self.code)
        where = TABLE_LABELS.get(self.table, self.table)
        return (
            f"{where}·{field_label(self.field)}（{self.code}）：{label}，共 {self.count} 行，"
            f"例如 {'、'.join(self.examples)}"
        )


@dataclass
class ImportReport:
    package_id: str
    sender_code: str
    sender_name: str
    kind: str
    seq_from: int
    seq_to: int
    dry_run: bool = False
    already_imported: bool = False
    direction: str = "up"  # up: from a subordinate; down: from the upper office
    tables: dict[str, TableCounts] = field(default_factory=dict)
    errors: list[ErrorGroup] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def totals(self) -> TableCounts:
        total = TableCounts()
        for counts in self.tables.values():
            total.add(counts)
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "package_id": self.package_id,
            "sender": {"code": self.sender_code, "name": self.sender_name},
            "kind": self.kind,
            "direction": self.direction,
            "seq": {"from": self.seq_from, "to": self.seq_to},
            "dry_run": self.dry_run,
            "already_imported": self.already_imported,
            "tables": {name: asdict(c) for name, c in self.tables.items()},
            "totals": asdict(self.totals),
            "errors": [asdict(e) | {"examples": list(e.examples)} for e in self.errors],
            "warnings": self.warnings,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportReport:
        return cls(
            package_id=data["package_id"],
            sender_code=data["sender"]["code"],
            sender_name=data["sender"]["name"],
            kind=data["kind"],
            seq_from=data["seq"]["from"],
            seq_to=data["seq"]["to"],
            dry_run=data["dry_run"],
            already_imported=data["already_imported"],
            direction=data.get("direction", "up"),
            tables={n: TableCounts(**c) for n, c in data["tables"].items()},
            errors=[ErrorGroup(**{**e, "examples": tuple(e["examples"])}) for e in data["errors"]],
            warnings=list(data["warnings"]),
        )

    def summary(self) -> str:
        kind = "全量包" if self.kind == "snapshot" else "增量包"
        kind += "，上级下发" if self.direction == "down" else "，下级报送"
        head = f"数据包 {self.package_id}（{kind}）来自 {self.sender_name}（{self.sender_code}）"
        if self.already_imported:
            return head + "：此前已导入，本次未作任何改动"
        lines = [head + ("：试导入，未写入任何数据" if self.dry_run else "：已导入")]
        for name, counts in self.tables.items():
            if not any(getattr(counts, c) for c in COUNTS):
                continue
            parts = "，".join(
                f"{COUNT_LABELS[c]} {getattr(counts, c)}" for c in COUNTS if getattr(counts, c)
            )
            lines.append(f"  {TABLE_LABELS.get(name, name)}：{parts}")
        total = self.totals
        lines.append(
            "  合计：" + "，".join(f"{COUNT_LABELS[c]} {getattr(total, c)}" for c in COUNTS)
        )
        lines += [f"  问题：{e.text}" for e in self.errors]
        lines += [f"  提示：{w}" for w in self.warnings]
        return "\n".join(lines)
