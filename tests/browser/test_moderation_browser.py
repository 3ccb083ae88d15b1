"""Moderation in a real browser: a member flags a post from the thread
page, a moderator hides it from the queue, and the moderation pages pass
axe-core."""

import re
import shutil

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import tertulia_http as th
from conftest import make_driver
from test_accounts_browser import axe_violations, click_and_wait, css, describe, where
from tertulia_http import text


# ------------------------------------------------------------------ helpers

def logged_in(stack, browser, username=None, password=None, role=None):
    """A browser holding the session of a member (a new one, unless named),
    logged in over HTTP; role is granted from the command line."""
    c = th.Client(stack.url)
    if username:
        th.login_ok(c, username, password)
        account = None
    else:
        account = th.register(c)
    if role:
        stack.ctl("user", "role", account.username, "+" + role)
    driver = browser()
    driver.get(stack.url + "/robots.txt")
    driver.add_cookie({"name": "tertulia_session", "value": c.session_cookie,
                       "path": "/", "httpOnly": True})
    return driver, c, account


def write_thread(stack):
    """An author's thread with one reply: (author client, thread id, reply id)."""
    c = th.Client(stack.url)
    th.register(c)
    r = c.form("/t/new", {"category": "cafe", "title": "Browser thread %s" % th.unique_name("b"),
                          "body": "Hello, this is the opening post."}, page="/t/new")
    assert r.status_code == 303, th.visible_text(r.text)[:300]
    tid = int(re.match(r"^/t/(\d+)$", r.headers["Location"]).group(1))
    r = c.form("/t/%d/reply" % tid, {"body": "Buy followers cheap at my shop today"},
               page="/t/%d" % tid)
    assert r.status_code == 303
    pid = int(r.headers["Location"].rsplit("#p", 1)[1])
    return c, tid, pid


def queue_page_of(mod, pid):
    """The page of /mod that lists the post (the queue is oldest first)."""
    page = 1
    while True:
        data = mod.get("/mod.json?page=%d" % page).json()
        if any(e["target_type"] == "post" and e["target_id"] == pid for e in data.get("queue", [])):
            return page
        assert data.get("next_page"), "post %d is not in the queue" % pid
        page = data["next_page"]


# ------------------------------------------------------------------ flows

def test_member_flags_and_moderator_hides_the_post(stack, browser):
    author, tid, pid = write_thread(stack)

    # a member flags the reply from the thread page
    driver, member, _ = logged_in(stack, browser)
    driver.get(stack.url + "/t/%d" % tid)
    post = css(driver, "#p%d" % pid)
    post.find_element(By.CSS_SELECTOR, ".flag-box summary").click()
    post.find_element(By.CSS_SELECTOR, 'input[name="reason"][value="spam"]').click()
    post.find_element(By.CSS_SELECTOR, 'input[name="note"]').send_keys("Selling followers")
    click_and_wait(driver, '#p%d .flag-box button[type="submit"]' % pid)
    assert driver.current_url.startswith(stack.url + "/t/%d" % tid), where(driver)

    # a moderator finds it in the queue, selects it, hides it with a reason
    mod_driver, mod, _ = logged_in(stack, browser, role="moderator")
    flags = mod.get("/mod/item/post/%d.json" % pid).json()["entry"]["flags"]
    assert [(f["reason"], f["note"]) for f in flags] == [("spam", "Selling followers")]
    mod_driver.get(stack.url + "/mod?page=%d" % queue_page_of(mod, pid))
    box = css(mod_driver, 'input[name="item"][value="post:%d:visible"]' % pid)
    article = box.find_element(By.XPATH, "./ancestor::article")
    assert "Selling followers" in article.text
    assert text("en", "mod.r_spam") in article.text
    box.click()
    Select(css(mod_driver, "#bulk-action")).select_by_value("hide")
    css(mod_driver, "#bulk-reason").send_keys("Spam: selling followers")
    click_and_wait(mod_driver, ".mod-bulk fieldset button[type=submit]")
    assert "/mod?done=1" in mod_driver.current_url, where(mod_driver)
    assert text("en", "mod.done") in css(mod_driver, "[role=status]").text

    # the post is gone for a visitor (the member's browser, logged out)
    visitor = driver
    visitor.delete_all_cookies()
    visitor.get(stack.url + "/t/%d" % tid)
    assert not visitor.find_elements(By.CSS_SELECTOR, ".account-nav a.me"), where(visitor)
    assert "Hello, this is the opening post." in css(visitor, "body").text
    assert not visitor.find_elements(By.CSS_SELECTOR, "#p%d" % pid)
    assert "Buy followers" not in css(visitor, "body").text
    # its author still reads it, with the moderator's reason
    assert "Spam: selling followers" in th.visible_text(author.get("/t/%d" % tid).text)


# ------------------------------------------------------------------ accessibility

@pytest.fixture(scope="module")
def moderator_browser(stack):
    c = th.Client(stack.url)
    account = th.register(c)
    stack.ctl("user", "role", account.username, "+moderator")
    # something in the queue, the log and the words list
    author, tid, pid = write_thread(stack)
    r = c.form("/mod/words", {"word": "axeword%s" % th.RUN, "lang": "any", "action": "hold"},
               page="/mod/words")
    assert r.status_code == 303
    r = c.post("/mod/action", data=[("item", "post:%d" % pid), ("action", "warn"),
                                    ("reason", "Accessibility check"),
                                    ("csrf", c.token("/mod"))])
    assert r.status_code == 303
    driver, profile = make_driver()
    try:
        driver.get(stack.url + "/robots.txt")
        driver.add_cookie({"name": "tertulia_session", "value": c.session_cookie,
                           "path": "/", "httpOnly": True})
        yield driver
    finally:
        try:
            driver.quit()
        finally:
            shutil.rmtree(profile, ignore_errors=True)
            c.close()


@pytest.mark.parametrize("path", ["/mod", "/mod/log", "/mod/words"])
def test_moderation_pages_have_no_serious_accessibility_problems(stack, moderator_browser, path):
    driver = moderator_browser
    driver.get(stack.url + path)
    assert driver.current_url == stack.url + path, where(driver)
    bad = [v for v in axe_violations(driver) if v["impact"] in ("serious", "critical")]
    assert not bad, "%s:\n%s" % (path, describe(bad))
