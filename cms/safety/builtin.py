"""Frequent serious misspellings every cluster starts with (STANDARDS.md §2 严重表述错误), seeded
by migration 0002 and kept marked 内置. Administrators add the leaders' names and titles of their
own city in 内容安全 › 受保护词语."""

from __future__ import annotations

# (correct form, wrong forms, category)
BUILTIN_TERMS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("中华人民共和国", ("中华人名共和国", "中化人民共和国", "中华人民共合国", "中华人民共和囯", "中华民共和国", "中华人民和国"), "country"),
    ("中国共产党", ("中国共惨党", "中国共产档"), "institution"),
    ("全国人民代表大会", ("全国人民代表大回", "全国人名代表大会"), "institution"),
    ("中国人民政治协商会议", ("中国人民政治协商会义", "中国人民政治协商汇议"), "institution"),
    ("国务院", ("国务完", "国物院"), "institution"),
    ("人民政府", ("人民攻府", "人名政府"), "institution"),
    ("政府", ("攻府",), "common"),
    ("习近平", ("习进平", "习近苹"), "leader"),
    ("总书记", ("总书纪", "总书计"), "leader"),
    ("国家主席", ("国家主度",), "leader"),
    ("社会主义", ("社会主意",), "common"),
    ("马克思主义", ("马克斯主义",), "common"),
    ("毛泽东思想", ("毛泽东思相", "毛择东思想"), "common"),
    ("邓小平理论", ("邓小平里论",), "common"),
)  # fmt: skip
