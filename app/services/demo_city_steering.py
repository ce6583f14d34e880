"""The demo city steering downward (issue 16), for `wuye demo-city --steering`: each district
issues a 督办 to every community below it and a 通报 naming its first community; the rows
reach the communities by packages alone (up once so the offices above know the offices
below, then down through the streets), every community answers on time, and the answers come
back up, so a trainer opens the district and sees its tasks answered.

Every move is the real one a person makes with files: export, import, receipt back."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from app.codes import OrgLevel
from app.db import Database, open_database
from app.packages.downward import export_down
from app.packages.export import export_package
from app.packages.importer import import_package
from app.packages.receipts import import_receipt, receipt_path, write_receipt
from app.services.circulars import CircularIn, add_circular
from app.services.demo_city import CityOffice, bottom_up
from app.services.holidays import work_calendar
from app.services.tasks import TaskIn, add_task, answer_task

TASK_TITLE = "开展住宅小区消防通道堵塞专项整治"
CIRCULAR_TITLE = "关于住宅小区消防通道堵塞问题的通报"


def steer_demo_city(folder: Path, offices: list[CityOffice], today: date) -> None:
    """Issue, carry down, answer, carry up: see the module's docstring."""
    now = datetime.combine(today, time(2, 0))
    work = folder / "packages"
    work.mkdir(exist_ok=True)
    dbs = {o.code: open_database(folder / o.db, actor="demo") for o in offices}
    try:
        carry = _Carrier(dbs, work, now)
        carry.all_up(offices)
        for district in (o for o in offices if o.level == OrgLevel.DISTRICT):
            county = district.code[:6]
            below = [o for o in offices if o.level == OrgLevel.COMMUNITY and o.code[:6] == county]
            _issue(dbs[district.code], below, today)
        for office in offices:  # top-down: a street relays what it just received
            if office.level in (OrgLevel.DISTRICT, OrgLevel.STREET):
                for child in (o for o in offices if o.parent_code == office.code):
                    carry.down(office.code, child.code)
        answered_on = today + timedelta(days=1)
        for community in (o for o in offices if o.level == OrgLevel.COMMUNITY):
            _answer(dbs[community.code], answered_on, now + timedelta(days=1))
        carry.now = now + timedelta(days=1, hours=1)
        carry.all_up(offices)
    finally:
        for db in dbs.values():
            db.close()


def _issue(db: Database, communities: list[CityOffice], today: date) -> None:
    with db.sessions.begin() as s:
        cal = work_calendar(s)
        for community in communities:
            add_task(s, TaskIn(title=TASK_TITLE, to_office=community.code, issued_on=today), cal)
        if communities:
            add_circular(s, CircularIn(
                kind="criticism", title=CIRCULAR_TITLE, issued_on=today,
                facts=f"{communities[0].name}辖区部分小区消防通道长期堵塞，整改不及时。",
                requirements="各社区举一反三，限期完成自查整改。",
                parties=[("office", communities[0].code)]), today=today)  # fmt: skip


def _answer(db: Database, on: date, now: datetime) -> None:
    from app.models import Task

    with db.sessions.begin() as s:
        for task in s.query(Task).filter(Task.title == TASK_TITLE):
            answer_task(s, task.uuid, on, "已完成辖区小区消防通道排查，清理堵塞点并设置禁停标识",
                        today=on)  # fmt: skip


class _Carrier:
    """Packages between the demo offices, each with its receipt carried back."""

    def __init__(self, dbs: dict[str, Database], work: Path, now: datetime) -> None:
        self.dbs, self.work, self.now, self.count = dbs, work, now, 0

    def _file(self, sender: str, receiver: str) -> Path:
        self.count += 1
        return self.work / f"{self.count:03d}-{sender}-{receiver}.wypkg"

    def _receive(self, sender: str, receiver: str, package: Path) -> None:
        report = import_package(self.dbs[receiver], package, now=self.now)
        with self.dbs[receiver].reader() as s:
            path = self.dbs[receiver].path
            receipt = write_receipt(s, path, report, receipt_path(package), now=self.now)
        with self.dbs[sender].sessions.begin() as s:
            import_receipt(s, receipt, now=self.now)

    def all_up(self, offices: list[CityOffice]) -> None:
        for office in bottom_up(offices):
            if office.parent_code is None:
                continue
            package = self._file(office.code, office.parent_code)
            with self.dbs[office.code].sessions.begin() as s:
                export_package(s, self.dbs[office.code].path, package, now=self.now)
            self._receive(office.code, office.parent_code, package)

    def down(self, sender: str, receiver: str) -> None:
        package = self._file(sender, receiver)
        with self.dbs[sender].sessions.begin() as s:
            done = export_down(s, self.dbs[sender].path, package, to=receiver, now=self.now,
                               allow_empty=False)  # fmt: skip
        if done is not None:
            self._receive(sender, receiver, package)
