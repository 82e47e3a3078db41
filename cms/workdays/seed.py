"""Copies the `chinesecalendar` package's holidays and make-up working days into the calendar
table. Used by the data migration and by `seed_workday_calendar` after a package upgrade; rows an
administrator typed in are never overwritten."""

from __future__ import annotations

import datetime

import chinese_calendar

# The package keeps English names; editors read Chinese.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def package_rows() -> list[tuple[datetime.date, str, str]]:
    """(date, kind, Chinese name) for every exception the installed package knows."""
    rows: list[tuple[datetime.date, str, str]] = []
    for source, kind in (
        (chinese_calendar.holidays, "holiday"),
        (chinese_calendar.workdays, "workday"),
    ):
        for day, name in source.items():
            rows.append((day, kind, HOLIDAY_NAMES_ZH.get(str(name), str(name))))
    rows.sort()
    return rows


def seed_from_package(model) -> int:
    """Insert the package's rows that the table lacks; return how many were added.

    `model` is passed in so the data migration can use its historical model."""
    existing = set(model.objects.values_list("date", flat=True))
    new = [
        model(date=day, kind=kind, name=name, source="package")
        for day, kind, name in package_rows()
        if day not in existing
    ]
    model.objects.bulk_create(new, batch_size=500)
    return len(new)
