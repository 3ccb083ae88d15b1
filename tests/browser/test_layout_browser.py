"""The pages on a phone and their structure for screen readers: at 360 px
the header stays short, the first idea shows without scrolling past the
filters, and the pages people named have one h1, headings in order and
landmarks with names of their own (axe-core, moderate rules included)."""

import re

import pytest
from selenium.webdriver.common.by import By

import tertulia_http as th
from test_accounts_browser import axe_violations, describe, set_width
from test_moderation_browser import logged_in, write_thread

STRUCTURE = ("landmark-unique", "heading-order", "page-has-heading-one")


def header_height(driver):
    return driver.execute_script(
        "return document.querySelector('.site-header').getBoundingClientRect().height")


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("who", ["member", "admin"])
def test_the_header_is_short_on_a_phone(stack, browser, lang, who):
    driver, c, _ = logged_in(stack, browser, *(("admin", th.DEMO_PASSWORD) if who == "admin" else ()))
    driver.add_cookie({"name": "tertulia_lang", "value": lang, "path": "/"})
    set_width(driver, 360)
    driver.get(stack.url + "/")
    height = header_height(driver)
    print("header at 360 px, %s, %s: %.0f px" % (who, lang, height))
    assert height <= 120, height
    # everything the header offers is one tap away, in the page's language
    page_lang = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
    settings = driver.find_element(By.CSS_SELECTOR, '.account-nav a[href="/settings"]')
    assert not settings.is_displayed()
    toggle = driver.find_element(By.CSS_SELECTOR, ".menu-toggle")
    assert toggle.text.startswith(th.text(page_lang, "site.menu"))
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert settings.is_displayed() and settings.text == th.text(page_lang, "site.settings")
    # on a wide screen there is no menu to open: the links are there
    set_width(driver, 1440)
    assert not toggle.is_displayed() and settings.is_displayed()


def test_the_first_idea_shows_on_a_phone(stack, browser):
    driver, c, _ = logged_in(stack, browser)
    set_width(driver, 360)
    driver.get(stack.url + "/ideas")
    top = driver.execute_script(
        "const e = document.querySelector('.idea-row, .idea-card, li.idea');"
        "return e ? e.getBoundingClientRect().top : null")
    print("first idea at %s px" % top)
    assert top is not None and top < 700, top


def test_mark_as_read_is_one_line_on_a_phone(stack, browser):
    author, tid, pid = write_thread(stack)
    other = th.Client(stack.url)
    th.register(other)
    r = other.form("/t/%d/reply" % tid, {"body": "A reply that notifies the author."},
                   page="/t/%d" % tid)
    assert r.status_code == 303
    driver = browser()
    driver.get(stack.url + "/robots.txt")
    driver.add_cookie({"name": "tertulia_session", "value": author.session_cookie,
                       "path": "/", "httpOnly": True})
    set_width(driver, 360)
    driver.get(stack.url + "/notifications")
    chip = driver.find_element(By.CSS_SELECTOR, ".notification .chip")
    line = driver.execute_script(
        "return parseFloat(getComputedStyle(arguments[0]).lineHeight)", chip)
    height = chip.rect["height"]
    print("mark as read at 360 px: %.0f px (a line is %.0f px)" % (height, line))
    assert height < 2 * line, height


def pages(stack):
    author, tid, pid = write_thread(stack)
    review = stack.sql("SELECT id FROM reviews WHERE status = 'visible' ORDER BY id LIMIT 1")[0][0]
    return [
        (None, "/p/KT-17"), (None, "/search?q=kettle"), (None, "/reviews/%s" % review),
        ("marketing", "/insights"), ("admin", "/admin"), ("admin", "/admin/products"),
        ("moderadora", "/mod/item/post/%d" % pid),
    ]


def test_named_pages_have_a_whole_structure(stack, browser):
    problems = []
    for who, path in pages(stack):
        if who:
            driver, c, _ = logged_in(stack, browser, who, th.DEMO_PASSWORD)
        else:
            driver = browser()
        driver.get(stack.url + path)
        bad = [v for v in axe_violations(driver)
               if v["impact"] in ("serious", "critical") or v["id"] in STRUCTURE]
        if bad:
            problems.append("%s as %s:\n%s" % (path, who or "visitor", describe(bad)))
        driver.quit()
    assert not problems, "\n".join(problems)
