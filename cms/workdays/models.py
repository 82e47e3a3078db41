"""The working-day calendar table: the dates on which the Monday–Friday rule does not hold
(STANDARDS.md §7). Seeded from `chinesecalendar` for the years it covers; administrators type in
the State Council's schedule for later years. A year counts as "having data" once it has at least
one row, so a year the package does not cover is never silently treated as ordinary."""

from __future__ import annotations

from django.db import models


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日（放假）"
    WORKDAY = "workday", "调休上班日"


class DaySource(models.TextChoices):
    PACKAGE = "package", "chinesecalendar 数据包"
    MANUAL = "manual", "管理员录入"


class CalendarException(models.Model):
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("名称", max_length=50, help_text="例如：春节、国庆节。")
    source = models.CharField(
        "来源", max_length=10, choices=DaySource.choices, default=DaySource.MANUAL, editable=False
    )

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"

    @property
    def year(self) -> int:
        return self.date.year
