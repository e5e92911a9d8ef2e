"""The one URL every signing channel's app sends the browser back to."""

from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from auth_mynumber_gbiz.signing.channel import configured_channel, failure_page
from auth_mynumber_gbiz.signing.errors import SigningFailed


@never_cache
@require_GET
def callback(request):
    """Collect the signature the app answered and return to where it was asked."""
    try:
        channel = configured_channel()
    except SigningFailed as failure:
        return failure_page(request, failure)
    return channel.receive(request)
