"""`create_site` gives a new site a working 互动交流 and 办事服务: the 领导信箱 board (form and
status page), the 征集调查, 在线访谈 and 常见问题 sub-columns, and page types its editors can add
there (STANDARDS.md §2 互动回应; issue 11 item 5)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from cms.interaction.models import MessageBoardPage
from cms.pages.column_types import ColumnType
from cms.pages.models import ColumnPage
from sites.models import SiteProfile
from tests.conftest import host_client

pytestmark = pytest.mark.django_db
HOST = "bailu.localhost"


def test_new_site_gets_board_and_interaction_subcolumns(cluster, make_user):
    call_command(
        "create_site",
        "--name=白鹭县人民政府门户网站",
        f"--hostname={HOST}",
        "--code=6109240001",
        "--level=county",
        "--parent=www.localhost",
    )
    profile = SiteProfile.objects.get(site__hostname=HOST)
    home = profile.site.root_page
    interaction = ColumnPage.objects.child_of(home).get(slug="hdjl")
    subcolumns = {
        c.slug: (c.title, c.column_type, c.live) for c in ColumnPage.objects.child_of(interaction)
    }
    assert subcolumns == {
        "zjdc": ("征集调查", ColumnType.SURVEY, True),
        "zxft": ("在线访谈", ColumnType.INTERVIEW, True),
        "cjwt": ("常见问题", ColumnType.CONSULTATION, True),
    }
    board = MessageBoardPage.objects.child_of(interaction).get()
    assert (board.title, board.live, board.reply_workdays) == ("领导信箱", True, 10)
    assert board.kinds() == [("consult", "咨询"), ("suggest", "建言"), ("complaint", "投诉")]

    citizen = host_client(HOST)
    form = citizen.get("/hdjl/liuyan/write/")
    assert form.status_code == 200 and "验证题" in form.content.decode()
    assert citizen.get("/hdjl/liuyan/status/").status_code == 200
    assert "领导信箱" in citizen.get("/hdjl/").content.decode()

    # The site's editors can add each page type where it belongs.
    editor = host_client(HOST, make_user("bailu_editor", groups=[profile.editors_group]))
    for app, model, slug in (
        ("interaction", "faqpage", "cjwt"),
        ("participation", "consultationpage", "zjdc"),
        ("participation", "interviewpage", "zxft"),
    ):
        column = ColumnPage.objects.child_of(interaction).get(slug=slug)
        url = reverse("wagtailadmin_pages:add", args=(app, model, column.pk))
        assert editor.get(url).status_code == 200, (model, slug)
    # Scoped per site: another county's editor may not add a 常见问题 here.
    outsider = host_client(
        HOST, make_user("qingyuan_editor", groups=[cluster.county_b.editors_group])
    )
    faq_column = ColumnPage.objects.child_of(interaction).get(slug="cjwt")
    refused = outsider.get(
        reverse("wagtailadmin_pages:add", args=("interaction", "faqpage", faq_column.pk))
    )
    assert refused.status_code in (302, 403)
    service = ColumnPage.objects.child_of(home).get(slug="bsfw")
    url = reverse("wagtailadmin_pages:add", args=("services", "serviceguidepage", service.pk))
    assert editor.get(url).status_code == 200
