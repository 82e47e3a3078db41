"""Shared fixtures: a small cluster provisioned exactly as `create_site` does in production."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cms.pages.models import ColumnPage
from sites.models import SiteProfile
from sites.provisioning import SiteSpec, create_site

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


@pytest.fixture
def cluster(db) -> Cluster:
    return build_cluster()


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
