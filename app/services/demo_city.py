"""A demo city for trainers, tests and benchmarks: one database per office (city, districts,
streets, communities), keys made and onboarding done, each community with its own demo data,
and `offices.json` listing them. Codes are real-shaped statistical division codes (DOMAIN.md
§4): 淮北市 340600000000, its districts 340602…, streets 001–099, communities 001–199.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime, time
from pathlib import Path

from app.codes import OrgLevel
from app.db import Database, open_database
from app.errors import InputError, Problem
from app.packages.keys import create_office_keys
from app.packages.onboarding import export_onboarding, import_onboarding_file, write_reply
from app.rules.division_code import HUAIBEI
from app.services.demo import COMMUNITIES, DemoOffice, fill_demo
from app.services.offices import init_office

CITY = ("340600000000", "淮北市")
DISTRICTS = [(code, name) for code, name in HUAIBEI.items() if code != CITY[0]]
STREET_WORDS = ["东山", "南黎", "西园", "北湖", "曲阳", "相南", "任圩", "渠沟", "杨庄", "高岳"]
OFFICES_FILE = "offices.json"


@dataclass(frozen=True)
class CityOffice:
    code: str
    name: str
    level: str
    parent_code: str | None
    db: str  # file name inside the demo folder


def plan_city(districts: int, streets: int, communities: int) -> list[CityOffice]:
    """Offices top-down (every parent before its children)."""
    if not 1 <= districts <= len(DISTRICTS):
        raise InputError(Problem("districts", f"区县数应在 1–{len(DISTRICTS)} 之间"))
    if not 1 <= streets <= 99:
        raise InputError(Problem("streets", "每个区县的街道数应在 1–99 之间"))
    if not 1 <= communities <= 199:
        raise InputError(Problem("communities", "每个街道的社区数应在 1–199 之间"))
    offices = [CityOffice(CITY[0], CITY[1], OrgLevel.CITY, None, f"{CITY[0]}.sqlite")]
    for d_code, d_name in DISTRICTS[:districts]:
        offices.append(CityOffice(d_code, d_name, OrgLevel.DISTRICT, CITY[0], f"{d_code}.sqlite"))
        for s in range(1, streets + 1):
            s_code = f"{d_code[:6]}{s:03d}000"
            word = STREET_WORDS[(s - 1) % len(STREET_WORDS)]
            s_name = f"{d_name}{word}街道" + (f"{s}" if s > len(STREET_WORDS) else "")
            offices.append(CityOffice(s_code, s_name, OrgLevel.STREET, d_code, f"{s_code}.sqlite"))
            for c in range(1, communities + 1):
                c_code = f"{s_code[:9]}{c:03d}"
                c_name = f"{word}{COMMUNITIES[(c - 1) % len(COMMUNITIES)]}"
                offices.append(
                    CityOffice(c_code, c_name, OrgLevel.COMMUNITY, s_code, f"{c_code}.sqlite")
                )
    return offices


def make_demo_city(
    out: Path,
    *,
    seed: int,
    districts: int,
    streets: int,
    communities: int,
    today: date,
    estates_per_community: int = 6,
) -> list[CityOffice]:
    offices = plan_city(districts, streets, communities)
    out.mkdir(parents=True, exist_ok=True)
    if (out / OFFICES_FILE).exists():
        raise InputError(Problem("out", f"{out} 中已有演示城市，请换一个空目录"))
    now = datetime.combine(today, time(1, 0))
    with tempfile.TemporaryDirectory(prefix="wuye-city-") as tmp:
        # One migrated empty file, copied per office with a fresh db_id: migrating each file
        # anew cost most of the time.
        template = Path(tmp) / "empty.sqlite"
        open_database(template).close()
        opened: dict[str, Database] = {}
        try:
            for index, office in enumerate(offices):
                path = out / office.db
                shutil.copy(template, path)
                db = opened[office.code] = open_database(path, actor="demo")
                db.renew_id()
                with db.sessions.begin() as s:
                    if office.level == OrgLevel.COMMUNITY:
                        fill_demo(
                            s,
                            seed=seed * 100_000 + index,
                            today=today,
                            office=DemoOffice(
                                code=office.code,
                                name=office.name,
                                level=OrgLevel.COMMUNITY,
                                parent_code=office.parent_code or "",
                                estates=estates_per_community,
                                companies=3,
                            ),
                        )
                    else:
                        init_office(
                            s,
                            code=office.code,
                            name=office.name,
                            level=office.level,
                            parent_code=office.parent_code,
                        )
                    create_office_keys(s, db.path, office.code, now)
            for office in offices:
                if office.parent_code is not None:
                    onboard(opened[office.parent_code], opened[office.code], office, Path(tmp), now)
        finally:
            for db in opened.values():
                db.close()
    (out / OFFICES_FILE).write_text(
        json.dumps([asdict(o) for o in offices], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return offices


def onboard(upper: Database, lower: Database, office: CityOffice, tmp: Path, now: datetime) -> None:
    """The two hand-carried files of onboarding, one after the other."""
    first, reply = tmp / f"{office.code}.onboarding.json", tmp / f"{office.code}.reply.json"
    with upper.sessions.begin() as s:
        export_onboarding(s, upper.path, first, code=office.code, name=office.name, now=now)
    with lower.sessions.begin() as s:
        import_onboarding_file(s, first, now=now)
        write_reply(s, lower.path, reply, now=now)
    with upper.sessions.begin() as s:
        import_onboarding_file(s, reply, now=now)


def read_offices(folder: Path) -> list[CityOffice]:
    data = json.loads((folder / OFFICES_FILE).read_text(encoding="utf-8"))
    return [CityOffice(**item) for item in data]


def bottom_up(offices: list[CityOffice]) -> Iterator[CityOffice]:
    """Communities first, the city last: the order packages travel in."""
    order = [OrgLevel.COMMUNITY, OrgLevel.STREET, OrgLevel.DISTRICT, OrgLevel.CITY]
    for level in order:
        yield from (o for o in offices if o.level == level)
