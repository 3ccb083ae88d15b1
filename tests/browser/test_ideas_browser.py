"""Ideas in a real browser: a member votes and sees the count change, takes
the vote back, from an idea's page and from the list, sees similar ideas
while typing a title, meets the duplicate step (and votes for a similar
idea instead, or posts anyway), in both languages, and the ideas pages
pass axe-core's serious and critical checks."""

import os
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import tertulia_http as th
from browser_helpers import click_and_wait
from ideas_http import idea_json, new_idea
from stack import ROOT
from tertulia_http import text

AXE = os.path.join(ROOT, "node_modules", "axe-core", "axe.min.js")
OPEN_IDEA = 7  # demo: "Cable más largo para el hervidor KT-17", open


def css(driver, selector):
    return driver.find_element(By.CSS_SELECTOR, selector)


def count(driver):
    return int(css(driver, "#vote-count").text)


def said(driver):
    """The message the action left on the page: tertulia.js writes it into
    its region again after a moment, for screen readers to read it out."""
    return WebDriverWait(driver, 10).until(
        lambda d: css(d, "main .said[role=status]").text)


def test_member_votes_and_sees_the_count_change(stack, member_browser):
    driver, _ = member_browser
    driver.get(stack.url + "/ideas/%d" % OPEN_IDEA)
    before = count(driver)
    button = css(driver, ".vote-form button")
    assert button.text == text("en", "ideas.vote")

    click_and_wait(driver, ".vote-form button")
    assert driver.current_url.endswith("/ideas/%d#votes" % OPEN_IDEA)
    assert count(driver) == before + 1
    assert said(driver) == text("en", "said.vote_added")
    button = css(driver, ".vote-form button")
    assert button.text == text("en", "ideas.unvote")
    assert button.get_attribute("aria-pressed") == "true"

    click_and_wait(driver, ".vote-form button")
    assert count(driver) == before
    assert css(driver, ".vote-form button").text == text("en", "ideas.vote")
    assert said(driver) == text("en", "said.vote_removed")


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


# ------------------------------------------------ voting from the list, the duplicate step

LIKE_DEMO = "Quieter PowerBlend blender mode"  # like one of the demo's ideas


def member_in(stack, browser, lang):
    """A Chromium in lang logged in as a new member whose setting is lang:
    (driver, the member's HTTP client)."""
    c = th.Client(stack.url)
    th.register(c)
    if lang != "en":
        assert c.form("/lang", {"lang": lang, "next": "/"}, page="/").status_code == 303
        c.get("/")  # the switch's own message, used up
    driver = browser(lang)
    driver.get(stack.url + "/robots.txt")
    driver.add_cookie({"name": "tertulia_session", "value": c.session_cookie, "path": "/",
                       "httpOnly": True})
    return driver, c




@pytest.mark.parametrize("lang", ["en", "es"])
def test_member_votes_from_the_list_and_comes_back_to_it(stack, browser, lang):
    author = th.Client(stack.url)
    th.register(author)
    title = "Listed in a browser %s" % th.unique_name("b")
    idea = new_idea(author, title=title)
    driver, _ = member_in(stack, browser, lang)
    here = "/ideas?sort=new"
    row = "#idea-%d" % idea
    driver.get(stack.url + here)
    assert css(driver, "html").get_attribute("lang") == lang
    assert css(driver, row + " .idea-votes strong").text == "1"
    button = css(driver, row + " .vote-form button")
    # a screen reader hears which idea the button is for
    assert button.get_attribute("textContent") == "%s: %s" % (text(lang, "ideas.vote"), title)
    assert button.get_attribute("aria-pressed") == "false"

    click_and_wait(driver, row + " .vote-form button")
    assert driver.current_url == stack.url + here + "#idea-%d" % idea
    assert said(driver) == text(lang, "said.vote_added")
    assert css(driver, row + " .idea-votes strong").text == "2"
    button = css(driver, row + " .vote-form button")
    assert button.get_attribute("textContent") == "%s: %s" % (text(lang, "ideas.unvote"), title)
    assert button.get_attribute("aria-pressed") == "true"

    click_and_wait(driver, row + " .vote-form button")
    assert driver.current_url == stack.url + here + "#idea-%d" % idea
    assert said(driver) == text(lang, "said.vote_removed")
    assert css(driver, row + " .idea-votes strong").text == "1"
    assert css(driver, row + " .vote-form button").get_attribute("aria-pressed") == "false"


def duplicate_step(stack, driver, lang, body):
    """Types an idea like a demo one and submits it: the duplicate step,
    checked (nothing posted, the notice first, the text kept, axe)."""
    driver.get(stack.url + "/ideas/new")
    css(driver, "#title").send_keys(LIKE_DEMO)
    css(driver, "#body").send_keys(body)
    click_and_wait(driver, "button[name=step][value=submit]")
    assert re.search(r"/ideas/new$", driver.current_url), driver.current_url
    assert css(driver, "#duplicates-h").text == text(lang, "ideas.dup.heading")
    assert driver.execute_script(
        "return !!(document.querySelector('#duplicates').compareDocumentPosition("
        "document.querySelector('form.idea-form')) & Node.DOCUMENT_POSITION_FOLLOWING)")
    assert css(driver, "#title").get_attribute("value") == LIKE_DEMO
    assert css(driver, "#body").get_attribute("value") == body
    assert css(driver, "#post-anyway").text == text(lang, "ideas.dup.post_anyway")
    buttons = driver.find_elements(By.CSS_SELECTOR, "#duplicates .vote-instead button")
    assert buttons and all(b.get_attribute("textContent").startswith(
        text(lang, "ideas.dup.vote_instead") + ": ") for b in buttons)
    if os.path.exists(AXE):
        bad = axe_violations(driver)
        assert not bad, [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]])
                         for v in bad]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_duplicate_step_then_posting_anyway(stack, browser, lang):
    driver, c = member_in(stack, browser, lang)
    before = c.get("/ideas.json?sort=new").json()["ideas"][0]["id"]
    body = "Whispering night mode, %s." % th.unique_name("b")
    duplicate_step(stack, driver, lang, body)
    assert c.get("/ideas.json?sort=new").json()["ideas"][0]["id"] == before

    click_and_wait(driver, "#post-anyway")
    m = re.search(r"/ideas/(\d+)$", driver.current_url)
    assert m, driver.current_url
    assert said(driver) == text(lang, "said.idea_posted")
    assert idea_json(c, int(m.group(1)))["idea"]["body"] == body


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_duplicate_step_then_voting_for_a_similar_idea(stack, browser, lang):
    driver, c = member_in(stack, browser, lang)
    before = c.get("/ideas.json?sort=new").json()["ideas"][0]["id"]
    duplicate_step(stack, driver, lang, "Please.")
    form = css(driver, "#duplicates form.vote-instead")
    idea = int(re.search(r"/ideas/(\d+)/vote$", form.get_attribute("action")).group(1))
    votes = idea_json(c, idea)["idea"]["vote_count"]

    click_and_wait(driver, "#duplicates form.vote-instead button")
    assert driver.current_url == stack.url + "/ideas/%d#votes" % idea
    assert said(driver) == text(lang, "said.vote_added")
    assert count(driver) == votes + 1
    assert c.get("/ideas.json?sort=new").json()["ideas"][0]["id"] == before
