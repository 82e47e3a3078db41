"""`verify_publication_log` recomputes the chain and names the first broken entry; tampering with
the table behind the ORM's back (raw SQL) is what it exists to find."""

import csv

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cms.publication_log.chain import verify_chain
from cms.publication_log.models import PublicationEntry

TABLE = PublicationEntry._meta.db_table


@pytest.fixture
def published(cluster, draft, moderator_a):
    """Three publications of the draft after the cluster's own entries."""
    for title in ("第一版", "第二版", "第三版"):
        draft.title = title
        draft.save_revision(user=moderator_a).publish(user=moderator_a)
    return list(PublicationEntry.objects.filter(page_id=draft.pk).order_by("seq"))


def raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("{table}", connection.ops.quote_name(TABLE)), params)


def run_verify(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("verify_publication_log", *args, stdout=out)
    return out.getvalue()


def test_an_intact_chain_verifies_with_a_one_line_summary(published):
    output = run_verify()
    assert output.count("\n") == 1
    assert f"已核验 {PublicationEntry.objects.count()} 条记录" in output


@pytest.mark.parametrize(
    ("column", "value", "detail"),
    [
        ("first_published_at", "2020-01-01 08:00:00", "首次发布时间"),
        ("revision_id", 999999, "修订 ID 999999 不是该页面的修订"),
        ("content_hash", "a" * 64, "内容哈希与修订"),
    ],
)
def test_altering_a_logged_field_names_the_entry(published, column, value, detail):
    target = published[1]
    raw(f"UPDATE {{table}} SET {column} = %s WHERE id = %s", [value, target.pk])
    with pytest.raises(CommandError) as error:
        run_verify()
    message = str(error.value)
    assert f"第 {target.seq} 条记录（ID {target.pk}，页面 {target.page_id}" in message
    assert detail in message
    result = verify_chain()
    assert not result.ok and result.first_broken.pk == target.pk
    assert result.checked == target.seq - 1


def test_deleting_an_entry_in_the_middle_is_detected(published):
    middle = published[1]
    raw("DELETE FROM {table} WHERE id = %s", [middle.pk])
    with pytest.raises(CommandError, match=f"第 {middle.seq + 1} 条记录.*之前缺少 1 条记录"):
        run_verify()


def test_deleting_the_last_entry_is_detected_through_the_head(published):
    raw("DELETE FROM {table} WHERE id = %s", [published[-1].pk])
    with pytest.raises(CommandError, match="最后 1 条记录被删除"):
        run_verify()


def test_rewriting_an_entry_and_its_hash_breaks_the_next_link(published):
    from cms.publication_log.hashing import entry_hash

    target = published[0]
    fields = target.hashed_fields()
    fields["page_title"] = "伪造标题"
    raw(
        "UPDATE {table} SET page_title = %s, entry_hash = %s WHERE id = %s",
        ["伪造标题", entry_hash(fields), target.pk],
    )
    result = verify_chain()
    assert not result.ok
    assert result.first_broken.pk == published[1].pk
    assert "前一条哈希" in result.reason


def test_back_dating_the_page_itself_is_detected(published, draft):
    from wagtail.models import Page

    raw_page = connection.ops.quote_name(Page._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {raw_page} SET first_published_at = %s WHERE id = %s",
            ["2019-06-01 08:00:00", draft.pk],
        )
    result = verify_chain()
    assert not result.ok
    assert f"页面 {draft.pk}" in result.reason and "页面数据被改动" in result.reason


def test_export_writes_every_entry_and_the_verification_note(published, tmp_path):
    target = tmp_path / "chain.csv"
    run_verify("--export", str(target))
    text = target.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    assert rows[0][0] == "序号 seq"
    assert len([r for r in rows[1:] if r and r[0].isdigit()]) == PublicationEntry.objects.count()
    note = "\n".join(r[0] for r in rows if r)
    assert "核验结果：通过" in note and "复算方法" in note and "核验时间" in note
    assert verify_chain().head_hash in note


def test_exported_hashes_can_be_recomputed_from_the_csv_alone(published, tmp_path):
    """The note's recipe is enough: recompute every entry hash and link from the CSV columns."""
    import hashlib
    import json

    target = tmp_path / "chain.csv"
    run_verify("--export", str(target))
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    previous = "0" * 64
    for row in (r for r in rows[1:] if r and r[0].isdigit()):
        seq, recorded, action, _, page, title, site, revision, user, name, first, content = row[:12]
        prev, own, note = row[12], row[13], row[14]

        def num(value):
            return int(value) if value else None

        payload = [
            1,
            int(seq),
            recorded,
            action,
            int(page),
            title,
            num(site),
            num(revision),
            num(user),
            name,
            first or None,
            content,
            prev,
            note,
        ]
        encoded = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        assert hashlib.sha256(encoded).hexdigest() == own
        assert prev == previous
        previous = own


def test_export_to_a_missing_directory_is_a_clear_error(published, tmp_path):
    with pytest.raises(CommandError, match=r"导出目录.*不存在"):
        run_verify("--export", str(tmp_path / "nope" / "chain.csv"))


def test_a_broken_chain_still_exports_and_exits_non_zero(published, tmp_path):
    raw("UPDATE {table} SET content_hash = %s WHERE id = %s", ["b" * 64, published[0].pk])
    target = tmp_path / "chain.csv"
    with pytest.raises(CommandError):
        run_verify("--export", str(target))
    assert "核验结果：未通过" in target.read_text(encoding="utf-8-sig")
