from django.conf import settings


def portal(request):
    """Expose the few settings every page template needs."""
    return {"dev_identity_provider": settings.DEV_IDENTITY_PROVIDER}
