import datetime as dt
import io

from cms.core.validators import is_valid_credit_code
from cms.disclosure.demo import build_demo
from cms.disclosure.models import DisclosurePage, InterpretationPage, Organisation


def test_demo_builds_varied_content_and_is_idempotent(demo_cluster):
    # The tests' shared demo cluster (DEMO_ARGS: --today=2026-11-20) ran build_demo once.
    first = {
        "organisations": Organisation.objects.count(),
        "disclosures": DisclosurePage.objects.filter(slug__startswith="demo-").count(),
        "interpretations": InterpretationPage.objects.filter(slug__startswith="demo-").count(),
    }
    second = build_demo(today=dt.date(2026, 11, 20), stdout=io.StringIO())
    assert first == second
    assert first["disclosures"] >= 300
    assert first["interpretations"] > 0
    assert all(
        is_valid_credit_code(code)
        for code in Organisation.objects.values_list("credit_code", flat=True)
    )
    pages = DisclosurePage.objects.all()
    assert {d.year for d in pages.values_list("written_date", flat=True)} == {2025, 2026}
    assert pages.filter(validity="废止").exists() and pages.filter(validity="失效").exists()
    assert len(set(pages.values_list("category", flat=True))) >= 15
    assert len(set(pages.values_list("genre", flat=True))) >= 10
    late = [p for p in pages if (p.first_published_at.date() - p.written_date).days > 28]
    assert late
    assert len(set(pages.values_list("index_number", flat=True))) == pages.count()
    assert (
        InterpretationPage.objects.filter(interpreted_policies__isnull=False).count()
        == first["interpretations"]
    )
