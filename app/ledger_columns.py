"""The ledger kinds offices exchange as Excel sheets: columns, header variants, types, keys.

Read from resources/codes/ledger_columns.json so a new header variant seen in a real ledger is
a data change. Import, templates, exports and error workbooks all read this one definition.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from app.paths import resource


@dataclass(frozen=True)
class ColumnSpec:
    field: str
    header: str
    aliases: tuple[str, ...]
    type: str  # text | int | hundredths | bool | date | year | phone | code:<CodeTable>
    required: bool
    example: str

    @property
    def code_table(self) -> str | None:
        return self.type.split(":", 1)[1] if self.type.startswith("code:") else None


@dataclass(frozen=True)
class LedgerKind:
    name: str
    title: str
    key: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]

    def column(self, field: str) -> ColumnSpec:
        return next(c for c in self.columns if c.field == field)


@cache
def ledger_kinds() -> dict[str, LedgerKind]:
    raw = json.loads(resource("codes", "ledger_columns.json").read_text(encoding="utf-8"))
    return {
        name: LedgerKind(
            name=name,
            title=spec["title"],
            key=tuple(spec["key"]),
            columns=tuple(
                ColumnSpec(
                    field=c["field"],
                    header=c["header"],
                    aliases=tuple(c.get("aliases", ())),
                    type=c["type"],
                    required=bool(c.get("required", False)),
                    example=str(c.get("example", "")),
                )
                for c in spec["columns"]
            ),
        )
        for name, spec in raw.items()
        if not name.startswith("_")
    }


ALIASES = {"member": "committee"}  # a committee roster is one row per member (CLI and window)


def ledger_kind(name: str) -> LedgerKind:
    kinds = ledger_kinds()
    name = ALIASES.get(name, name)
    if name not in kinds:
        raise KeyError(f"未知的台账类型：{name}（可用：{'、'.join(kinds)}）")
    return kinds[name]
