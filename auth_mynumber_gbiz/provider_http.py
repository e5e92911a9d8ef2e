"""Calls from the portal to an OpenID provider over HTTP.

Every call has a timeout, follows no redirect and expects a JSON object; any
other answer becomes a LoginFailed so the applicant sees a page, not a crash.
"""

import requests

from auth_mynumber_gbiz.login_errors import ProviderUnavailable, ResponseRejected

# (connect, read) in seconds: a login page must not hang on a slow provider.
TIMEOUT = (5, 10)


def get_json(url, *, bearer=None):
    """GET `url` and return its JSON object, optionally with a bearer token."""
    headers = {"Accept": "application/json"}
    if bearer is not None:
        headers["Authorization"] = "Bearer " + bearer
    return _json_object(_send("GET", url, headers=headers))


def post_form(url, data, *, basic_auth=None):
    """POST `data` form-encoded to `url`, with HTTP Basic client auth if given.

    A client that authenticates in the form itself (private_key_jwt puts
    its assertion there) passes no `basic_auth`.
    """
    return _json_object(
        _send(
            "POST",
            url,
            data=data,
            auth=basic_auth,
            headers={"Accept": "application/json"},
        )
    )


def post_json(url, body, *, bearer):
    """POST `body` as JSON to `url` with a bearer token; return the JSON answer."""
    return _json_object(
        _send(
            "POST",
            url,
            json=body,
            headers={"Accept": "application/json", "Authorization": "Bearer " + bearer},
            # An API that creates something may answer 201 Created.
            accepted=(200, 201),
        )
    )


def _send(method, url, *, accepted=(200,), **kwargs):
    try:
        response = requests.request(
            method, url, timeout=TIMEOUT, allow_redirects=False, **kwargs
        )
    except requests.RequestException as exc:
        raise ProviderUnavailable(
            f"{method} {url} failed: {type(exc).__name__}"
        ) from exc
    if response.status_code not in accepted:
        raise ProviderUnavailable(
            f"{method} {url} answered {response.status_code} {_oauth_error(response)}"
        )
    return response


def _json_object(response):
    try:
        body = response.json()
    except ValueError as exc:
        raise ResponseRejected(f"{response.url} did not answer JSON") from exc
    if not isinstance(body, dict):
        raise ResponseRejected(f"{response.url} did not answer a JSON object")
    return body


def _oauth_error(response):
    # The OAuth error code names what went wrong and carries no secret.
    try:
        body = response.json()
    except ValueError:
        return ""
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        return body["error"][:100]
    return ""
