"""Fixtures of the legacy interface tests: an export directory and acceptances."""

import pytest

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import Status
from tests.factories import PremiumChangeApplicationFactory, UserFactory


@pytest.fixture
def export_dir(settings, tmp_path):
    """Point LEGACY_EXPORT_DIR at an empty directory of this test."""
    settings.LEGACY_EXPORT_DIR = tmp_path / "out"
    return settings.LEGACY_EXPORT_DIR


@pytest.fixture
def accept():
    """Return a function that takes a draft through review to accepted."""
    clerk = None

    def _accept(application):
        nonlocal clerk
        clerk = clerk or UserFactory(username="legacy-clerk")
        workflow.transition(application, Status.SUBMITTED, actor=application.filed_by)
        workflow.transition(application, Status.IN_REVIEW, actor=clerk)
        return workflow.transition(application, Status.ACCEPTED, actor=clerk)

    return _accept


@pytest.fixture
def accepted_application(accept):
    """Return a function creating an accepted 26766 premium change."""

    def _create(**factory_args):
        return accept(PremiumChangeApplicationFactory(**factory_args))

    return _create
