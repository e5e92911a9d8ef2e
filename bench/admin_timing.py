"""Time the clerks' changelist (/admin/applications/application/).

Each database is measured by its own child process (DATABASE_URL names
it). The seeded superuser signs in through the real admin login form,
password and TOTP code, as the staff tests do, so every request passes the
second-factor check. The two databases are measured in alternating rounds,
so a burst of load from elsewhere on the machine falls on both sides; each
figure is the median of every timed request of its side, each round's two
warm-up requests left out.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from bench import child, dataset
from kyosai_portal.applications.models import Application
from tests.staff import sign_in

ROUNDS = 3


def measure(envs, repeat, log_name):
    """Return [{median_ms, applications}] of the changelist per environment."""
    timings = [[] for _env in envs]
    counts = [0] * len(envs)
    for _round in range(ROUNDS):
        for index, env in enumerate(envs):
            figures = child.run("bench.admin_timing", [repeat], env, log_name)
            timings[index] += figures["timings_ms"]
            counts[index] = figures["applications"]
    return [
        {"median_ms": statistics.median(side), "applications": count}
        for side, count in zip(timings, counts, strict=True)
    ]


def child_main(repeat):
    """Time the changelist in this process and report the figures."""
    clerk = get_user_model().objects.get(username=dataset.SUPERUSER_NAME)
    clerk.set_password(sign_in.PASSWORD)
    clerk.save(update_fields=["password"])
    client = Client(HTTP_HOST="127.0.0.1")
    sign_in.log_in_with_code(client, clerk)
    url = reverse("admin:applications_application_changelist")
    for _ in range(2):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"the changelist answered {response.status_code}")

    timings = []
    for _ in range(int(repeat)):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    child.report({"timings_ms": timings, "applications": Application.objects.count()})
