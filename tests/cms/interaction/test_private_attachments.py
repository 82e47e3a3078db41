"""Citizens' message attachments live in the private storage (JIYUE_PRIVATE_MEDIA_ROOT, outside
MEDIA_ROOT, no URL) and reach only staff of the sites that see the message, through the admin
download view: anonymous visitors and another county's editor get nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cms.interaction.models import Message
from cms.interaction.storage import check_private_media_root
from tests.cms.interaction.conftest import post_message
from tests.conftest import COUNTY_A_HOST, COUNTY_B_HOST, host_client

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_attachments_are_private_and_downloaded_only_by_the_sites_staff(
    cluster, orgs, boards, make_user
):
    upload = SimpleUploadedFile("身份证复印件.pdf", PDF, content_type="application/pdf")
    assert post_message(host_client(COUNTY_A_HOST), files=[upload]).status_code == 302
    attachment = Message.objects.get().attachments.get()

    stored = Path(attachment.file.path)
    assert stored.read_bytes() == PDF
    assert stored.is_relative_to(Path(settings.JIYUE_PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not os.path.exists(os.path.join(settings.MEDIA_ROOT, attachment.file.name))
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018 — no public address exists
    assert Client(HTTP_HOST=COUNTY_A_HOST).get(f"/media/{attachment.file.name}").status_code == 404

    download = reverse("interaction_admin:attachment", args=[attachment.message_id, attachment.pk])
    anonymous = Client(HTTP_HOST=COUNTY_A_HOST).get(download)
    assert anonymous.status_code in (302, 403, 404)
    assert anonymous.get("Content-Disposition") is None
    b_editor = make_user("b_editor_files", groups=[cluster.county_b.editors_group])
    for host in (COUNTY_A_HOST, COUNTY_B_HOST):
        assert host_client(host, b_editor).get(download).status_code == 404

    a_editor = make_user("a_editor_files", groups=[cluster.county_a.editors_group])
    response = host_client(COUNTY_A_HOST, a_editor).get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    message_page = host_client(COUNTY_A_HOST, a_editor).get(
        reverse("interaction_admin:message", args=[attachment.message_id])
    )
    assert "身份证复印件.pdf" in message_page.content.decode()
    assert "/media/" not in message_page.content.decode()


def test_a_private_root_inside_media_root_is_refused(settings):
    assert check_private_media_root() == []
    settings.JIYUE_PRIVATE_MEDIA_ROOT = os.path.join(settings.MEDIA_ROOT, "private")
    assert [e.id for e in check_private_media_root()] == ["interaction.E001"]
