"""The user's holiday and 调休 entries for years `chinesecalendar` does not know yet (or to
correct it). Not syncable (no rows of an owner): the State Council's calendar is the same for
every office, so the superior's table rides in every downward package's signed manifest and
each office below takes it over (app/packages/downward.py `holiday_table`)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class HolidayOverride(Base):
    __tablename__ = "holiday_override"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)  # False: 放假; True: 调休上班
    note: Mapped[str] = mapped_column(String(40), default="")


class HolidayYear(Base):
    """A year whose holiday/调休 entries the user declared complete (`wuye holiday year 2027
    --complete`): only then are its other days counted Monday to Friday without a warning. One
    entered day says nothing about the rest of the year (a lone 10-01 left the rest of 国庆
    counted as working days)."""

    __tablename__ = "holiday_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    complete: Mapped[bool] = mapped_column(Boolean, default=True)
