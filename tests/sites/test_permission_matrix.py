"""The admin permission matrix: every admin URL pattern, driven over HTTP for county A's editor,
county A's moderator, an auditor (审计员) and a platform administrator, with the ids of county
B's objects in its kwargs. Every outcome is asserted against MATRIX (tests/sites/
permission_matrix.py): A = 200, R = a redirect onward (the action was taken or the screen moved
on), D = refused (403, 404, 405, 400, or a redirect to the login or the dashboard). County A's
roles POST to every route naming an object: refused, except the few POST_NO_WRITE answers, each
asserted exactly; county B's page is unchanged after. No page or JSON answer they are served
may show a county B marker. A new admin URL that is not in MATRIX or SKIPPED fails the test.
test_admin_writes_are_audited checks the administrator's successful POSTs leave audit entries.

Cost: one client (one login) per role; 4xx answers are not logged with their tracebacks; the
site scope reads a user's sites once per request (sites.scope), which most admin screens ask
for every menu item."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry, TaskState

from cms.api.models import ApiToken
from cms.interaction.models import Message
from cms.newmedia.models import Account
from cms.reports.models import AnnualReport
from cms.reports.site_models import SiteAnnualReport
from fixtures.factories import (
    ArticlePageFactory,
    ConsultationPageFactory,
    InterviewPageFactory,
    InterviewQuestionFactory,
    MessageAttachmentFactory,
    OutboxEntryFactory,
)
from search.models import BestBet, QueryLog
from tests.cms.requests.conftest import registered_case
from tests.conftest import host_client
from tests.sites.permission_matrix import (
    MATRIX,
    POST_NO_WRITE,
    POST_REDIRECT_NO_WRITE,
    ROLES,
    SKIPPED,
)

ADMIN_HOST = "www.localhost"
DRAFT_B = "清源县尚未发布的内部草稿"
MARKERS = (
    DRAFT_B,
    "清源县内部文件",
    "清源县内部图片",
    "qingyuan_editor_zhang",
    "清源县留言",  # a citizen's message, its attachment and an unmoderated interview question
    "情况说明.pdf",
    "清源县网友提问",
)
MISSING = 999_999
RECORD: dict[str, dict[str, str]] = {}


def admin_routes() -> list[tuple[str, URLPattern]]:
    """(route under /admin/, pattern) for every admin URL pattern, Wagtail's and ours."""

    def walk(resolver, prefix: str):
        for item in resolver.url_patterns:
            route = prefix + str(item.pattern)
            if isinstance(item, URLResolver):
                yield from walk(item, route)
            elif isinstance(item, URLPattern):
                yield route, item

    routes = {}
    for route, item in walk(get_resolver(), ""):
        if route.startswith("admin/"):
            routes.setdefault(route, item)  # the first match is the one served
    return list(routes.items())


def fill(route: str, values: dict[str, object]) -> str:
    """The route with each kwarg replaced by its value (route and regex syntax)."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\.", ".")


def outcome(response) -> str:
    status = response.status_code
    if status == 200:
        return "A"
    if status in (301, 302):
        location = response["Location"]
        return "D" if "/login/" in location or location.rstrip("/").endswith("/admin") else "R"
    if status in (400, 403, 404, 405):
        return "D"
    raise AssertionError(f"unexpected status {status}")


@pytest.fixture
def county_b_objects(cluster, orgs, make_user) -> dict[str, object]:
    """County B's objects, one of each kind an admin URL names, keyed by kwarg or namespace."""
    b = cluster.county_b
    editor_b = make_user("qingyuan_editor_zhang", groups=[b.editors_group])
    page = ArticlePageFactory(parent=cluster.column(b, "gzdt"), title="清源县已发布文章")
    page.title = DRAFT_B
    revision = page.save_revision(user=editor_b)
    workflow_state = page.get_workflow().start(page, editor_b)
    task_state = TaskState.objects.get(workflow_state=workflow_state)
    log(instance=page, action="wagtail.edit", user=editor_b, revision=revision)
    document = wagtail_factories.DocumentFactory(collection=b.collection, title="清源县内部文件")
    image = wagtail_factories.ImageFactory(collection=b.collection, title="清源县内部图片")
    token = ApiToken(site=b, name="清源客户端", created_by=editor_b)
    token.issue()
    token.save()
    case = registered_case(b, dt.date(2026, 3, 2))
    message = Message.objects.create(
        site=b,
        origin_site=b,
        kind=Message._meta.get_field("kind").choices[0][0],
        name="王五",
        phone="13900000000",
        subject="清源县留言",
        content="留言内容",
        due_date=dt.date(2026, 4, 1),
    )
    account = Account.objects.create(
        site=b, platform="weibo", sponsor="清源县人民政府", name="清源发布", account_id="qy"
    )
    published = ArticlePageFactory(parent=cluster.column(b, "gzdt"), title="清源县推送文章")
    interview = InterviewPageFactory(parent=cluster.column(b, "hdjl"), title="清源县在线访谈")
    return {
        "page": page,
        "revision": revision,
        "workflow_state": workflow_state,
        "task_state": task_state,
        "document": document,
        "image": image,
        "collection": b.collection,
        "workflow": workflow_state.workflow,
        "task": task_state.task,
        "profile": b,
        "site": b.site,
        "user": editor_b,
        "group": b.editors_group,
        "organisation": orgs["county_b"],
        "best_bet": BestBet.objects.create(query="清源", page=page, site=b.site),
        "query_log": QueryLog.objects.create(query="清源", site_id=b.site_id, results=0),
        "token": token,
        "case": case,
        "message": message,
        "account": account,
        "redirect": Redirect.objects.create(old_path="/qy-old", site=b.site, redirect_link="/"),
        "site_report": SiteAnnualReport.objects.create(site=b, year=2025),
        "annual_report": AnnualReport.objects.create(organisation=orgs["county_b"], year=2025),
        "page_type": ContentType.objects.get_for_model(page),
        "outbox_entry": OutboxEntryFactory(account=account, page=published),
        "attachment": MessageAttachmentFactory(message=message),
        "consultation": ConsultationPageFactory(
            parent=cluster.column(b, "hdjl"), title="清源县问卷调查"
        ),
        "interview_question": InterviewQuestionFactory(page=interview, content="清源县网友提问"),
    }


