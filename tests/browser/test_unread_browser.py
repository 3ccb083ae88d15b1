"""What is new, in a real browser and in both languages: a member who read
a thread sees on the category page how many posts came since, follows the
link and lands on the first of them, under the line that says so."""

import re

import pytest
from selenium.webdriver.common.by import By

import tertulia_http as th
from test_accounts_browser import click_and_wait
from test_moderation_browser import logged_in


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_member_jumps_to_the_first_unread_post(stack, browser, lang):
    driver, reader, _ = logged_in(stack, browser)
    driver.add_cookie({"name": "tertulia_lang", "value": lang, "path": "/"})
    writer = th.Client(stack.url)
    th.login_ok(writer, "john")
    r = writer.form("/t/new", {"category": "cafe", "title": "Sin leer %s" % th.unique_name("u"),
                               "body": "El primer mensaje."}, page="/t/new?c=cafe")
    tid = int(re.match(r"^/t/(\d+)$", r.headers["Location"]).group(1))
    driver.get(stack.url + "/t/%d" % tid)            # read: the opening post
    ids = []
    for i in range(2):
        r = writer.form("/t/%d/reply" % tid, {"body": "Respuesta %d, nueva." % i},
                        page="/t/%d" % tid)
        ids.append(int(r.headers["Location"].rsplit("#p", 1)[1]))
    driver.get(stack.url + "/c/cafe")
    link = driver.find_element(By.CSS_SELECTOR, 'a.tag-new[href="/t/%d/unread"]' % tid)
    assert link.text == "2 " + th.text(lang, "count.new_posts.other")
    click_and_wait(driver, 'a.tag-new[href="/t/%d/unread"]' % tid)
    assert driver.current_url.endswith("#p%d" % ids[0])
    line = driver.find_element(By.ID, "unread")
    assert line.text == th.text(lang, "thread.unread_from")
    assert line.is_displayed()
    # the first new post is in view
    top = driver.execute_script(
        "return document.getElementById('p%d').getBoundingClientRect().top" % ids[0])
    assert 0 <= top < driver.execute_script("return window.innerHeight")
