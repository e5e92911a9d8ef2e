"""The development page that plays the デジタル認証アプリ with demo cards.

It answers only while settings.JPKI_SIGNING_CHANNEL is "development" (its
URLs are not even installed otherwise). Like the app, it shows what is
being signed, asks for the 署名用パスワード (any 6 to 16 characters here)
and sends the browser back to the portal's signing callback.
"""

import hashlib
from functools import wraps

from django import forms
from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from auth_mynumber_gbiz.signing import channel, dev_cards, errors
from auth_mynumber_gbiz.signing.development import (
    ANSWER_KEY,
    DevelopmentChannel,
    callback_url,
)

PASSWORD_LENGTH = (6, 16)


def development_channel_only(view):
    """Answer 404 unless the development signing channel is switched on."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if settings.JPKI_SIGNING_CHANNEL != DevelopmentChannel.name:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


class DemoSignatureForm(forms.Form):
    """Which demo card signs, and the 署名用パスワード the app would ask for."""

    card = forms.ChoiceField(
        label=_("使うマイナンバーカード"),
        widget=forms.RadioSelect,
        error_messages={"required": _("署名に使うカードを選んでください。")},
    )
    password = forms.CharField(
        label=_("署名用電子証明書のパスワード"),
        help_text=_(
            "英数字6〜16文字です。開発用のため、6〜16文字であればどの値でも署名できます。"
        ),
        min_length=PASSWORD_LENGTH[0],
        max_length=PASSWORD_LENGTH[1],
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("署名用電子証明書のパスワードを入力してください。"),
            "min_length": _("パスワードは6文字以上で入力してください。"),
            "max_length": _("パスワードは16文字以下で入力してください。"),
        },
    )

    def __init__(self, *args, cards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["card"].choices = [(card.id, card.label) for card in cards]
        if cards:
            self.fields["card"].initial = cards[0].id


@development_channel_only
@never_cache
@require_http_methods(["GET", "POST"])
def sign(request, state):
    """Show the demo cards; sign the pending request with the chosen one."""
    entry = channel.pending_request(request, state)
    if entry is None:
        return channel.failure_page(
            request, errors.SigningExpired("development page without a request")
        )
    if request.method == "POST" and "cancel" in request.POST:
        return HttpResponseRedirect(callback_url(state, error="access_denied"))

    cards = dev_cards.demo_cards()
    form = DemoSignatureForm(request.POST or None, cards=cards)
    if request.method == "POST" and form.is_valid():
        chosen = {card.id: card for card in cards}[form.cleaned_data["card"]]
        card = dev_cards.issue(chosen)
        data = channel.decode_bytes(entry["data"])
        entry[ANSWER_KEY] = {
            "certificate": channel.encode_bytes(card.der),
            "signature": channel.encode_bytes(card.sign(data)),
        }
        channel.update_pending_request(request, state, entry)
        return HttpResponseRedirect(callback_url(state))

    return render(
        request,
        "auth_mynumber_gbiz/dev_jpki/sign.html",
        {
            "form": form,
            "label": entry["label"],
            "digest": _digest_groups(channel.decode_bytes(entry["data"])),
        },
    )


def _digest_groups(data):
    # The app shows the digest it signs; groups of eight are easier to compare.
    digest = hashlib.sha256(data).hexdigest()
    return " ".join(digest[index : index + 8] for index in range(0, 64, 8))
