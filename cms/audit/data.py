"""The plain data the checks read and the findings they return. Gathered by cms.audit.gather with
a fixed number of queries per run; built by hand in tests. No model instances cross this line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cms.audit.rules import Rule, Severity


@dataclass(frozen=True)
class SiteData:
    id: int
    name: str
    hostname: str
    level: str
    home_id: int
    # Newest of the home page's own publication and any listed item's first publication.
    last_update: dt.date | None


@dataclass(frozen=True)
class ColumnData:
    id: int
    site_id: int
    title: str
    column_type: str
    # Live child pages that are not columns and not withdrawn (a column's content).
    item_count: int
    latest_item: dt.date | None
    has_subcolumns: bool = False


@dataclass(frozen=True)
class DisclosureData:
    id: int
    site_id: int
    title: str
    index_number: str
    organisation: str
    written_date: dt.date
    published_on: dt.date | None
    live: bool
    has_summary: bool = True
    has_topic: bool = True
    is_policy: bool = False
    interpretation_count: int = 0
    # 条例 第二十六条 "或者变更之日": the 变更日期 of the live version, and the day the first
    # revision carrying it was published (the clock then runs from one to the other).
    changed_date: dt.date | None = None
    change_published_on: dt.date | None = None


@dataclass(frozen=True)
class RequestData:
    id: int
    site_id: int
    tracking_code: str
    state: str
    received_date: dt.date | None
    due_date: dt.date | None
    wait_until: dt.date | None
    correction_notice_date: dt.date | None
    closed_date: dt.date | None


@dataclass(frozen=True)
class ReportData:
    """Which report years a site has published (its organisations' 年度报告, its 年度报表)."""

    site_id: int
    published_years: frozenset[int]
    has_organisation: bool = True
    # Years the site's own 政府网站工作年度报表 (国办函〔2018〕12号) is published for.
    site_report_years: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Finding:
    severity: Severity
    rule: Rule
    site_id: int | None
    object_type: str
    object_id: int | None
    title: str
    explanation: str
    admin_url: str

    @property
    def key(self) -> str:
        """Stable identity across daily runs, so a finding can say since when it is open."""
        return f"{self.rule.code}:{self.object_type}:{self.object_id or 0}"


@dataclass
class RegisterRow:
    """One line of the disclosure punctuality register."""

    page_id: int
    site_id: int
    index_number: str
    title: str
    organisation: str
    written_date: dt.date
    published_on: dt.date
    workdays: int
    on_time: bool
    admin_url: str = ""
    # Set when the clock ran from a 变更日期; `published_on` is then the change's publication.
    changed_date: dt.date | None = None


@dataclass
class SiteInput:
    site: SiteData
    columns: list[ColumnData] = field(default_factory=list)
    disclosures: list[DisclosureData] = field(default_factory=list)
    requests: list[RequestData] = field(default_factory=list)
    report: ReportData | None = None
    # cms.audit.internal_links: this site's link sources and the states of every linked page.
    link_sources: list = field(default_factory=list)
    link_targets: dict = field(default_factory=dict)
