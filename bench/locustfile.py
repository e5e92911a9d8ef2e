"""The bench's locust users: the bare view, the status page, the submit step.

Each user sends no think time, so each run measures how many requests the
server completes. The plan (sessions, receipt numbers, drafts) comes from
the JSON file named by BENCH_LOAD_PLAN, written by `bench.load_plan`.
"""

import json
import os
import random
from pathlib import Path

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import StopUser

PLAN = json.loads(Path(os.environ["BENCH_LOAD_PLAN"]).read_text())
# One POST submits one draft: every user takes the next unused one.
_unsubmitted = iter(PLAN["drafts"])


class _BenchUser(FastHttpUser):
    abstract = True
    wait_time = constant(0)

    def send_as(self, session_key, **cookies):
        """Return the Cookie header of one session, forgetting earlier ones."""
        self.client.cookiejar.clear()
        pairs = {"sessionid": session_key, **cookies}
        return {"Cookie": "; ".join(f"{name}={value}" for name, value in pairs.items())}


class BareView(_BenchUser):
    """The baseline: Django's stack and one indexed query, no session."""

    @task
    def lookup(self):
        """Fetch one application's status code by 受付番号."""
        receipt_no = random.choice(PLAN["receipts"])
        self.client.get(f"/bench/bare/{receipt_no}/", name="bare")


class SignedInBareView(_BenchUser):
    """The bare view behind the login: session and user loaded, one query."""

    @task
    def lookup(self):
        """Fetch the status code of one of the applicant's applications."""
        session_key, receipt_no = random.choice(PLAN["status"])
        with self.client.get(
            f"/bench/signed-in-bare/{receipt_no}/",
            name="signed_in_bare",
            headers=self.send_as(session_key),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"signed-in bare view answered {response.status_code}")


class StatusPage(_BenchUser):
    """An applicant looking at one of their applications."""

    @task
    def show(self):
        """Fetch the status page of one of the applicant's applications."""
        session_key, receipt_no = random.choice(PLAN["status"])
        with self.client.get(
            f"/applications/{receipt_no}/",
            name="status",
            headers=self.send_as(session_key),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200 or receipt_no not in response.text:
                response.failure(f"status page answered {response.status_code}")


class SubmitStep(_BenchUser):
    """An applicant pressing 送信 on the confirm page of a complete draft."""

    @task
    def submit(self):
        """POST the confirm page of the next unsubmitted draft."""
        try:
            session_key, pk = next(_unsubmitted)
        except StopIteration:
            raise StopUser() from None
        token = PLAN["csrf"]
        with self.client.post(
            f"/maintenance/safety-net/premium-change/{pk}/confirm/",
            name="submit",
            data=f"csrfmiddlewaretoken={token}",
            headers={
                **self.send_as(session_key, csrftoken=token),
                "Content-Type": "application/x-www-form-urlencoded",
            },
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or "/applications/T" not in location:
                response.failure(f"submit answered {response.status_code} {location}")
