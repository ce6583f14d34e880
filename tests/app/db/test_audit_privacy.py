"""The audit log never holds a personal field in clear (DOMAIN.md §5), whichever model wrote it:
every model's personal columns are declared sensitive, and a whole demo street's audit rows
hold none of those values."""

from __future__ import annotations

import json
import re

from sqlalchemy import inspect, select

from app.db import Database
from app.models import AuditEntry, CompanyStaff, PropertyCompany
from app.services.undo import syncable_models

# Column names that hold a person's phone, ID number or (for complainants) name.
PERSONAL = re.compile(r"phone$|id_number$|complainant_name$")
# Phones the law or the board's purpose makes public: the complaint line is printed on the wall.
PUBLIC = {("disclosure_board", "complaint_phone"), ("disclosure_board", "consent_public_phone")}


def test_every_personal_column_of_every_model_is_sensitive() -> None:
    missing = [
        f"{table}.{column.key}"
        for table, model in syncable_models().items()
        for column in inspect(model).column_attrs
        if PERSONAL.search(column.key)
        and (table, column.key) not in PUBLIC
        and column.key not in model.__sensitive__
    ]
    assert missing == []


def test_no_sensitive_value_is_in_clear_in_any_audit_row(demo_db: Database) -> None:
    with demo_db.reader() as s:
        secrets: set[str] = set()
        for model in syncable_models().values():
            for key in model.__sensitive__:
                secrets |= {v for v in s.scalars(select(getattr(model, key))) if v and len(v) > 2}
        audit = "\n".join(s.scalars(select(AuditEntry.changes)))
    assert len(secrets) > 100  # the demo has phones, ID numbers, complainants
    assert [v for v in secrets if v in audit] == []


def test_every_row_of_every_model_has_its_audit_row(demo_db: Database) -> None:
    with demo_db.reader() as s:
        audited = set(s.scalars(select(AuditEntry.row_uuid)))
        for table, model in syncable_models().items():
            unaudited = [u for u in s.scalars(select(model.uuid)) if u not in audited]
            assert unaudited == [], table


def test_company_and_staff_phones_are_masked_in_their_audit_rows(demo_db: Database) -> None:
    with demo_db.sessions.begin() as s:
        company = s.scalars(select(PropertyCompany).limit(1)).one()
        company.contact_phone = "13700001111"
        staff = s.scalars(select(CompanyStaff).limit(1)).one()
        staff.phone, staff.id_number = "13912345678", "340602198001010013"
    with demo_db.reader() as s:
        rows = s.scalars(
            select(AuditEntry.changes).where(
                AuditEntry.row_uuid.in_([company.uuid, staff.uuid]), AuditEntry.action == "update"
            )
        ).all()
    changes = [json.loads(r) for r in rows[-2:]]
    shown = {k: v[1] for c in changes for k, v in c.items()}
    assert shown["contact_phone"] == "137****1111"
    assert (shown["phone"], shown["id_number"]) == ("139****5678", "3406**********0013")
