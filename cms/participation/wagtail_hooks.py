"""Registers the participation admin screens (征集答卷, 访谈提问)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from cms.participation.admin_views import ConsultationAnswersViewSet, InterviewQuestionViewSet
from cms.participation.models import InterviewQuestion
from cms.participation.permissions import SiteRecordPolicy

register_permission_policy(InterviewQuestion, SiteRecordPolicy(InterviewQuestion))


@hooks.register("register_admin_viewset")
def register_consultation_answers() -> ConsultationAnswersViewSet:
    return ConsultationAnswersViewSet()


@hooks.register("register_admin_viewset")
def register_interview_questions() -> InterviewQuestionViewSet:
    return InterviewQuestionViewSet("interview_questions")
