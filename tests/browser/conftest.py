"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against live_server.
Nothing downloads a browser."""

import importlib
import io
import os
import shutil

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself
# (fixtures) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"Chromium ontbreekt op {CHROMIUM}: .ci/run installeert het (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def demo_live(transactional_db):
    """live_server tests run in committed transactions, flushed afterwards: load the data here."""
    from trajecten.models import Brugdag

    # The flush removed what the migration seeded: seed it again from the migration's own list.
    seed = importlib.import_module("trajecten.migrations.0002_brugdagen").BRUGDAGEN
    Brugdag.objects.bulk_create(
        [Brugdag(datum=d, omschrijving=o) for d, o in seed], ignore_conflicts=True
    )
    call_command("load_referentiedata", stdout=io.StringIO())
    call_command("seed_demo", "--force", stdout=io.StringIO())


def log_in(page, username: str) -> None:
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_21_AA)
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in results.response["violations"]
    ]
