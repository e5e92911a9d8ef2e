"""The application's admin page: everything a clerk reads, nothing to edit."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import (
    Application,
    Attachment,
    MailKind,
    MailOutcome,
    Status,
)
from tests import factories

pytestmark = pytest.mark.django_db


def change_url(application):
    return reverse("admin:applications_application_change", args=[application.pk])


def decide_url(application, slug):
    return reverse("admin:applications_application_decide", args=[application.pk, slug])


def test_the_page_shows_fields_submitted_values_receipt_attachments_and_history(
    reviewer_client, reviewer, submitted, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    application = submitted()
    application.receipt_pdf.save("receipt.pdf", ContentFile(b"%PDF-1.7"), save=True)
    Attachment.objects.create(
        application=application,
        file=ContentFile(b"scan", name="kessan.pdf"),
        description="決算書の写し",
        uploaded_by=application.filed_by,
    )
    workflow.start_review_if_needed(application, reviewer)

    response = reviewer_client.get(change_url(application))

    assert response.status_code == 200
    body = response.content.decode()
    assert application.receipt_no in body
    assert application.holder.name in body
    # The 26766 detail's summary_rows().
    assert "変更後の掛金月額" in body and "100,000円" in body
    assert "2026年12月" in body
    assert f'href="{reverse("receipt", args=[application.receipt_no])}"' in body
    assert "決算書の写し" in body
    # Both moves with their actor, read-only.
    history = response.context["inline_admin_formsets"][1]
    rows = [
        (form.original.from_status, form.original.to_status, form.original.actor)
        for form in history
    ]
    assert rows == [
        (Status.DRAFT, Status.SUBMITTED, application.filed_by),
        (Status.SUBMITTED, Status.IN_REVIEW, reviewer),
    ]
    assert not history.has_add_permission and not history.has_change_permission


def test_the_page_is_read_only_even_for_a_superuser(client, submitted, staff_login):
    staff_login(
        client,
        factories.UserFactory(username="root", is_staff=True, is_superuser=True),
    )
    application = submitted()

    page = client.get(change_url(application))
    post = client.post(change_url(application), {"status": Status.COMPLETED})

    assert page.context["has_change_permission"] is False
    assert 'name="applicant_message"' not in page.content.decode()
    assert post.status_code == 403
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_nobody_adds_or_deletes_applications_in_admin(client, submitted, staff_login):
    staff_login(
        client,
        factories.UserFactory(username="root", is_staff=True, is_superuser=True),
    )
    application = submitted()

    add = client.get(reverse("admin:applications_application_add"))
    delete = client.post(
        reverse("admin:applications_application_delete", args=[application.pk]),
        {"post": "yes"},
    )

    assert (add.status_code, delete.status_code) == (403, 403)
    assert Application.objects.filter(pk=application.pk).exists()


def test_a_reviewer_sees_the_three_decision_buttons(reviewer_client, submitted):
    application = submitted()

    body = reviewer_client.get(change_url(application)).content.decode()

    for slug in ("accept", "return", "reject"):
        assert decide_url(application, slug) in body
    assert ">承認<" in body and ">差戻し<" in body and ">不受理<" in body


def test_no_decision_buttons_once_the_application_is_decided(
    reviewer_client, reviewer, submitted
):
    application = submitted()
    workflow.start_review_if_needed(application, reviewer)
    workflow.transition(application, Status.ACCEPTED, actor=reviewer)

    body = reviewer_client.get(change_url(application)).content.decode()

    assert decide_url(application, "accept") not in body


def test_a_reader_sees_the_page_but_no_decision_buttons(reader_client, submitted):
    application = submitted()

    response = reader_client.get(change_url(application))

    assert response.status_code == 200
    body = response.content.decode()
    assert application.receipt_no in body
    assert "/decide/" not in body


def test_a_draft_is_not_shown_to_clerks(reviewer_client):
    draft = factories.PremiumChangeApplicationFactory()

    response = reviewer_client.get(change_url(draft))

    # Admin answers a row outside its queryset by going back to its index.
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_the_site_header_is_japanese(reviewer_client):
    body = reviewer_client.get(reverse("admin:index")).content.decode()

    assert "共済電子申請 審査システム" in body


def test_the_page_tells_whether_the_applicant_was_mailed(reviewer_client, submitted):
    application = submitted()
    application.mails.update(outcome=MailOutcome.NO_ADDRESS)

    response = reviewer_client.get(change_url(application))

    mails = response.context["inline_admin_formsets"][2]
    assert [(f.original.kind, f.original.outcome) for f in mails] == [
        (MailKind.RECEIVED, MailOutcome.NO_ADDRESS)
    ]
    body = response.content.decode()
    assert "受付のお知らせ" in body and "宛先なし" in body


def test_operators_find_the_mails_not_sent_yet(reviewer_client, submitted):
    sent, owed = submitted(), submitted()
    sent.mails.update(outcome=MailOutcome.SENT, handled_at=sent.submitted_at)
    url = reverse("admin:applications_applicantmail_changelist")

    response = reviewer_client.get(url, {"handled": "no"})

    assert response.status_code == 200
    listed = [mail.application_id for mail in response.context["cl"].result_list]
    assert listed == [owed.pk]
