"""Fixtures of the browser tests: one private stack for the run, and
Debian's headless Chromium driven by selenium, a fresh profile each."""

import os
import shutil
import sys
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
sys.path.insert(0, TESTS)                       # stack.py
sys.path.insert(0, os.path.join(TESTS, "http"))  # tertulia_http.py: texts, accounts

from stack import Stack  # noqa: E402
import tertulia_http as th  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture(scope="session")
def stack():
    s = Stack(workers=2, demo=True)
    s.start()
    try:
        yield s
    finally:
        s.stop()


def make_driver(lang=None):
    profile = tempfile.mkdtemp(prefix="tertulia-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile):
        options.add_argument(arg)
    if lang:
        options.add_argument("--lang=" + lang)
        options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except BaseException:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    driver.set_window_size(1280, 900)
    driver.set_script_timeout(120)
    driver.set_page_load_timeout(90)
    return driver, profile


@pytest.fixture
def browser():
    """A factory: browser(lang=None) gives a new Chromium (fresh profile,
    quit at the end of the test). lang sets the browser's language."""
    made = []

    def make(lang=None):
        driver, profile = make_driver(lang)
        made.append((driver, profile))
        return driver

    yield make
    for driver, profile in made:
        try:
            driver.quit()
        finally:
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def member_browser(stack):
    """One Chromium for a module, logged in as a new member: (driver,
    account). The login is done over HTTP and its cookie handed to the
    browser, so that pages can be checked whatever the forms do."""
    c = th.Client(stack.url)
    account = th.register(c)
    driver, profile = make_driver()
    try:
        driver.get(stack.url + "/robots.txt")
        driver.add_cookie({"name": "tertulia_session", "value": c.session_cookie,
                           "path": "/", "httpOnly": True})
        yield driver, account
    finally:
        try:
            driver.quit()
        finally:
            shutil.rmtree(profile, ignore_errors=True)
            c.close()
