"""`publish_static` refuses bad input with one Chinese line and a non-zero exit."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "请用 --site 域名 指定网站，或用 --all 发布全部网站。"),
        (["--site", "nowhere.localhost"], "未找到域名为 nowhere.localhost 的网站。"),
        (["--site", "anning.localhost", "--all"], "--site 与 --all 只能选择一个。"),
        (["--all", "--jobs", "0"], "--jobs 必须是正整数。"),
    ],
)
def test_bad_input_is_refused_in_one_line(db, args, message):
    with pytest.raises(CommandError) as refused:
        call_command("publish_static", *args, verbosity=0)
    assert str(refused.value) == message


def test_an_output_that_is_a_file_is_refused(cluster, tmp_path):
    output = tmp_path / "taken"
    output.write_text("x")
    with pytest.raises(CommandError) as refused:
        call_command("publish_static", "--site", "anning.localhost", "--output", str(output))
    assert str(refused.value) == f"输出位置 {output} 不是目录。"
    assert "\n" not in str(refused.value)