def kwarg_values(route: str, objects: dict[str, object]) -> dict[str, object]:
    """Fill a route's kwargs: `pk` by the screen it belongs to, the rest by name."""
    page = objects["page"]
    by_screen = {
        "collections/": "collection",
        "workflows/tasks/": "task",
        "workflows/": "workflow",
        "organisations/": "organisation",
        "annual_reports/": "annual_report",
        "site_reports/": "site_report",
        "interaction/": "message",
        "api_tokens/": "token",
        "newmedia/accounts/": "account",
        "newmedia/outbox/": "outbox_entry",
        "interview_questions/": "interview_question",
        "zjdc/": "consultation",
        "site_profiles/": "profile",
        "audit/": "profile",
        "bestbet/": "best_bet",
        "querylog/": "query_log",
        "sites/": "site",
        "users/": "user",
        "groups/": "group",
        "yisqgk/": "case",
        "documents/chooser/": "document",
        "images/chooser/": "image",
        "pages/": "page",
        "api/main/^documents": "document",
        "api/main/^images": "image",
        "api/main/^pages": "page",
    }
    screen = next((key for key in by_screen if route.startswith("admin/" + key)), None)
    pk = objects[by_screen[screen]].pk if screen else MISSING
    page_type = objects["page_type"]
    return {
        "pk": pk,
        "page_id": page.pk,
        "parent_page_id": page.get_parent().pk,
        "page_to_move_id": page.pk,
        "destination_id": objects["profile"].site.root_page_id,
        "page_pk": page.pk,
        "revision_id": objects["revision"].pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "task_state_id": objects["task_state"].pk,
        "task_id": objects["task"].pk,
        "workflow_state_id": objects["workflow_state"].pk,
        "workflow_pk": objects["workflow"].pk,
        "action_name": "approve",
        "document_id": objects["document"].pk,
        "doc_id": objects["document"].pk,
        "image_id": objects["image"].pk,
        "filter_spec": "original",
        "uploaded_file_id": MISSING,
        "collection_id": objects["collection"].pk,
        "redirect_id": objects["redirect"].pk,
        "content_type_app_name": page_type.app_label,
        "content_type_model_name": page_type.model,
        "app_label": "wagtailcore",
        "model_name": "page",
        "app_name": "wagtailcore",
        "action": "approve" if route.startswith("admin/newmedia/outbox/") else "publish",
        "object_id": page.pk,
        "session_id": MISSING,
        "fmt": "csv",
        "attachment_pk": objects["attachment"].pk,
        "user_id": objects["user"].pk,
        "uidb64": "MQ",
        "token": "bad-token",
    }


@pytest.fixture
def users(cluster, make_user) -> dict[str, object]:
    a = cluster.county_a
    return {
        "editor": make_user("anning_editor", groups=[a.editors_group]),
        "moderator": make_user("anning_moderator", groups=[a.moderators_group]),
        "auditor": make_user("city_auditor", groups=[Group.objects.get(name="审计员")]),
        "admin": make_user("platform_admin", superuser=True),
    }


