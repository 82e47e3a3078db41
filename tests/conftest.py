"""Shared fixtures: a small cluster provisioned exactly as `create_site` does in production, the
organisations of the disclosure platform on it and a builder of disclosed documents."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from cms.core.publishing import publish_page
from cms.disclosure.demo import make_credit_code
from cms.disclosure.models import DisclosurePage, Organisation, Topic
from cms.pages.models import ColumnPage
from cms.review.confidentiality import confirmed
from sites.models import SiteProfile
from sites.provisioning import SiteSpec, create_site
from tests import db_snapshot

CITY_HOST = "www.localhost"
COUNTY_A_HOST = "anning.localhost"
COUNTY_B_HOST = "qingyuan.localhost"
DEPARTMENT_HOST = "jyj.localhost"


@dataclass
class Cluster:
    city: SiteProfile
    county_a: SiteProfile
    county_b: SiteProfile
    department: SiteProfile
    all: list[SiteProfile] = field(default_factory=list)

    def column(self, profile: SiteProfile, slug: str) -> ColumnPage:
        home = profile.site.root_page
        return ColumnPage.objects.descendant_of(home).get(slug=slug)


def build_cluster() -> Cluster:
    city = create_site(
        SiteSpec(
            name="长河市人民政府门户网站",
            hostname=CITY_HOST,
            code="6109000001",
            level="city",
            icp_number="长ICP备12345678号",
            police_number="长公网安备 61090202000123号",
            contact_phone="0917-3210000",
            contact_email="webmaster@changhe.gov.cn",
            organizer="长河市大数据中心",
        )
    )
    county_a = create_site(
        SiteSpec(
            name="安宁县人民政府门户网站",
            hostname=COUNTY_A_HOST,
            code="6109210001",
            level="county",
            parent_hostname=CITY_HOST,
            icp_number="长ICP备12345679号",
            police_number="长公网安备 61092102000001号",
            contact_phone="0917-5210000",
            theme="sea-blue",
        )
    )
    county_b = create_site(
        SiteSpec(
            name="清源县人民政府门户网站",
            hostname=COUNTY_B_HOST,
            code="6109220001",
            level="county",
            parent_hostname=CITY_HOST,
            icp_number="长ICP备12345680号",
            theme="hill-green",
        )
    )
    department = create_site(
        SiteSpec(
            name="长河市教育局网站",
            hostname=DEPARTMENT_HOST,
            code="6109000012",
            level="department",
            parent_hostname=CITY_HOST,
        )
    )
    return Cluster(city, county_a, county_b, department, [city, county_a, county_b, department])


def load_cluster() -> Cluster:
    def profile(host: str) -> SiteProfile:
        return SiteProfile.objects.select_related("site").get(site__hostname=host)

    sites = [profile(h) for h in (CITY_HOST, COUNTY_A_HOST, COUNTY_B_HOST, DEPARTMENT_HOST)]
    return Cluster(*sites, sites)


@pytest.fixture(autouse=True)
def fts_cleared_after_transactional_tests(request, django_db_blocker):
    """A transactional test's flush empties every model table but not SQLite's FTS5 tables
    (search.engines.fts5), whose rows would then collide with the next test's index entries."""
    yield
    if not {"transactional_db", "live_server"} & set(request.fixturenames):
        return
    from django.db import connection

    from search.engines.fts5 import FTS_TABLE, PHRASE_TABLE

    if connection.vendor != "sqlite":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
        cursor.execute(f"INSERT INTO {PHRASE_TABLE}({PHRASE_TABLE}) VALUES ('delete-all')")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache: what earlier tests cached (Wagtail's site root
    paths, feed validators, rate-limit counters) names rows and clients rolled back since."""
    cache.clear()


# The one demo cluster the tests that need it share (tests/db_snapshot.py): `load_demo_cluster`
# runs once per test run and its rows are replayed for the next test that asks, in any process.
DEMO_ARGS = ["--articles-per-site=4", "--today=2026-11-20", "--port=8000"]
DEMO_GROUP = "demo-cluster"


@pytest.fixture
def demo_cluster(db) -> str:
    """The demo cluster of `load_demo_cluster` with DEMO_ARGS; returns what the command printed."""
    # Caches filled by earlier tests (Wagtail's site root paths…) name rows rolled back since.
    cache.clear()
    _, output = db_snapshot.build_once("demo-cluster", load_demo)
    return output


def load_demo() -> tuple[None, str]:
    out = io.StringIO()
    call_command("load_demo_cluster", *DEMO_ARGS, stdout=out)
    return None, out.getvalue()


@pytest.fixture
def cluster(db) -> Cluster:
    """The small cluster, built through create_site by the first test of the run and replayed
    from its recorded rows for the others (tests/db_snapshot.py)."""
    # Caches filled by earlier tests (Wagtail's site root paths, keyed by site ids that differ
    # between tests on PostgreSQL) name rows rolled back since; replayed rows send no signals.
    cache.clear()
    built, _ = db_snapshot.build_once("cluster", lambda: (build_cluster(), None))
    return built if built is not None else load_cluster()


@pytest.fixture
def orgs(cluster):
    """One organisation per cluster site, plus a second one on county A. (The annual-report tests
    override this with their own set in tests/cms/reports/conftest.py.)"""

    def make(profile, name, short, area, serial, **extra):
        return Organisation.objects.create(
            name=name,
            short_name=short,
            credit_code=make_credit_code(area, serial),
            site=profile,
            **extra,
        )

    return {
        "city": make(cluster.city, "长河市人民政府办公室", "长政办", "610900", 1),
        "county_a": make(
            cluster.county_a,
            "安宁县人民政府",
            "安政",
            "610921",
            1,
            office_name="安宁县人民政府办公室政务公开科",
            office_address="安宁县人民路1号",
            office_hours="工作日 9:00-12:00，13:30-17:30",
            office_phone="0917-5210001",
            office_fax="0917-5210002",
            office_email="zwgk@anning.gov.cn",
        ),
        "county_a_edu": make(cluster.county_a, "安宁县教育局", "安教", "610921", 2),
        "county_b": make(cluster.county_b, "清源县人民政府", "清政", "610922", 1),
        "department": make(cluster.department, "长河市教育局", "长教", "610900", 12),
    }


@pytest.fixture
def make_disclosure(cluster):
    """`make(parent_column, organisation, **fields)`: a DisclosurePage, live (with its 索引号) by
    default."""
    counter = iter(range(1, 10_000))

    def make(parent, organisation, *, live=True, **fields) -> DisclosurePage:
        n = next(counter)
        values = {
            "title": f"关于做好2026年第{n}批惠民政策落实工作的通知",
            "slug": f"d{n:05d}",
            "written_date": dt.date(2026, 3, 2),
            "body": "<p>各乡镇人民政府，县政府各部门：现将有关事项通知如下。</p>",
            "genre": "通知",
            "topic": Topic.objects.get(name="综合政务", parent=None),
        }
        first_published_at = fields.pop("first_published_at", None)
        values.update(fields)
        page = DisclosurePage(organisation=organisation, **values)
        if live:
            # Published like every page code publishes: a revision, and every signal follows.
            # 保密审查 (条例 第十七条) declared by the factory, as every code path must.
            with confirmed(reviewer_name="测试数据"):
                return publish_page(page, parent=parent, first_published_at=first_published_at)
        page.live = False
        parent.add_child(instance=page)
        page.refresh_from_db()
        return page

    return make


@pytest.fixture(autouse=True)
def confidentiality_declared(request):
    """Test data is declared cleared by 保密审查 (条例 第十七条; cms.review.confidentiality), so the
    suite's many fixtures that publish disclosures by code need not each say so. Tests of the gate
    itself opt out with `@pytest.mark.confidentiality_gate`."""
    if request.node.get_closest_marker("confidentiality_gate"):
        yield
        return
    with confirmed(reviewer_name="测试数据"):
        yield


@pytest.fixture
def make_user(db):
    def make(username: str, *, groups=(), superuser: bool = False):
        user_model = get_user_model()
        if superuser:
            user = user_model.objects.create_superuser(username, f"{username}@example.cn", "pw")
        else:
            user = user_model.objects.create_user(username, f"{username}@example.cn", "pw")
        user.groups.set(groups)
        return user

    return make


def host_client(host: str, user=None) -> Client:
    """A test client whose requests carry `Host: host` (routing is by hostname)."""
    client = Client(HTTP_HOST=host)
    if user is not None:
        client.force_login(user)
    return client
