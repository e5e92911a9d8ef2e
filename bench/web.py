"""The load-test phase: gunicorn on the bench database, four locust runs.

The bare view runs first, in the same server and the same minutes as the
pages it is the baseline of; the submit step runs last, since it changes
the data the others read.
"""

from bench import load, server

RUNS = (
    ("BareView", "bare"),
    ("SignedInBareView", "signed_in_bare"),
    ("StatusPage", "status"),
    ("SubmitStep", "submit"),
)


def measure(env, plan_path, users, seconds, out_dir):
    """Return {name: LoadResult} of the bare view, status page and submit."""
    results = {}
    with server.gunicorn(env, out_dir / "gunicorn.log") as base_url:
        for user_class, name in RUNS:
            results[name] = load.run(
                user_class, name, base_url, plan_path, users, seconds, out_dir
            )
    return results
