"""The development signing channel: a page of this portal plays the app.

It exists for `make run` and the tests: the page (signing.dev_views) lists
demo cards issued by the development CA, asks for a 署名用パスワード like the
app does, signs with the chosen card's key and sends the browser to the
same callback the real app would. The signature is then verified like any
other, against the development CA the development trust store holds. A
system check refuses this channel in production.
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse

from auth_mynumber_gbiz.signing import errors
from auth_mynumber_gbiz.signing.channel import SigningChannel, decode_bytes

ANSWER_KEY = "development_app_answer"


class DevelopmentChannel(SigningChannel):
    """Signatures made with demo cards on a development page."""

    name = "development"

    def authorize(self, request, state, entry, data_to_sign):
        return HttpResponseRedirect(
            reverse("auth_mynumber_gbiz:dev_jpki:sign", args=[state])
        )

    def collect(self, request, entry):
        if request.GET.get("error") == "access_denied":
            raise errors.SigningCancelled("cancelled on the development page")
        answer = entry.pop(ANSWER_KEY, None)
        if answer is None:
            raise errors.SigningRejected("the development page gave no signature")
        return decode_bytes(answer["certificate"]), decode_bytes(answer["signature"])


def callback_url(state, **params):
    """Return the callback path the development page sends the browser to."""
    query = urlencode({"state": state, **params})
    return reverse("auth_mynumber_gbiz:signing_callback") + "?" + query
