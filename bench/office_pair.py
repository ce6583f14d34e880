"""An upper office and one subordinate, each in its own file with keys made and onboarding
done: what every package benchmark starts from."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from app.db import Database, open_database
from app.packages.keys import create_office_keys
from app.services.demo_city import CityOffice, onboard
from app.services.offices import init_office

Office = tuple[str, str, str]  # code, name, level


def office_pair(
    upper_path: Path, upper: Office, lower_path: Path, lower: Office, now: datetime
) -> tuple[Database, Database]:
    """(upper, lower), open; the caller closes them."""
    dbs = []
    for path, (code, name, level) in ((upper_path, upper), (lower_path, lower)):
        db = open_database(path)
        with db.sessions.begin() as s:
            init_office(s, code=code, name=name, level=level)
            create_office_keys(s, db.path, code, now)
        dbs.append(db)
    with tempfile.TemporaryDirectory() as tmp:
        office = CityOffice(lower[0], lower[1], lower[2], upper[0], lower_path.name)
        onboard(dbs[0], dbs[1], office, Path(tmp), now)
    return dbs[0], dbs[1]
