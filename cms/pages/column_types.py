"""The ColumnType vocabulary of the national page-design annex (STANDARDS.md §3)."""

from django.db import models


class ColumnType(models.TextChoices):
    HOME = "首页", "首页"
    OVERVIEW = "概况信息", "概况信息"
    FUNCTIONS = "机构职能", "机构职能"
    LEADERS = "负责人信息", "负责人信息"
    NEWS = "工作动态", "工作动态"
    POLICY = "政策文件", "政策文件"
    GI_GUIDE = "信息公开指南", "信息公开指南"
    GI_CATALOGUE = "信息公开目录", "信息公开目录"
    GI_ANNUAL_REPORT = "信息公开年报", "信息公开年报"
    GI_REQUEST = "依法申请公开", "依法申请公开"
    DATA_RELEASE = "数据发布", "数据发布"
    OPEN_DATA = "数据开放", "数据开放"
    INTERPRETATION = "政策解读", "政策解读"
    RESPONSE = "回应关切", "回应关切"
    SERVICE = "办事服务", "办事服务"
    CONSULTATION = "咨询投诉", "咨询投诉"
    SURVEY = "征集调查", "征集调查"
    INTERVIEW = "在线访谈", "在线访谈"
