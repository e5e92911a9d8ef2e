"""A superuser replaces a clerk's lost phone in admin without seeing secrets."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.staff.sign_in import login_data


def test_a_superuser_cannot_read_an_authenticators_secret(client, staff_login, device):
    staff_login(
        client, factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    )

    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    config = client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk]))

    assert page.status_code == 200
    assert device.key not in page.content.decode()
    assert config.status_code == 403


def test_after_a_superuser_deletes_the_device_the_clerk_enrols_again(
    client, staff_login, clerk, device
):
    root = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    staff_login(client, root)
    client.post(
        reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"}
    )
    client.post(reverse("admin:logout"))

    response = client.post(reverse("admin:login"), login_data(clerk))

    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert response["Location"] == reverse("staff:otp_setup")
