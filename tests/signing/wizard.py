"""Open a 26847 draft as a logged-in member, ready to be signed."""

from django.urls import reverse

from auth_mynumber_gbiz import jpki_accounts
from auth_mynumber_gbiz.models import ExternalIdentity, Provider
from kyosai_portal.applications.models import Application
from tests.factories import UserFactory

START = reverse("maintenance:s_premium_change_start")


def member_client(client, holder):
    """Return `client` logged in as the person `holder`, as a card login leaves it."""
    subject = jpki_accounts.subject_for(holder)
    user = UserFactory(username=jpki_accounts.USERNAME_PREFIX + subject)
    ExternalIdentity.objects.create(
        user=user,
        provider=Provider.JPKI,
        issuer=jpki_accounts.ISSUER,
        subject=subject,
        holder=holder,
    )
    client.force_login(user)
    return client


def draft_of(browser, holder, new_premium, contract=None):
    """Return the member's 26847 draft with `new_premium` saved (a 減額 acknowledged).

    `contract` defaults to the holder's only contract.
    """
    contract = contract or holder.contracts.get()
    browser.post(START, {"contract": contract.pk})
    application = Application.objects.get(contract=contract)
    browser.post(
        reverse("maintenance:s_premium_change_step", args=[application.pk, "amount"]),
        {"new_premium": new_premium, "decrease_notice_understood": "on"},
    )
    application.refresh_from_db()
    assert "amount" in application.draft_data, "the amount step did not save"
    return application
