"""A starter set of synonyms that citizens and government texts use for the same thing, so a new
installation finds 社会保险 for 社保 from the first day. Editors change them in the admin
(站内搜索 › 同义词); this migration only adds groups that are not there yet."""

from django.db import migrations

DEFAULT_SYNONYMS = [
    "社保,社会保险",
    "医保,医疗保险,基本医疗保险",
    "养老金,养老保险金,基本养老金",
    "公积金,住房公积金",
    "低保,最低生活保障",
    "个税,个人所得税",
    "身份证,居民身份证",
    "户口,户籍",
    "营业执照,工商营业执照",
    "新农合,新型农村合作医疗",
    "残疾证,残疾人证",
    "依申请公开,政府信息公开申请",
    "12345,政务服务便民热线",
    "一网通办,网上办事",
    "不动产登记,房产证,不动产权证书",
]


def add_synonyms(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    existing = set(Synonym.objects.values_list("terms", flat=True))
    Synonym.objects.bulk_create(
        Synonym(terms=terms, enabled=True) for terms in DEFAULT_SYNONYMS if terms not in existing
    )


def remove_synonyms(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(terms__in=DEFAULT_SYNONYMS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0003_entry_order_indexes")]

    operations = [migrations.RunPython(add_synonyms, remove_synonyms)]
