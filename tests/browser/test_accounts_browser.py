"""Accounts in a real browser: the flows people use, in English and in
Spanish, accessibility (axe-core) and small and large screens."""

import json
import os

import pytest
from selenium.webdriver.common.by import By

import tertulia_http as th
from browser_helpers import click_and_wait
from stack import ROOT
from tertulia_http import text

AXE = os.path.join(ROOT, "node_modules", "axe-core", "axe.min.js")


# ------------------------------------------------------------------ helpers

def css(driver, selector):
    return driver.find_element(By.CSS_SELECTOR, selector)


def page_text(driver):
    return css(driver, "body").text


def lang_of(driver):
    return css(driver, "html").get_attribute("lang")


def path_of(driver, stack):
    assert driver.current_url.startswith(stack.url), driver.current_url
    return driver.current_url[len(stack.url):]


def fill(driver, form, values):
    for name, value in values.items():
        field = css(driver, '%s [name="%s"]' % (form, name))
        field.clear()
        field.send_keys(value)


def me_name(driver):
    found = driver.find_elements(By.CSS_SELECTOR, ".account-nav a.me")
    return found[0].text if found else None


def nav_texts(driver):
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".account-nav a, "
                                                 ".account-nav button")]


def where(driver):
    """What the page says, for failure messages."""
    return "%s -> %s" % (driver.current_url, " | ".join(page_text(driver).split("\n"))[:700])


# ------------------------------------------------------------------ flows

@pytest.mark.parametrize("lang", ["en", "es"])
def test_register_log_out_and_log_in(stack, browser, lang):
    driver = browser(lang=lang)
    account = th.new_account("b")

    driver.get(stack.url + "/register")
    assert lang_of(driver) == lang
    assert css(driver, "h1").text == text(lang, "register.heading")
    fill(driver, 'form[action="/register"]', {"username": account.username,
                                              "email": account.email,
                                              "password": account.password})
    click_and_wait(driver, 'form[action="/register"] button[type="submit"]', timeout=60)
    assert path_of(driver, stack) == "/", where(driver)
    assert me_name(driver) == account.username, where(driver)
    assert text(lang, "site.settings") in nav_texts(driver)

    click_and_wait(driver, 'form[action="/logout"] button[type="submit"]', timeout=60)
    assert me_name(driver) is None, where(driver)
    assert text(lang, "site.login") in nav_texts(driver)

    click_and_wait(driver, '.account-nav a[href^="/login"]', timeout=60)
    assert path_of(driver, stack).startswith("/login"), where(driver)
    assert css(driver, "h1").text == text(lang, "login.heading")
    fill(driver, 'form[action="/login"]', {"username": account.username,
                                           "password": account.password})
    click_and_wait(driver, 'form[action="/login"] button[type="submit"]', timeout=60)
    assert path_of(driver, stack) == "/", where(driver)
    assert me_name(driver) == account.username, where(driver)
    assert text(lang, "site.settings") in nav_texts(driver)
    assert lang_of(driver) == lang


def test_language_switch_in_the_footer(stack, browser):
    driver = browser(lang="en")
    driver.get(stack.url + "/login")
    assert lang_of(driver) == "en"
    click_and_wait(driver, '.lang-switch button[value="es"]', timeout=60)
    assert path_of(driver, stack) == "/login", where(driver)
    assert lang_of(driver) == "es", where(driver)
    assert css(driver, "h1").text == text("es", "login.heading")
    assert css(driver, '.lang-switch button[value="es"]').get_attribute("aria-pressed") == "true"


def test_form_error_keeps_what_was_typed(stack, browser):
    driver = browser(lang="en")
    account = th.new_account("b")
    driver.get(stack.url + "/register")
    fill(driver, 'form[action="/register"]', {"username": account.username,
                                              "email": account.email,
                                              "password": "short"})
    click_and_wait(driver, 'form[action="/register"] button[type="submit"]', timeout=60)
    assert path_of(driver, stack) == "/register", where(driver)
    assert driver.find_elements(By.CSS_SELECTOR, 'form[action="/register"]'), \
        "the form is not shown again: " + where(driver)
    assert css(driver, "#username").get_attribute("value") == account.username, where(driver)
    assert css(driver, "#email").get_attribute("value") == account.email
    assert css(driver, "#password").get_attribute("value") == ""
    error = css(driver, "#password-error")
    assert error.is_displayed()
    assert error.text == text("en", "err.pw_short", 10)
    # next to its field, and tied to it for screen readers
    password = css(driver, "#password")
    assert password.get_attribute("aria-invalid") == "true"
    assert "password-error" in password.get_attribute("aria-describedby").split()
    assert driver.execute_script(
        "return arguments[0].closest('.field') === arguments[1].closest('.field')",
        error, password)
    assert not driver.find_elements(By.CSS_SELECTOR, "#username-error, #email-error")


