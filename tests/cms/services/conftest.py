"""Helpers for service-guide tests: complete element values and a published guide builder."""

import pytest

from cms.services.models import ServiceGuidePage

COMPLETE = {
    "item_name": "居民身份证换领",
    "audience": "个人办事",
    "topic": "户籍身份",
    "legal_basis": "<p>《中华人民共和国居民身份证法》第五条</p>",
    "conditions": "<p>居民身份证有效期满的。</p>",
    "materials": "<ul><li>原居民身份证</li></ul>",
    "location": "安宁县政务服务中心一楼",
    "organisation_name": "安宁县公安局户政管理大队",
    "fees": "工本费20元",
    "hours": "工作日 9:00-17:30",
    "phone": "0917-5210011",
    "procedure": "<ol><li>提交申请</li><li>领取证件</li></ol>",
}


@pytest.fixture
def make_guide(cluster):
    counter = iter(range(1, 10_000))

    def make(profile=None, *, publish=True, **fields) -> ServiceGuidePage:
        profile = profile or cluster.county_a
        n = next(counter)
        values = {**COMPLETE, "title": f"办事指南{n}", "slug": f"guide-{n}", **fields}
        page = ServiceGuidePage(live=False, **values)
        cluster.column(profile, "bsfw").add_child(instance=page)
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page

    return make
