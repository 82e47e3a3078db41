"""`create_site` builds the standard tree and refuses bad input having created nothing."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Collection, Page, Site, Workflow

from cms.pages.models import ColumnPage, HomePage
from sites.column_tree import iter_columns
from sites.models import SiteProfile


def counts() -> dict[str, int]:
    return {
        "sites": Site.objects.count(),
        "pages": Page.objects.count(),
        "groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "profiles": SiteProfile.objects.count(),
        "workflows": Workflow.objects.count(),
    }


def test_create_site_builds_the_standard_tree(cluster, capsys):
    call_command(
        "create_site",
        "--name=白鹭县人民政府门户网站",
        "--hostname=bailu.localhost",
        "--code=6109240001",
        "--level=county",
        "--parent=www.localhost",
        "--theme=sea-blue",
    )
    assert "已创建网站“白鹭县人民政府门户网站”" in capsys.readouterr().out
    profile = SiteProfile.objects.get(site__hostname="bailu.localhost")
    assert profile.parent == cluster.city
    assert profile.sponsor == "白鹭县人民政府"
    home = profile.site.root_page.specific
    assert isinstance(home, HomePage) and home.live

    tree = {
        (column.title, column.depth - home.depth - 1, column.column_type)
        for column in ColumnPage.objects.descendant_of(home)
    }
    expected = {(spec.title, depth, spec.column_type) for spec, depth in iter_columns()}
    # The disclosure platform adds its Art. 20/21 category columns under 法定主动公开内容.
    assert expected <= tree
    assert {
        "政务公开",
        "公开指南",
        "公开制度",
        "法定主动公开内容",
        "公开年报",
        "工作动态",
        "通知公告",
        "政策文件",
        "政策解读",
        "互动交流",
        "办事服务",
    } <= {t for t, _, _ in tree}

    assert profile.editors_group.name == "白鹭县人民政府门户网站·编辑"
    assert profile.moderators_group.page_permissions.filter(page=home).count() == 6
    assert profile.collection.name == "白鹭县人民政府门户网站"
    workflow = Workflow.objects.get(workflow_pages__page=home)
    assert workflow.active


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--code=12345"], "网站标识码“12345”格式不正确"),
        (["--code=6109000001"], "网站标识码“6109000001”已被其他网站使用"),
        (["--hostname=anning.localhost"], "域名“anning.localhost”已被其他网站使用"),
        (["--hostname=Bad Host!"], "格式不正确"),
        (["--parent=nowhere.localhost"], "上级网站“nowhere.localhost”不存在"),
        (["--parent="], "必须用 --parent 指定上级网站"),
        (["--level=city", "--parent="], "一个站群只能有一个门户"),
        (["--icp=abc"], "ICP备案号“abc”格式不正确"),
        (["--name=安宁县人民政府门户网站"], "网站名称“安宁县人民政府门户网站”已存在"),
    ],
)
def test_create_site_rejects_bad_input_and_creates_nothing(cluster, args, message):
    base = {
        "--name": "新区管委会网站",
        "--hostname": "xinqu.localhost",
        "--code": "6109990001",
        "--level": "county",
        "--parent": "www.localhost",
    }
    for arg in args:
        key, value = arg.split("=", 1)
        base[key] = value
    before = counts()
    with pytest.raises(CommandError) as error:
        call_command("create_site", *[f"{k}={v}" for k, v in base.items()])
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert counts() == before


@pytest.mark.database_neutral  # argument checks of a command
def test_create_site_command_exits_non_zero_with_one_line(cluster):
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "create_site",
            "--name=x",
            "--hostname=x.localhost",
            "--code=1",
            "--level=county",
        ],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "cms.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "网站标识码“1”格式不正确" in result.stderr