def test_every_admin_url_is_classified():
    routes = {route for route, _ in admin_routes()}
    unclassified = sorted(routes - set(MATRIX) - set(SKIPPED))
    assert not unclassified, f"新的后台地址需要在权限矩阵中登记：{unclassified}"
    stale = sorted((set(MATRIX) | set(SKIPPED)) - routes)
    assert not stale, f"权限矩阵中的地址已不存在：{stale}"


def shown_text(response) -> str:
    """What a response shows, JSON string escapes decoded (the choosers' and modals' answers
    are JSON: a title in them reads `\\u6e05…`)."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        with contextlib.suppress(ValueError):
            body = json.dumps(json.loads(body), ensure_ascii=False)
    return body


@pytest.fixture
def quiet_request_log():
    """Hundreds of deliberate 403 and 404 answers: Django logs each as a warning with its
    traceback, which costs time and buries a real failure's output."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, county_b_objects, users, quiet_request_log):
    client = host_client(ADMIN_HOST, users[role])
    page = county_b_objects["page"]
    index = ROLES.index(role)
    wrong: list[str] = []
    for route, _ in admin_routes():
        if route in SKIPPED:
            continue
        path = fill(route, kwarg_values(route, county_b_objects))
        expected = MATRIX.get(route, "????")[index]
        try:
            response = client.get(path)
            got = outcome(response)
        except Exception as error:
            wrong.append(f"GET {route} raised {error!r}")
            RECORD.setdefault(route, {})[role] = "X"
            continue
        RECORD.setdefault(route, {})[role] = got
        if got != expected:
            wrong.append(f"GET {route} → {got}, expected {expected}")
        if role != "admin" and got == "A":
            leaked = [marker for marker in MARKERS if marker in shown_text(response)]
            if leaked:
                wrong.append(f"GET {route} shows {leaked}")
        if role != "admin" and "<" in route:
            # County A's roles POST to every route naming county B's objects: refused, except
            # the few that answer a POST without writing (POST_NO_WRITE, asserted exactly).
            expected_post = POST_NO_WRITE.get(route, "DDD")[index]
            try:
                response = client.post(path, {})
                got = outcome(response)
            except Exception as error:
                got = f"raised {error!r}"
            RECORD[route][f"{role}-post"] = got
            if got != expected_post:
                wrong.append(f"POST {route} → {got}, expected {expected_post}")
            elif got == "A":
                leaked = [marker for marker in MARKERS if marker in shown_text(response)]
                if leaked:
                    wrong.append(f"POST {route} shows {leaked}")
    if os.environ.get("MATRIX_RECORD"):
        with open(f"/tmp/matrix_{role}.txt", "w") as out:
            out.writelines(
                f"{r}\t{v.get(role)}\t{v.get(role + '-post', '')}\n" for r, v in RECORD.items()
            )
            out.writelines(f"#{w}\n" for w in wrong)
        return
    assert not wrong, "\n".join(wrong)
    page.refresh_from_db()
    assert page.live and page.title == "清源县已发布文章"


def log_entry_count() -> int:
    return ModelLogEntry.objects.count() + PageLogEntry.objects.count()


def test_admin_writes_are_audited(county_b_objects, users, quiet_request_log):
    """Every admin POST that a platform administrator's empty form makes succeed (a redirect
    onward: deleted, disabled, unlocked, approved…) leaves an entry in Wagtail's audit log
    (等保 audit records; 网络安全法 第二十一条). Each POST runs in a savepoint rolled back after,
    so every route meets the same objects."""
    client = host_client(ADMIN_HOST, users["admin"])
    unaudited: list[str] = []
    for route, _ in admin_routes():
        if route in SKIPPED or MATRIX[route][ROLES.index("admin")] == "D":
            continue
        path = fill(route, kwarg_values(route, county_b_objects))
        with transaction.atomic():
            before = log_entry_count()
            try:
                got = outcome(client.post(path, {}))
            except Exception as error:
                got = f"raised {error!r}"
            logged = log_entry_count() > before
            transaction.set_rollback(True)
        if got.startswith("raised"):  # a 500 for the administrator: never acceptable
            unaudited.append(f"{route} {got}")
            continue
        if got == "R" and not logged and route not in POST_REDIRECT_NO_WRITE:
            unaudited.append(route)
    if os.environ.get("MATRIX_RECORD"):
        with open("/tmp/sg/unaudited.txt", "w") as out:
            out.writelines(f"{r}\n" for r in unaudited)
    assert not unaudited, f"后台操作未记入审计日志：{unaudited}"
