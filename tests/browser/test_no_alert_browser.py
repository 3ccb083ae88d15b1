"""The XSS corpus (tests/http/hostile.py) in a real browser: content made of
it is stored through the forms (a thread, a reply, a profile, an idea, a
review) and the pages that show it, and pages that reflect it from the URL,
are opened in Chromium. No alert() may open.

The Content-Security-Policy (no inline script) would stop most injected
script even if a template printed it unescaped; this test is about the
escaping, so it turns the policy off in the browser (DevTools
Page.setBypassCSP) and first proves that an injected handler then does
fire."""

import os
import secrets
import shutil
import time
from urllib.parse import quote

import pytest
from selenium.common.exceptions import NoAlertPresentException

import forum_http as fh
import hostile
import tertulia_http as th
from conftest import make_driver

WAIT = 0.7  # seconds for onload/onerror handlers of a page to run


def alert_text(driver):
    """The text of an open alert (which is then dismissed), or None."""
    try:
        a = driver.switch_to.alert
    except NoAlertPresentException:
        return None
    text = a.text
    a.accept()
    return text


def open_page(driver, url):
    driver.get(url)
    time.sleep(WAIT)
    return alert_text(driver)


@pytest.fixture(scope="module")
def stored(stack):
    """Paths of pages showing corpus content that a member stored."""
    c = th.Client(stack.url)
    account = th.register(c)
    stack.sql("UPDATE users SET created_at = UTC_TIMESTAMP() - INTERVAL 30 DAY "
              "WHERE username = '%s'" % account.username)  # no new-member limits
    pages = []
    title = hostile.STORED[0][:150]
    r = fh.post_thread(c, "cafe", title, "\n\n".join(hostile.STORED))
    tid = fh.thread_id_of(r)
    for s in hostile.STORED[1:]:
        fh.create_reply(c, tid, s)
    pages += ["/t/%d" % tid, "/", "/c/cafe"]

    r = c.form("/settings", {"email": account.email, "lang": "en",
                             "bio": " ".join(hostile.STORED)[:500]}, page="/settings")
    assert r.status_code == 303, th.field_errors(r.text)
    pages.append("/u/%s" % account.username)

    r = c.form("/ideas/new", {"title": hostile.STORED[1][:150], "confirm": "1",
                              "body": "\n\n".join(hostile.STORED)}, page="/ideas/new")
    assert r.status_code == 303, th.field_errors(r.text)
    pages += [r.headers["Location"], "/ideas?sort=new"]

    sku = "X%s-%d" % (th.RUN.upper(), secrets.randbelow(10 ** 9))
    path = "/tmp/tertulia-browser-%s.csv" % sku
    with open(path, "w") as f:
        f.write("sku,name,description,category\n%s,Hostile blender,For the corpus,Browser\n" % sku)
    try:
        stack.ctl("products", "import", path)
    finally:
        os.unlink(path)
    form = c.get("/p/%s/review" % sku)
    r = c.post("/p/%s/review" % sku, data={
        "csrf": th.csrf_of(form.text), "nonce": th.input_value(form.text, "nonce"),
        "rating": "3", "title": hostile.STORED[3][:120], "body": "\n\n".join(hostile.STORED),
        "pros": hostile.STORED[1][:500], "cons": hostile.STORED[0][:500]})
    assert r.status_code == 303, th.field_errors(r.text)
    pages.append("/p/%s" % sku)
    return pages


@pytest.fixture(scope="module")
def no_csp():
    """One Chromium for the module, with the page's CSP bypassed."""
    driver, profile = make_driver()
    try:
        driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
        yield driver
    finally:
        try:
            driver.quit()
        finally:
            shutil.rmtree(profile, ignore_errors=True)


def test_an_injected_handler_would_be_seen(stack, no_csp):
    # the test can fail: with the policy bypassed, a handler put into one of
    # our pages fires and is caught
    driver = no_csp
    assert open_page(driver, stack.url + "/") is None
    driver.execute_script("document.body.insertAdjacentHTML('beforeend', "
                          "'<img src=x onerror=alert(\"caught\")>')")
    time.sleep(WAIT)
    assert alert_text(driver) == "caught"


def test_stored_corpus_opens_no_alert(stack, stored, no_csp):
    opened = {path: open_page(no_csp, stack.url + path) for path in stored}
    assert not {p: a for p, a in opened.items() if a is not None}
    # and the corpus is there, as text
    no_csp.get(stack.url + stored[0])
    assert "<script>alert(1)</script>" in no_csp.find_element("css selector", "h1").text


def test_reflected_corpus_opens_no_alert(stack, no_csp):
    opened = {}
    for payload in hostile.STORED:
        q = quote(payload, safe="")
        for path in ("/search?q=%s" % q, "/ideas/similar?q=%s" % q, "/login?next=%s" % q,
                     "/products?category=%s" % q, "/c/cafe?sort=%s" % q):
            opened[path] = open_page(no_csp, stack.url + path)
    assert not {p: a for p, a in opened.items() if a is not None}
