"""A receipt (回执) for a package imported earlier, written again from the report stored with
it: the first one may have been lost on the way back, and until one arrives the sender keeps
re-sending the same rows."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.models import PackageReceived
from app.packages.receipts import write_receipt
from app.packages.report import ImportReport


def write_receipt_again(
    session: Session, db_path: Path, package_id: str, out: Path, *, now: datetime
) -> Path:
    received = session.scalars(
        select(PackageReceived).where(PackageReceived.package_id == package_id)
    ).first()
    if received is None:
        raise NotFound("已接收的数据包", package_id)
    report = ImportReport.from_dict(json.loads(received.report_json))
    return write_receipt(session, db_path, report, out, now=now)
