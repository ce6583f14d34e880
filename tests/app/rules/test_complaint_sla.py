"""Complaint lateness at its limits (complaint_sla_days, DOMAIN.md §7) and the figures."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.rules.complaint_sla import ComplaintSla, complaint_sla, lateness, service_figures

SLA = ComplaintSla(response_days=1, closing_days=15)
RECEIVED = datetime(2026, 11, 1, 9, 0)
DAY = timedelta(days=1)


def test_the_limits_are_data_with_the_documented_defaults() -> None:
    assert complaint_sla() == ComplaintSla(1, 15)


def test_a_response_at_the_limit_is_on_time_and_a_minute_later_is_a_day_late() -> None:
    on_time = lateness(RECEIVED, RECEIVED + DAY, None, RECEIVED + 2 * DAY, SLA)
    late = lateness(RECEIVED, RECEIVED + DAY + timedelta(minutes=1), None, RECEIVED + 2 * DAY, SLA)
    assert (on_time.response_on_time, on_time.response_late_days) == (True, 0)
    assert (late.response_on_time, late.response_late_days, late.label) == (False, 1, "响应超时1天")


def test_an_open_complaint_is_undecided_until_its_limit_passes() -> None:
    fresh = lateness(RECEIVED, RECEIVED + DAY / 2, None, RECEIVED + 15 * DAY, SLA)
    stale = lateness(RECEIVED, RECEIVED + DAY / 2, None, RECEIVED + 17 * DAY, SLA)
    assert (fresh.closing_on_time, fresh.overdue) == (None, False)
    assert (stale.closing_on_time, stale.closing_late_days, stale.overdue) == (False, 2, True)


def test_a_closure_without_a_recorded_response_counts_as_the_response() -> None:
    assert lateness(RECEIVED, None, RECEIVED + DAY / 2, RECEIVED + 30 * DAY, SLA).response_on_time


def test_figures_take_medians_of_what_is_done_and_shares_of_what_is_decided() -> None:
    rows = [
        (RECEIVED, RECEIVED + DAY / 4, RECEIVED + 2 * DAY),  # 6 h, 2 days: on time
        (RECEIVED, RECEIVED + 2 * DAY, RECEIVED + 20 * DAY),  # 48 h, 20 days: both late
        (RECEIVED, None, None),  # open, past the response limit
    ]
    f = service_figures(rows, RECEIVED + 10 * DAY, SLA)
    assert (f.complaints, f.median_response_hours, f.median_closing_days) == (3, 27.0, 11.0)
    assert (f.response_on_time_percent, f.closing_on_time_percent) == (33.3, 50.0)
    assert f.overdue == 2
