from datetime import datetime, timedelta

from app.rules.rotation import Keep, kept

START = datetime(2026, 1, 1, 8, 0)


def test_a_year_of_daily_backups_keeps_7_days_4_weeks_12_months() -> None:
    times = [START + timedelta(days=d) for d in range(365)]
    chosen = kept(times)
    newest = times[-1]
    assert all(newest - timedelta(days=d) in chosen for d in range(7))
    assert len(chosen) <= 7 + 4 + 12
    assert len({(t.year, t.month) for t in chosen}) == 12


def test_several_backups_on_one_day_keep_only_the_newest() -> None:
    day = [START + timedelta(hours=h) for h in range(5)]
    assert kept(day) == {day[-1]}


def test_the_newest_backup_is_kept_even_with_nothing_to_keep() -> None:
    assert kept([START], Keep(0, 0, 0)) == {START}
