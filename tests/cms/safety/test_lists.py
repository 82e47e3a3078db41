"""The lists in the admin: a platform administrator adds a protected term and the very next check
uses it (the matcher is rebuilt on a list change); a wrong form that is part of the correct form
is refused, since it would report every correct use. Built-in misspellings come with migrations."""

from __future__ import annotations

from cms.pages.models import ArticlePage
from cms.safety.check import check_page
from cms.safety.models import ProtectedTerm
from tests.conftest import host_client

ADMIN_HOST = "www.localhost"


def test_builtin_misspellings_are_seeded(db):
    assert ProtectedTerm.objects.filter(builtin=True, correct="中华人民共和国").exists()
    assert [f.matched for f in check_page(ArticlePage(title="中华人名共和国", body=""))] == [
        "中华人名共和国"
    ]


def test_an_administrator_adds_a_term_and_the_next_check_uses_it(db, make_user):
    admin = make_user("root", superuser=True)
    client = host_client(ADMIN_HOST, admin)
    page = ArticlePage(title="通知", body="<p>长河市人民正府发布通知。</p>")
    assert check_page(page) == []
    assert "受保护词语" in client.get("/admin/safety/terms/").content.decode()
    data = {"correct": "长河市人民政府", "category": "institution", "note": "", "active": "on"}
    response = client.post("/admin/safety/terms/new/", {**data, "wrong_forms": "人民政府"})
    assert response.status_code == 200
    assert "是正确写法的一部分" in response.content.decode()
    response = client.post("/admin/safety/terms/new/", {**data, "wrong_forms": "长河市人民正府"})
    assert response.status_code == 302
    [finding] = check_page(page)
    assert finding.message.startswith(
        "正文第1字处：“长河市人民正府”应为“长河市人民政府”（机构名称）"
    )
