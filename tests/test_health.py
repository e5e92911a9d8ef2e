"""/healthz/ reports the database and the broker; 200 only when both are fine."""

import pytest
from django.db import connection

from kyosai_portal.celery import app as celery_app


@pytest.fixture
def broker(settings):
    """Use the real Redis broker instead of eager mode."""
    celery_app.conf.task_always_eager = False
    yield celery_app
    celery_app.conf.task_always_eager = True


@pytest.mark.django_db
def test_it_is_ok_when_database_and_redis_answer(client, broker):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_it_is_503_when_the_broker_is_unreachable(client, broker):
    real_url = broker.conf.broker_url
    broker.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz/")
    finally:
        broker.conf.broker_url = real_url

    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_it_is_503_when_the_database_is_unreachable(client, broker, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "PORT", "1")
    connection.close()
    try:
        response = client.get("/healthz/")
    finally:
        monkeypatch.undo()
        connection.close()

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
