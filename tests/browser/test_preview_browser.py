"""Preview in a real browser, in English and Spanish: the reply form's
Preview button shows the reply as it will look and keeps the text; Reply
then posts it."""

import re

import pytest
from selenium.webdriver.common.by import By

import tertulia_http as th
from test_accounts_browser import click_and_wait
from test_moderation_browser import logged_in


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_member_previews_then_posts_a_reply(stack, browser, lang):
    driver, c, _ = logged_in(stack, browser)
    driver.add_cookie({"name": "tertulia_lang", "value": lang, "path": "/"})
    r = c.form("/t/new", {"category": "cafe", "title": "Vista %s" % th.unique_name("v"),
                          "body": "Primer mensaje."}, page="/t/new?c=cafe")
    tid = int(re.match(r"^/t/(\d+)$", r.headers["Location"]).group(1))
    driver.get(stack.url + "/t/%d" % tid)
    driver.find_element(By.ID, "body").send_keys("Esto es **importante** de verdad")
    click_and_wait(driver, 'button[name="preview"]')
    preview = driver.find_element(By.CSS_SELECTOR, "section.preview")
    assert th.text(lang, "compose.preview_heading") in preview.text
    assert preview.find_element(By.TAG_NAME, "strong").text == "importante"
    body = driver.find_element(By.ID, "body")
    assert body.get_attribute("value") == "Esto es **importante** de verdad"
    click_and_wait(driver, 'form[action="/t/%d/reply"] button.button:not([name])' % tid)
    assert not driver.find_elements(By.CSS_SELECTOR, "section.preview")
    posts = driver.find_elements(By.CSS_SELECTOR, "li.post strong")
    assert any(p.text == "importante" for p in posts)
