"""Notifications in a real browser: a member watches a thread from its
page, another member replies, and the first sees the unread count in the
header, then the notification in the list, and follows it to the reply. The
notification pages have no serious accessibility problems."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import forum_http as fh
import tertulia_http as th
from tertulia_http import text
from test_accounts_browser import axe_violations, click_and_wait, css, describe, fill, \
    path_of, where


def log_in(driver, stack, account):
    driver.get(stack.url + "/login")
    fill(driver, 'form[action="/login"]', {"username": account.username,
                                           "password": account.password})
    click_and_wait(driver, 'form[action="/login"] button[type="submit"]')
    assert path_of(driver, stack) == "/", where(driver)


def header_count(driver):
    found = driver.find_elements(By.CSS_SELECTOR, ".account-nav .notifications-link .unread-count")
    return found[0].text if found else ""


def test_watch_a_thread_and_see_the_reply_notified(stack, browser):
    host, replier = th.Client(stack.url), th.Client(stack.url)
    try:
        th.register(host)
        reader = th.new_account()
        reader_client = th.Client(stack.url)
        th.register(reader_client, reader)
        r_acc = th.register(replier)
        tid = fh.create_thread(host, "help", "Kettle whistles %s" % th.unique_name("k"),
                               "It whistles before it boils.")
        title = host.get("/t/%d.json" % tid).json()["thread"]["title"]

        driver = browser(lang="en")
        log_in(driver, stack, reader)
        assert header_count(driver) == ""

        # watch the thread from its page
        driver.get(stack.url + "/t/%d" % tid)
        Select(css(driver, "#follow-thread-%d" % tid)).select_by_value("watch")
        click_and_wait(driver, 'form.follow-form button[type="submit"]')
        assert path_of(driver, stack) == "/t/%d" % tid, where(driver)
        assert Select(css(driver, "#follow-thread-%d" % tid)) \
            .first_selected_option.get_attribute("value") == "watch"

        # someone replies
        pid = fh.create_reply(replier, tid, "Descale it and the whistle goes.")

        # the header says so on the next page
        driver.get(stack.url + "/")
        assert header_count(driver) == "1", where(driver)
        click_and_wait(driver, ".account-nav a.notifications-link")
        assert path_of(driver, stack) == "/notifications", where(driver)
        items = driver.find_elements(By.CSS_SELECTOR, "ul.notification-list li.notification.unread")
        assert len(items) == 1, where(driver)
        link = items[0].find_element(By.CSS_SELECTOR, "a.notification-text")
        assert link.text == text("en", "notify.one.post").replace("{actor}", r_acc.username) \
            .replace("{title}", title)

        # it leads to the reply, and having read it empties the count
        click_and_wait(driver, "ul.notification-list a.notification-text")
        assert driver.current_url.endswith("/t/%d#p%d" % (tid, pid)), where(driver)
        assert header_count(driver) == "", where(driver)
        driver.get(stack.url + "/notifications")
        assert not driver.find_elements(By.CSS_SELECTOR, "li.notification.unread")
    finally:
        host.close()
        replier.close()


@pytest.mark.parametrize("path", ["/notifications", "/notifications/following", "/invite",
                                  "/password/forgot"])
def test_notification_pages_have_no_serious_accessibility_problems(stack, member_browser, path):
    driver, _ = member_browser
    driver.get(stack.url + path)
    bad = [v for v in axe_violations(driver) if v["impact"] in ("serious", "critical")]
    assert not bad, "%s:\n%s" % (path, describe(bad))
