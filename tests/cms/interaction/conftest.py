"""Message boards on the test cluster and helpers to fill in the public form as a citizen does
(reading the verification question off the page and answering it)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from cms.interaction.challenge import DIGITS
from cms.interaction.models import MessageBoardPage
from cms.workdays import calendar

BOARD_PATH = "/hdjl/liuyan/"
QUESTION = re.compile(r"验证题：([零一二三四五六七八九十]+)加([零一二三四五六七八九十]+)等于几")
TOKEN = re.compile(r'name="challenge_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def clean_caches():
    """Rate-limit counters, spent verification tokens and the working-day table."""
    cache.clear()
    calendar.invalidate()
    yield
    cache.clear()
    calendar.invalidate()


def make_board(cluster, profile, **fields) -> MessageBoardPage:
    """The site's 领导信箱 (every site gets one from create_site), configured with `fields`."""
    column = cluster.column(profile, "hdjl")
    board = MessageBoardPage.objects.child_of(column).filter(slug="liuyan").first()
    if board is None:
        board = MessageBoardPage(title="领导信箱", slug="liuyan", **fields)
        column.add_child(instance=board)
    elif fields:
        for name, value in fields.items():
            setattr(board, name, value)
    else:
        return board
    board.save_revision().publish()
    board.refresh_from_db()
    return board


@pytest.fixture
def boards(cluster, orgs):
    return {
        "county_a": make_board(cluster, cluster.county_a),
        "county_b": make_board(cluster, cluster.county_b),
        "city": make_board(cluster, cluster.city),
    }


def _number(word: str) -> int:
    return DIGITS.index(word) if len(word) == 1 else 10 + DIGITS.index(word[1])


def solve(html: str) -> dict[str, str]:
    """The answer and token of the verification question on a rendered form."""
    question = QUESTION.search(html)
    token = TOKEN.search(html)
    assert question and token, "form has no verification question"
    return {
        "challenge_answer": str(_number(question.group(1)) + _number(question.group(2))),
        "challenge_token": token.group(1),
    }


def message_data(**overrides) -> dict:
    data = {
        "kind": "consult",
        "subject": "小区门口道路积水何时修复",
        "content": "城关镇幸福小区门口的道路每逢下雨便严重积水，居民出行困难，请问何时能够修复？",
        "name": "王建国",
        "phone": "139-0917-0001",
        "email": "wangjg@example.cn",
        "is_public": "1",
    }
    data.update(overrides)
    return data


def post_message(client, path: str = BOARD_PATH, files=None, **overrides):
    page = client.get(path + "write/")
    assert page.status_code == 200
    data = {**message_data(**overrides), **solve(page.content.decode())}
    if files:
        data["attachments"] = files
    return client.post(path + "write/", data)
