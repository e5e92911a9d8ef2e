"""The browser-test kit: one headless Debian Chromium per run, a portal on a
live server with GビズID played by the npm `oidc-provider`, and the checks
every applicant page must pass (axe-core, readable at 320 px).

Later browser tests reuse these fixtures: `browser` (session), `portal`
(settings pointing at the live server), `gbizid_company` (a company the
provider logs in), `new_page` (a fresh context) and `check_applicant_page`.
"""

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from tests.auth.conftest import prime_claims
from tests.factories import SafetyNetContractFactory
from tests.oidc_fixtures import running_oidc_provider

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
DESKTOP = {"width": 1280, "height": 900}
NARROW_WIDTH = 320
# Long enough for a WeasyPrint receipt inside a request on a busy machine.
ACTION_TIMEOUT_MS = 15_000

CLIENT_ID = "kyosai-portal-e2e"
CLIENT_SECRET = "e2e:secret/with+specials"
COMPANY_NAME = "株式会社共済テスト"
SUBJECT = "e2e-prime-account"


@pytest.fixture(scope="session")
def browser():
    """Start Debian's Chromium once for the run and close it at the end."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is needed: apt-get install chromium")

    # Playwright's sync API keeps an event loop running in this thread, and
    # Django refuses ORM calls from a thread with a running loop. The tests
    # here are synchronous code that only waits on that loop.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
        )
        started = _chromium_processes()
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
    assert started, "no Chromium process was found below this one"
    left = _still_running(started)
    assert not left, f"Chromium processes left running: {left}"


def _chromium_processes():
    """Return {pid: command} of the Chromium processes below this one (/proc)."""
    parents, commands = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        fields = _stat_fields(stat)
        if fields:
            pid = int(stat.parent.name)
            commands[pid], parents[pid] = fields[0], int(fields[2])
    found = {}
    for pid, command in commands.items():
        ancestor = parents.get(pid)
        while ancestor not in (None, 0, 1, os.getpid()):
            ancestor = parents.get(ancestor)
        if ancestor == os.getpid() and command.startswith("chrom"):
            found[pid] = command
    return found


def _stat_fields(stat_path):
    """Return (command, state, ppid, ...) from a /proc/<pid>/stat, or None."""
    try:
        text = stat_path.read_text()
    except OSError:
        return None
    # The command sits in parentheses and may itself contain spaces.
    command = text[text.index("(") + 1 : text.rindex(")")]
    return [command, *text[text.rindex(")") + 2 :].split()]


def _still_running(processes, wait_seconds=5):
    """Return those of `processes` still alive (not zombies) after a short wait."""
    deadline = time.monotonic() + wait_seconds
    while True:
        alive = {}
        for pid, command in processes.items():
            fields = _stat_fields(Path(f"/proc/{pid}/stat"))
            if fields and fields[1] != "Z":
                alive[pid] = command
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


@pytest.fixture
def portal(live_server, settings, transactional_db, tmp_path):
    """Point the portal's own URL, media and export directory at this test."""
    settings.PORTAL_BASE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LEGACY_EXPORT_DIR = tmp_path / "legacy-out"
    return live_server


@pytest.fixture
def gbizid_company(portal, settings):
    """A company with a 倒産防止共済 contract whose プライム account can log in.

    GビズID is played by the npm `oidc-provider`, registered with the live
    server's callback; it logs the account in without a page of its own.
    """
    contract = SafetyNetContractFactory(holder__name=COMPANY_NAME)
    callback = portal.url + reverse("auth_mynumber_gbiz:gbizid_callback")
    with running_oidc_provider(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        redirect_uri=callback,
        account={
            "sub": SUBJECT,
            "claims": prime_claims(contract.holder.corporate_no, name=COMPANY_NAME),
        },
    ) as issuer:
        settings.GBIZID_ISSUER = issuer
        settings.GBIZID_CLIENT_ID = CLIENT_ID
        settings.GBIZID_CLIENT_SECRET = CLIENT_SECRET
        yield contract


@pytest.fixture
def new_page(browser):
    """Return a function opening a page in a fresh context (own cookies)."""
    contexts = []

    def _new_page(**options):
        context = browser.new_context(
            viewport=DESKTOP, locale="ja-JP", accept_downloads=True, **options
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


def log_in_with_gbizid(page, portal_url):
    """From the portal top, log in through GビズID; end on the page it returns to."""
    page.goto(portal_url + "/")
    page.get_by_role("link", name="ログインへ進む").click()
    page.get_by_role("button", name="GビズIDでログインする").click()
    page.wait_for_url(portal_url + reverse("applications:list"))


def accessibility_violations(page):
    """Return axe-core's report of the page's violations, or "" when none."""
    results = Axe().run(page)
    if results.violations_count == 0:
        return ""
    return results.generate_report()


def horizontal_overflow(page, width=NARROW_WIDTH):
    """Return how many CSS pixels the page is wider than a `width` viewport.

    The viewport is set back to what it was before returning.
    """
    previous = page.viewport_size
    page.set_viewport_size({"width": width, "height": previous["height"]})
    try:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        page.set_viewport_size(previous)
    return max(0, scroll_width - width)


@pytest.fixture
def check_applicant_page():
    """Return a check that the current page passes axe and fits 320 px.

    Each call records the page's title, so a test can tell which pages it
    checked; a failure names the page and axe's findings.
    """
    checked = []

    def _check(page):
        title = page.title()
        report = accessibility_violations(page)
        assert not report, f"axe-core on 「{title}」 ({page.url}):\n{report}"
        overflow = horizontal_overflow(page)
        assert overflow == 0, (
            f"「{title}」 ({page.url}) scrolls sideways by {overflow}px at 320px"
        )
        checked.append(title)

    _check.checked = checked
    return _check


def expect_heading(page, text):
    """Wait until the page's main heading reads `text`."""
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def open_premium_change(page, check, contract, current_premium, procedure):
    """From the portal top, open `procedure` for `contract` up to its amount step.

    `current_premium` is how the contract's card shows it ("50,000円");
    `check` is the check_applicant_page fixture, run on every page passed.
    """
    page.get_by_role("link", name="小規模企業共済・経営セーフティ共済 電子申請").click()
    card = page.locator(".card", has_text=contract.contract_no)
    expect(card).to_contain_text(f"現在の掛金月額 {current_premium}")
    check(page)
    card.get_by_role("link", name=procedure).click()

    expect_heading(page, procedure)
    check(page)
    page.get_by_label(re.compile(contract.contract_no)).check()
    page.get_by_role("button", name="次へ進む").click()

    expect_heading(page, "掛金月額")
    check(page)