# ------------------------------------------------------------ accessibility

def axe_violations(driver):
    with open(AXE) as f:
        driver.execute_script(f.read())
    result = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']})
          .then(r => done({violations: r.violations}))
          .catch(e => done({error: String(e)}));
    """)
    assert "error" not in result, result.get("error")
    return result["violations"]


def describe(violations):
    out = []
    for v in violations:
        out.append("[%s] %s: %s (%s)" % (v["impact"], v["id"], v["help"], v["helpUrl"]))
        for node in v["nodes"][:5]:
            out.append("    at %s\n      %s\n      %s" % (
                json.dumps(node["target"]), node["html"][:200],
                (node.get("failureSummary") or "").replace("\n", "\n      ")))
    return "\n".join(out)


PAGES = {
    "home": "/",
    "login": "/login",
    "register": "/register",
    "settings": "/settings",
    "profile": "/u/{me}",
    "404": "/no/such/page",
}


def open_page(driver, stack, account, name):
    driver.get(stack.url + PAGES[name].format(me=account.username))
    if name == "settings":
        assert path_of(driver, stack) == "/settings", "not logged in: " + where(driver)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_accessibility_problems(stack, member_browser, name):
    driver, account = member_browser
    driver.set_window_size(1280, 900)
    for visitor in (False, True) if name in ("home", "login", "register", "404") else (False,):
        if visitor:
            cookie = driver.get_cookie("tertulia_session")
            driver.delete_cookie("tertulia_session")
        try:
            open_page(driver, stack, account, name)
            bad = [v for v in axe_violations(driver) if v["impact"] in ("serious", "critical")]
            assert not bad, "%s page%s, %s:\n%s" % (
                name, " (visitor)" if visitor else "", driver.current_url, describe(bad))
        finally:
            if visitor:
                driver.add_cookie({"name": cookie["name"], "value": cookie["value"],
                                   "path": "/", "httpOnly": True})


def set_width(driver, width):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    assert driver.execute_script("return window.innerWidth") == width


@pytest.mark.parametrize("width", [360, 1440])
def test_no_horizontal_scrolling(stack, member_browser, width):
    driver, account = member_browser
    set_width(driver, width)
    try:
        wide = {}
        for name in PAGES:
            open_page(driver, stack, account, name)
            sizes = driver.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]")
            if sizes[0] > sizes[1]:
                wide[name] = sizes
        assert not wide, "pages wider than a %dpx window (scrollWidth, innerWidth): %s" % (
            width, wide)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("width", [360, 1440])
def test_login_form_is_usable(stack, browser, width):
    driver = browser()
    set_width(driver, width)
    driver.get(stack.url + "/login")
    assert driver.execute_script(
        "return document.documentElement.scrollWidth") <= width
    for selector in ("#username", "#password", 'form[action="/login"] button[type="submit"]',
                     'label[for="username"]', 'label[for="password"]'):
        el = css(driver, selector)
        assert el.is_displayed(), selector
        r = el.rect
        assert r["x"] >= 0 and r["x"] + r["width"] <= width, (selector, r)
        assert r["height"] >= 20, (selector, r)
        if selector.startswith("#"):
            assert r["width"] >= min(240, width * 0.6), (selector, r)
        # nothing covers it: a tap on its middle reaches it
        assert driver.execute_script("""
            const el = arguments[0], r = el.getBoundingClientRect();
            el.scrollIntoView({block: 'center'});
            const b = el.getBoundingClientRect();
            const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
            return hit === el || el.contains(hit);
        """, el), "%s is covered by something else" % selector
    # the fields take what is typed, and the labels lead to them
    css(driver, 'label[for="username"]').click()
    assert driver.switch_to.active_element == css(driver, "#username")
    css(driver, "#username").send_keys("john")
    css(driver, "#password").send_keys("secret words")
    assert css(driver, "#username").get_attribute("value") == "john"
    assert css(driver, "#password").get_attribute("value") == "secret words"
    assert css(driver, "#password").get_attribute("type") == "password"
