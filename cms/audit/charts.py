"""Monthly trend charts drawn as inline SVG on the server (no CDN, no JavaScript): the share of
disclosures published on time per month, and open findings per month from the daily snapshots."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cms.audit.data import RegisterRow

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 640, 220, 44, 36, 16


@dataclass(frozen=True)
class MonthPoint:
    month: str  # YYYY-MM
    value: float | None
    label: str


def last_months(today: dt.date, count: int = 12) -> list[str]:
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def punctuality_by_month(rows: list[RegisterRow], today: dt.date) -> list[MonthPoint]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        key = f"{row.published_on:%Y-%m}"
        totals[key][0] += 1
        totals[key][1] += row.on_time
    points = []
    for month in last_months(today):
        total, on_time = totals.get(month, (0, 0))
        value = round(100 * on_time / total, 1) if total else None
        label = f"{month}：{on_time}/{total} 按时" if total else f"{month}：无发布"
        points.append(MonthPoint(month, value, label))
    return points


def findings_by_month(runs: list[dict], today: dt.date) -> list[MonthPoint]:
    """`runs`: dicts with run_date and the three counts; a month shows its last snapshot."""
    last: dict[str, dict] = {}
    for run in sorted(runs, key=lambda r: r["run_date"]):
        last[f"{run['run_date']:%Y-%m}"] = run
    points = []
    for month in last_months(today):
        run = last.get(month)
        if run is None:
            points.append(MonthPoint(month, None, f"{month}：无检查记录"))
            continue
        total = run["veto_count"] + run["deduction_count"] + run["warning_count"]
        label = (
            f"{month}：否决{run['veto_count']} 扣分{run['deduction_count']} "
            f"提醒{run['warning_count']}"
        )
        points.append(MonthPoint(month, float(total), label))
    return points


def bar_chart(points: list[MonthPoint], *, title: str, maximum: float | None = None) -> SafeString:
    values = [p.value for p in points if p.value is not None]
    top = maximum if maximum is not None else max(values or [1]) or 1
    plot_w = WIDTH - PAD_LEFT - 8
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    step = plot_w / max(len(points), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="audit-chart" aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="{PAD_LEFT}" y1="{PAD_TOP + plot_h}" x2="{WIDTH - 8}" y2="{PAD_TOP + plot_h}" '
        'stroke="#888"/>',
        f'<text x="4" y="{PAD_TOP + 4}" font-size="11">{escape(_fmt(top))}</text>',
        f'<text x="4" y="{PAD_TOP + plot_h}" font-size="11">0</text>',
    ]
    for i, point in enumerate(points):
        x = PAD_LEFT + i * step + step * 0.15
        width = step * 0.7
        if point.value is not None:
            height = plot_h * (point.value / top) if top else 0
            y = PAD_TOP + plot_h - height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
                f'fill="#2e6db4"><title>{escape(point.label)}</title></rect>'
            )
            parts.append(
                f'<text x="{x + width / 2:.1f}" y="{y - 3:.1f}" font-size="10" '
                f'text-anchor="middle">{escape(_fmt(point.value))}</text>'
            )
        parts.append(
            f'<text x="{x + width / 2:.1f}" y="{HEIGHT - PAD_BOTTOM + 14}" font-size="10" '
            f'text-anchor="middle">{escape(point.month[2:])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
