"""On the demo cluster one site fails on a single-veto item and others are clean, and every finding
links to the admin page of the object that causes it."""

import datetime as dt

import pytest
from wagtail.models import Page

from cms.audit.engine import run_audit
from cms.audit.rules import Severity
from tests.conftest import host_client

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


def test_demo_cluster_has_a_vetoed_and_clean_sites_and_findings_link_to_their_objects(
    demo_cluster, make_user
):
    result = run_audit(None, TODAY)
    vetoed = {s.site.hostname for s in result.sites if s.veto}
    clean = {s.site.hostname for s in result.sites if not s.veto}
    assert "bailu.localhost" in vetoed
    assert clean, "at least one demo site passes every single-veto item"
    bailu = next(s for s in result.sites if s.site.hostname == "bailu.localhost")
    assert "message_unanswered_veto" in {
        f.rule.code for f in bailu.findings if f.severity == Severity.VETO
    }

    pages = {p.pk: p for p in Page.objects.only("pk", "path")}
    seen_urls: dict[str, str] = {}
    for site in result.sites:
        home = pages[site.site.home_id]
        for finding in site.findings:
            if finding.object_type in {"page", "column"}:
                page = pages[finding.object_id]
                assert page.path.startswith(home.path), finding
                assert f"/admin/pages/{page.pk}/" in finding.admin_url, finding
            elif finding.object_type == "site":
                assert finding.admin_url == f"/admin/pages/{site.site.home_id}/"
            seen_urls.setdefault(finding.rule.code, finding.admin_url)
    admin = host_client("www.localhost:8000", make_user("checker", superuser=True))
    for code, url in seen_urls.items():
        assert admin.get(url).status_code == 200, (code, url)
