"""Models of the disclosure app, split by concern."""

from cms.disclosure.models.companion_pages import GuidePage, InterpretationPage, InterpretedPolicy
from cms.disclosure.models.organisations import Organisation, Topic, organisations_for_user
from cms.disclosure.models.pages import DisclosureAttachment, DisclosurePage
from cms.disclosure.models.records import ImportedRecord, IndexCounter, IssuedIndexNumber

__all__ = [
    "DisclosureAttachment",
    "DisclosurePage",
    "GuidePage",
    "ImportedRecord",
    "IndexCounter",
    "InterpretationPage",
    "InterpretedPolicy",
    "IssuedIndexNumber",
    "Organisation",
    "Topic",
    "organisations_for_user",
]
