"""Ideas in a real browser: a member votes and sees the count change, takes
the vote back, sees similar ideas while typing a title, and the ideas pages
pass axe-core's serious and critical checks."""

import os

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import tertulia_http as th
from browser_helpers import click_and_wait
from stack import ROOT
from tertulia_http import text

AXE = os.path.join(ROOT, "node_modules", "axe-core", "axe.min.js")
OPEN_IDEA = 7  # demo: "Cable más largo para el hervidor KT-17", open


def css(driver, selector):
    return driver.find_element(By.CSS_SELECTOR, selector)


def count(driver):
    return int(css(driver, "#vote-count").text)


def test_member_votes_and_sees_the_count_change(stack, member_browser):
    driver, _ = member_browser
    driver.get(stack.url + "/ideas/%d" % OPEN_IDEA)
    before = count(driver)
    button = css(driver, ".vote-form button")
    assert button.text == text("en", "ideas.vote")

    click_and_wait(driver, ".vote-form button")
    assert driver.current_url.endswith("/ideas/%d?vote=added#votes" % OPEN_IDEA)
    assert count(driver) == before + 1
    assert text("en", "ideas.notice.added") in css(driver, "main").text
    button = css(driver, ".vote-form button")
    assert button.text == text("en", "ideas.unvote")
    assert button.get_attribute("aria-pressed") == "true"

    click_and_wait(driver, ".vote-form button")
    assert count(driver) == before
    assert css(driver, ".vote-form button").text == text("en", "ideas.vote")


def test_similar_ideas_appear_while_typing_a_title(stack, member_browser):
    driver, _ = member_browser
    driver.get(stack.url + "/ideas/new")
    box = css(driver, "#similar")
    assert not box.is_displayed()
    css(driver, "#title").send_keys("quieter blender")
    WebDriverWait(driver, 20).until(lambda d: css(d, "#similar").is_displayed())
    links = WebDriverWait(driver, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#similar .similar-list a"))
    titles = [a.text for a in links]
    assert "A quieter mode for the PowerBlend blender" in titles


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
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.skipif(not os.path.exists(AXE), reason="axe-core is installed by make deps")
@pytest.mark.parametrize("path", ["/ideas", "/ideas/2", "/ideas/new", "/roadmap"])
def test_ideas_pages_pass_axe(stack, member_browser, path):
    driver, _ = member_browser
    driver.get(stack.url + path)
    bad = axe_violations(driver)
    assert not bad, "%s: %s" % (path, [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]])
                                       for v in bad])


def test_staff_change_a_status_in_the_browser(stack, browser):
    driver = browser()
    c = th.Client(stack.url)
    th.login_ok(c, "staff")
    driver.get(stack.url + "/robots.txt")
    driver.add_cookie({"name": "tertulia_session", "value": c.session_cookie, "path": "/",
                       "httpOnly": True})
    author = th.Client(stack.url)
    th.register(author)
    r = author.form("/ideas/new", {"title": "Browser status %s" % th.RUN, "body": "Please.",
                                   "confirm": "1"}, page="/ideas/new")
    idea = int(r.headers["Location"].rsplit("/", 1)[1])
    driver.get(stack.url + "/ideas/%d" % idea)
    css(driver, "#status option[value=planned]").click()
    css(driver, "#note").send_keys("Planned for the spring range.")
    click_and_wait(driver, ".staff-form button[type=submit]")
    history = css(driver, "#history").text
    assert "Planned for the spring range." in history
    assert text("en", "ideas.status.planned") in css(driver, "h1").text
