"""The forum in a real browser: a member logs in through the form, starts a
thread, replies in Markdown and sees it rendered; the forum's pages have no
serious accessibility problems (axe-core) on a phone and on a wide screen."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import forum_http as fh
import tertulia_http as th
from test_accounts_browser import axe_violations, click_and_wait, css, describe, fill, \
    path_of, set_width, where

REPLY = ("Thanks! Here is what **worked for me**:\n\n"
         "- hold the tare button\n"
         "- wait for *BT* to blink\n\n"
         "More in [the manual](https://example.com/manual).")


def test_member_starts_a_thread_and_replies_in_markdown(stack, browser, client_account):
    account = client_account
    driver = browser(lang="en")
    driver.get(stack.url + "/login")
    fill(driver, 'form[action="/login"]', {"username": account.username,
                                           "password": account.password})
    click_and_wait(driver, 'form[action="/login"] button[type="submit"]')
    assert path_of(driver, stack) == "/", where(driver)

    # from the category page's button to the form, the category chosen
    driver.get(stack.url + "/c/help")
    click_and_wait(driver, 'a.button[href="/t/new?c=help"]')
    assert Select(css(driver, "#category")).first_selected_option.get_attribute("value") == "help"
    title = "Scale will not pair %s" % th.unique_name("b")
    fill(driver, 'form[action="/t/new"]', {"title": title,
                                           "body": "The app says *no device found*."})
    click_and_wait(driver, 'form[action="/t/new"] button[type="submit"]')
    path = path_of(driver, stack)
    assert path.startswith("/t/") and path[3:].isdigit(), where(driver)
    assert css(driver, "h1").text.startswith(title)
    opening = css(driver, "ol.posts li.post .post-body")
    assert opening.find_element(By.TAG_NAME, "em").text == "no device found"

    # the reply, in Markdown
    css(driver, "#body").send_keys(REPLY)
    click_and_wait(driver, 'form[action$="/reply"] button[type="submit"]')
    assert path_of(driver, stack).startswith(path), where(driver)
    posts = driver.find_elements(By.CSS_SELECTOR, "ol.posts li.post")
    assert len(posts) == 2, where(driver)
    reply = posts[1]
    assert reply.find_element(By.CSS_SELECTOR, ".post-author").text == account.username
    body = reply.find_element(By.CSS_SELECTOR, ".post-body")
    assert body.find_element(By.TAG_NAME, "strong").text == "worked for me"
    assert [li.text for li in body.find_elements(By.TAG_NAME, "li")] == [
        "hold the tare button", "wait for BT to blink"]
    link = body.find_element(By.TAG_NAME, "a")
    assert link.text == "the manual"
    assert link.get_attribute("href") == "https://example.com/manual"
    assert link.get_attribute("rel") == "nofollow ugc"
    assert "**" not in body.text and "](" not in body.text
    # the browser landed on the reply itself
    assert driver.current_url.endswith("#p%s" % reply.get_attribute("id")[1:])


@pytest.fixture
def client_account(stack):
    c = th.Client(stack.url)
    try:
        yield th.register(c)
    finally:
        c.close()


# ------------------------------------------------------------ accessibility

PAGES = {
    "home": "/",
    "category": "/c/help",
    "thread": "/t/2",
    "solved thread": "/t/3",
    "new thread": "/t/new?c=help",
    "search": "/search?q=cafetera",
    "empty search": "/search",
}


@pytest.mark.parametrize("width", [360, 1440])
def test_forum_pages_have_no_serious_accessibility_problems(stack, member_browser, width):
    driver, _ = member_browser
    set_width(driver, width)
    try:
        problems = []
        for name, path in PAGES.items():
            driver.get(stack.url + path)
            assert path_of(driver, stack) == path, "%s: %s" % (name, where(driver))
            bad = [v for v in axe_violations(driver) if v["impact"] in ("serious", "critical")]
            if bad:
                problems.append("%s (%s):\n%s" % (name, path, describe(bad)))
            wide = driver.execute_script(
                "return document.documentElement.scrollWidth > window.innerWidth")
            if wide:
                problems.append("%s (%s) is wider than %d px" % (name, path, width))
        assert not problems, "\n".join(problems)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def serious_problems(driver):
    return describe([v for v in axe_violations(driver) if v["impact"] in ("serious", "critical")])


def test_thread_page_for_a_visitor_and_when_locked(stack, browser, member_browser):
    c = th.Client(stack.url)
    th.login_ok(c, "john")
    tid = fh.create_thread(c, "cafe", "Locked for the browser %s" % th.RUN)
    c.close()
    stack.sql("UPDATE threads SET locked = 1 WHERE id = %d" % tid)

    visitor = browser(lang="en")
    for path in ("/t/2", "/t/%d" % tid):
        visitor.get(stack.url + path)
        assert not serious_problems(visitor), "visitor on %s:\n%s" % (
            path, serious_problems(visitor))
    driver, _ = member_browser
    driver.get(stack.url + "/t/%d" % tid)
    assert not driver.find_elements(By.CSS_SELECTOR, 'form[action$="/reply"]')
    assert not serious_problems(driver), serious_problems(driver)
