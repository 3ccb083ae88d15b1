"""The insight pages in a real browser: marketing opens /insights and finds
the charts (an <svg> with a <title>) and the table of each chart's numbers,
filters by a period without JavaScript doing anything, and the page passes
axe-core."""

import re

import pytest
from selenium.webdriver.common.by import By

import tertulia_http as th
from test_accounts_browser import axe_violations, click_and_wait, css, describe, where


@pytest.fixture
def marketing_browser(stack, browser):
    """Chromium holding the session of the demo marketing account (Spanish)."""
    c = th.Client(stack.url)
    th.login_ok(c, "marketing")
    driver = browser()
    driver.get(stack.url + "/robots.txt")
    driver.add_cookie({"name": "tertulia_session", "value": c.session_cookie,
                       "path": "/", "httpOnly": True})
    yield driver
    c.close()


def test_marketing_opens_the_insights_and_finds_the_chart(stack, marketing_browser):
    driver = marketing_browser
    driver.get(stack.url + "/")
    click_and_wait(driver, '.account-nav a[href="/insights"]')
    assert driver.current_url == stack.url + "/insights", where(driver)
    assert css(driver, "h1").text == th.text("es", "insights.title")
    svgs = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
    # volume, sentiment, rating, stars, and idea votes by segment
    assert len(svgs) == 5, where(driver)
    volume = svgs[0]
    title = volume.find_element(By.TAG_NAME, "title")
    assert title.get_attribute("textContent") == th.text("es", "insights.chart.volume")
    assert volume.get_attribute("role") == "img"
    assert volume.find_elements(By.TAG_NAME, "polyline"), "the chart has its lines"
    assert volume.size["width"] > 300 and volume.size["height"] > 100
    # the numbers are in a table beside it, one row a day
    table = css(driver, "#table-volume")
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) == 30
    assert table.find_element(By.TAG_NAME, "caption").get_attribute("textContent") == \
        th.text("es", "insights.chart.volume")
    # the stars chart draws a bar for each rating
    stars = svgs[3]
    assert len(stars.find_elements(By.TAG_NAME, "rect")) >= 5
    votes = svgs[4].find_element(By.TAG_NAME, "title")
    assert votes.get_attribute("textContent") == th.text("es", "insights.chart.votes")


def test_the_period_filter_works_without_javascript(stack, marketing_browser):
    driver = marketing_browser
    driver.get(stack.url + "/insights?from=2026-01-01&to=2026-01-07")
    assert len(css(driver, "#table-volume").find_elements(By.CSS_SELECTOR, "tbody tr")) == 7
    assert css(driver, "#f-from").get_attribute("value") == "2026-01-01"
    driver.get(stack.url + "/insights?from=2026-02-30")
    error = css(driver, "#from-error").text
    assert error == th.text("es", "insights.err.dates", 3660), where(driver)
    assert not driver.find_elements(By.CSS_SELECTOR, "svg.chart")


@pytest.mark.parametrize("path", ["/insights", "/insights/digest", "/insights/p/KX-200"])
def test_insight_pages_have_no_serious_accessibility_problems(stack, marketing_browser, path):
    driver = marketing_browser
    driver.get(stack.url + path)
    assert re.sub(r"\?.*", "", driver.current_url) == stack.url + path, where(driver)
    bad = [v for v in axe_violations(driver) if v["impact"] in ("serious", "critical")]
    assert not bad, "%s:\n%s" % (path, describe(bad))
