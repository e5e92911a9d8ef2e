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

    def get_as_applicant(self, path, name, names_receipt_no=False):
        """GET `path` for one of an applicant's applications, in their session.

        Anything but a 200 counts as a failure, and so does a page that
        should name the 受付番号 and does not.
        """
        session_key, receipt_no = random.choice(PLAN["status"])
        with self.client.get(
            path.format(receipt_no=receipt_no),
            name=name,
            headers=self.send_as(session_key),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            named = receipt_no in response.text or not names_receipt_no
            if response.status_code != 200 or not named:
                response.failure(f"{name} answered {response.status_code}")


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
        self.get_as_applicant("/bench/signed-in-bare/{receipt_no}/", "signed_in_bare")


class StatusPage(_BenchUser):
    """An applicant looking at one of their applications."""

    @task
    def show(self):
        """Fetch the status page of one of the applicant's applications."""
        self.get_as_applicant(
            "/applications/{receipt_no}/", "status", names_receipt_no=True
        )


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
