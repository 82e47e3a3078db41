"""Models of public participation: consultations (征集调查) and interviews (在线访谈)."""

from cms.participation.models.consultations import (
    ConsultationAnswer,
    ConsultationPage,
    ConsultationQuestion,
    ConsultationResponse,
    ConsultationStatus,
    QuestionKind,
)
from cms.participation.models.interviews import (
    InterviewGuest,
    InterviewPage,
    InterviewQuestion,
    ModerationStatus,
)

__all__ = [
    "ConsultationAnswer",
    "ConsultationPage",
    "ConsultationQuestion",
    "ConsultationResponse",
    "ConsultationStatus",
    "InterviewGuest",
    "InterviewPage",
    "InterviewQuestion",
    "ModerationStatus",
    "QuestionKind",
]
