"""Vocabularies of service guides: who the service is for (个人办事 / 法人办事) and its topic, the
two axes along which the 办事服务 column is organised."""

from django.db import models


class Audience(models.TextChoices):
    PERSON = "个人办事", "个人办事"
    ENTITY = "法人办事", "法人办事"


class ServiceTopic(models.TextChoices):
    IDENTITY = "户籍身份", "户籍身份"
    SOCIAL_SECURITY = "社会保障", "社会保障"
    EMPLOYMENT = "就业创业", "就业创业"
    EDUCATION = "教育培训", "教育培训"
    HEALTH = "医疗卫生", "医疗卫生"
    FAMILY = "婚姻生育", "婚姻生育"
    HOUSING = "住房保障", "住房保障"
    CIVIL_AFFAIRS = "民政救助", "民政救助"
    TRANSPORT = "交通出行", "交通出行"
    BUSINESS = "设立变更", "设立变更"
    TAX = "税费缴纳", "税费缴纳"
    LICENCE = "资质许可", "资质许可"
    CONSTRUCTION = "工程建设", "工程建设"
