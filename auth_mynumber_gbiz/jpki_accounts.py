"""Which person a verified マイナンバーカード logs in as.

The four facts of a verified 署名用電子証明書 are matched to a ContractHolder
of kind 個人 (jpki_matching). The portal user is keyed by that holder, never
by the certificate: its serial changes on renewal and on every move. Of
the certificate only the keyed evidence hash is kept.
"""

from django.utils.translation import gettext_lazy as _

from auth_mynumber_gbiz import identities
from auth_mynumber_gbiz.jpki_matching import facts_match_holder
from auth_mynumber_gbiz.login_errors import LoginFailed
from auth_mynumber_gbiz.models import Provider
from kyosai_portal.contracts.models import ContractHolder, HolderKind

ISSUER = "JPKI"
USERNAME_PREFIX = "jpki:"


class HolderNotFound(LoginFailed):
    """The card is genuine but names nobody the portal holds a contract for."""

    status = 403
    title = _("ご本人の契約が見つかりませんでした")
    default_message = _(
        "マイナンバーカードの氏名・生年月日と一致する小規模企業共済の契約者が"
        "見つかりませんでした。ご加入の手続き中の場合や、氏名が変わった場合は、"
        "中小機構の共済相談室にお問い合わせください。"
    )


class HolderAmbiguous(HolderNotFound):
    """More than one holder matches: the portal will not guess."""

    default_message = _(
        "マイナンバーカードの氏名・生年月日と一致する契約者の登録が複数あるため、"
        "ログインできませんでした。お手数ですが、中小機構の共済相談室"
        "にお問い合わせください。"
    )


def find_holder(facts):
    """Return the one individual ContractHolder `facts` name.

    Raise HolderNotFound (or HolderAmbiguous) otherwise. A birth date the
    card does not know (era 0) matches nobody.
    """
    if facts.birth_date is None:
        raise HolderNotFound("card without a full birth date")
    candidates = ContractHolder.objects.filter(
        kind=HolderKind.INDIVIDUAL, birth_date=facts.birth_date
    ).order_by("pk")
    matches = [holder for holder in candidates if facts_match_holder(facts, holder)]
    if not matches:
        raise HolderNotFound("no holder with this name and birth date")
    if len(matches) > 1:
        raise HolderAmbiguous(f"{len(matches)} holders match")
    return matches[0]


def subject_for(holder):
    """Return the ExternalIdentity subject of the person `holder`."""
    return f"holder-{holder.pk}"


def sign_in_user(holder, result):
    """Return the portal user of `holder`, created on first login.

    `result` is the VerificationResult of the login signature; its evidence
    hash is recorded as that of the last certificate used.
    """
    subject = subject_for(holder)

    def update(identity):
        identity.holder = holder
        identity.certificate_evidence = result.certificate_evidence

    return identities.sign_in(
        provider=Provider.JPKI,
        issuer=ISSUER,
        subject=subject,
        new_username=lambda: USERNAME_PREFIX + subject,
        update=update,
    )
