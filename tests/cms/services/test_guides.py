"""A service guide cannot be published while a required element is empty (the error names it),
drafts may be incomplete, and the guide page shows every element with the §3 meta tags."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.services.models import ServiceGuideAttachment, ServiceGuidePage
from cms.services.rules import REQUIRED_ELEMENTS, missing_elements
from search.documents import build_document
from tests.cms.services.conftest import COMPLETE
from tests.conftest import COUNTY_A_HOST, host_client

pytestmark = pytest.mark.django_db
RICH = {"legal_basis", "conditions", "materials", "procedure"}


def admin_form(title="社会保障卡申领办事指南", slug="shbzk", **overrides):
    values = {**COMPLETE, "title": title, "slug": slug, "organisation": ""}
    values.update(overrides)
    data = {k: rich_text(v) if k in RICH else v for k, v in values.items()}
    data["attachments"] = inline_formset([])
    data["comments"] = inline_formset([])
    return nested_form_data(data)


@pytest.fixture
def admin_client(make_user):
    return host_client(COUNTY_A_HOST, make_user("root", superuser=True))


def add_url(cluster):
    column = cluster.column(cluster.county_a, "bsfw")
    return reverse("wagtailadmin_pages:add", args=("services", "serviceguidepage", column.pk))


def test_publishing_a_guide_with_an_empty_element_is_refused_and_names_it(cluster, admin_client):
    data = admin_form(fees="", procedure="")
    data["action-publish"] = "action-publish"
    response = admin_client.post(add_url(cluster), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "收费标准" in body and "办理流程" in body
    assert "办事指南要素不完整，不能发布或提交审核。请填写：收费标准、办理流程。" in body
    assert not ServiceGuidePage.objects.filter(live=True).exists()


def test_a_draft_with_empty_elements_saves_then_publishes_once_complete(cluster, admin_client):
    response = admin_client.post(add_url(cluster), admin_form(phone="", legal_basis=""))
    assert response.status_code == 302
    page = ServiceGuidePage.objects.get(slug="shbzk")
    assert not page.live
    assert page.missing_elements == ["设定依据", "联系电话"]

    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = admin_form(phone="", legal_basis="")
    data["action-publish"] = "action-publish"
    refused = admin_client.post(edit, data)
    assert refused.status_code == 200
    assert "请填写：设定依据、联系电话" in refused.content.decode()
    page.refresh_from_db()
    assert not page.live

    data = admin_form()
    data["action-publish"] = "action-publish"
    assert admin_client.post(edit, data).status_code == 302
    page.refresh_from_db()
    assert page.live and page.missing_elements == []


def test_an_editor_cannot_submit_an_incomplete_guide_for_review(cluster, make_user):
    editor = make_user("editor", groups=[cluster.county_a.editors_group])
    client = host_client(COUNTY_A_HOST, editor)
    data = admin_form(item_name="", organisation_name="")
    data["action-submit"] = "action-submit"
    response = client.post(add_url(cluster), data)
    assert response.status_code == 200
    assert "请填写：事项名称、办理机构" in response.content.decode()
    assert not ServiceGuidePage.objects.exists()


@pytest.mark.parametrize(("label", "fields"), REQUIRED_ELEMENTS)
def test_each_required_element_blocks_publication_from_code(make_guide, label, fields):
    blanks = {field: None if field == "organisation" else "" for field in fields}
    page = make_guide(publish=False, **blanks)
    with pytest.raises(ValidationError, match=label):
        page.save_revision().publish()
    assert not ServiceGuidePage.objects.get(pk=page.pk).live


def test_rich_text_without_visible_characters_counts_as_empty():
    assert missing_elements({**COMPLETE, "materials": "<p>&nbsp; </p><p><br></p>"}) == ["办理材料"]
    assert missing_elements({**COMPLETE, "organisation_name": "", "organisation": None}) == [
        "办理机构"
    ]


def test_an_organisation_record_satisfies_the_handling_unit(make_guide, orgs):
    page = make_guide(organisation=orgs["county_a"], organisation_name="")
    assert page.live and page.organisation_label == "安宁县人民政府"


def test_guide_page_shows_every_element_and_the_meta_tags(make_guide):
    page = make_guide(online_url="https://zwfw.changhe.gov.cn/anning/sfz/")
    body = host_client(COUNTY_A_HOST).get(page.url).content.decode()
    for label, _ in REQUIRED_ELEMENTS:
        assert label in body
    assert "安宁县公安局户政管理大队" in body and "工本费20元" in body
    assert 'href="https://zwfw.changhe.gov.cn/anning/sfz/"' in body and "在线办理" in body
    assert '<meta name="ColumnType" content="办事服务">' in body
    assert '<meta name="ArticleTitle" content="办事指南' in body
    assert '<meta name="ContentSource" content="安宁县公安局户政管理大队">' in body
    assert '<meta name="PubDate"' in body


def test_search_document_carries_the_elements_as_body_text(make_guide):
    document = build_document(make_guide())
    assert document is not None
    assert "居民身份证法" in document.body and "原居民身份证" in document.body
    assert "工本费20元" in document.body and "办理流程" in document.body
    assert document.organisation == "安宁县公安局户政管理大队"
    assert document.column_type == "办事服务" and document.content_type == "办事指南"


def test_downloadable_forms_are_checked_by_content(make_guide, cluster):
    document_model = get_document_model()
    fake = document_model(title="申请表", collection=cluster.county_a.collection)
    fake.file.save("form.pdf", ContentFile(b"<html>not a pdf</html>"), save=False)
    fake.save()
    attachment = ServiceGuideAttachment(page=make_guide(), document=fake, title="申请表")
    with pytest.raises(ValidationError, match="网页或脚本内容"):
        attachment.clean()
