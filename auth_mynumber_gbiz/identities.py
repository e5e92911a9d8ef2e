"""The portal user behind an external identity, created on its first login.

GビズID and the マイナンバーカード both end a login here: the identity row
for (issuer, subject) is locked, created with its user the first time,
refreshed by the provider's own `update`, and saved with the login time.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from auth_mynumber_gbiz.login_errors import LoginFailed
from auth_mynumber_gbiz.models import ExternalIdentity


class UserSwitchedOff(LoginFailed):
    """SMRJ has switched the portal user off."""

    status = 403
    title = _("このアカウントはご利用いただけません")
    default_message = _(
        "このアカウントは利用を停止しています。"
        "詳しくは中小機構の共済相談室にお問い合わせください。"
    )


def sign_in(*, provider, issuer, subject, new_username, update):
    """Return the user of (issuer, subject) after `update(identity)` ran.

    `new_username()` names the user made on the first login; `update` sets
    what this login refreshes on the locked identity (and may raise
    LoginFailed). Raise UserSwitchedOff for an inactive user.
    """
    try:
        return _locked_update(provider, issuer, subject, new_username, update)
    except IntegrityError:
        # Two first logins of one person raced; the other one created it.
        return _locked_update(provider, issuer, subject, new_username, update)


@transaction.atomic
def _locked_update(provider, issuer, subject, new_username, update):
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is None:
        user = get_user_model()(username=new_username())
        user.set_unusable_password()
        user.save()
        identity = ExternalIdentity(
            user=user, provider=provider, issuer=issuer, subject=subject
        )
    if not identity.user.is_active:
        raise UserSwitchedOff("portal user is inactive")

    update(identity)
    identity.last_login_at = timezone.now()
    identity.save()
    return identity.user
