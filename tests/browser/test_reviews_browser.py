"""Reviews in a real browser: a member writes a review by clicking stars
(radio buttons styled as stars, no JavaScript needed) and finds it on the
product page; the star input works from the keyboard; the review pages have
no serious accessibility problems and fit a phone's width."""

import os
import secrets

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import tertulia_http as th
from test_accounts_browser import axe_violations, click_and_wait, css, describe, fill, \
    path_of, set_width


def make_product(stack, name):
    sku = "B%s-%d" % (th.RUN.upper(), secrets.randbelow(10 ** 9))
    path = "/tmp/tertulia-browser-%s.csv" % sku
    with open(path, "w") as f:
        f.write("sku,name,description,category\n%s,%s,A product for the browser,Browser\n"
                % (sku, name))
    try:
        stack.ctl("products", "import", path)
    finally:
        os.unlink(path)
    return sku


def star_colours(driver):
    return [driver.execute_script("return getComputedStyle(arguments[0]).color", label)
            for label in driver.find_elements(By.CSS_SELECTOR, ".star-input label")]


def test_member_writes_a_review_with_stars(stack, member_browser):
    driver, account = member_browser
    sku = make_product(stack, "Browser blender")
    driver.get(stack.url + "/p/%s" % sku)
    assert th.text("en", "reviews.no_reviews") in css(driver, "main").text
    click_and_wait(driver, ".my-review a.button")
    assert path_of(driver, stack) == "/p/%s/review" % sku

    # five radio buttons, each labelled with what its star means
    radios = driver.find_elements(By.CSS_SELECTOR, '.star-input input[type="radio"]')
    assert [r.get_attribute("value") for r in radios] == ["1", "2", "3", "4", "5"]
    assert css(driver, 'label[for="rating-4"]').get_attribute("title") == \
        th.text("en", "reviews.rating_4")
    assert css(driver, ".star-field legend").text == th.text("en", "reviews.form_rating")
    unlit = star_colours(driver)[0]

    css(driver, 'label[for="rating-4"]').click()   # a click on the fourth star
    assert css(driver, "#rating-4").is_selected()
    driver.execute_script("document.activeElement.blur()")
    css(driver, "h1").click()                      # move the pointer off the stars
    colours = star_colours(driver)
    assert colours[0] == colours[3] != unlit and colours[4] == unlit, colours

    fill(driver, "form.review-form", {"title": "Whisper quiet",
                                      "body": "Crushes ice and **barely** makes a sound."})
    click_and_wait(driver, 'form.review-form button[type="submit"]')
    assert path_of(driver, stack).startswith("/p/%s?sort=newest#r" % sku)

    review = css(driver, "ol.reviews li.review")
    assert "Whisper quiet" in review.text and account.username in review.text
    assert css(driver, "ol.reviews li.review strong").text == "barely"
    assert css(driver, "ol.reviews li.review .stars").get_attribute("aria-label") == \
        "4 %s" % th.text("en", "reviews.out_of")
    summary = css(driver, ".rating-summary").text
    assert "4.0" in summary and "1 review" in summary
    # the stars are drawn filled to the rating: 4 of 5 is 80%
    fill_width, full = driver.execute_script(
        "var s = document.querySelector('.average .stars');"
        "return [s.querySelector('.stars-fill').getBoundingClientRect().width,"
        "        s.getBoundingClientRect().width];")
    assert abs(fill_width / full - 0.8) < 0.02, (fill_width, full)


def test_star_input_works_from_the_keyboard(stack, member_browser):
    driver, _ = member_browser
    sku = make_product(stack, "Keyboard kettle")
    driver.get(stack.url + "/p/%s/review" % sku)
    css(driver, 'label[for="rating-2"]').click()
    focused = driver.switch_to.active_element
    assert focused.get_attribute("id") == "rating-2"
    focused.send_keys(Keys.ARROW_RIGHT)
    assert css(driver, "#rating-3").is_selected()
    assert driver.switch_to.active_element.get_attribute("id") == "rating-3"


def test_a_form_without_stars_says_so_and_keeps_the_text(stack, member_browser):
    driver, _ = member_browser
    sku = make_product(stack, "Forgetful fryer")
    driver.get(stack.url + "/p/%s/review" % sku)
    fill(driver, "form.review-form", {"title": "No stars given", "body": "I forgot to rate."})
    click_and_wait(driver, 'form.review-form button[type="submit"]')
    assert css(driver, "#rating-error").text == th.text("en", "reviews.err.rating")
    assert css(driver, "#title").get_attribute("value") == "No stars given"


@pytest.mark.parametrize("page", ["/products", "/p/{sku}", "/p/{sku}/review", "/reviews/{rid}"])
def test_review_pages_have_no_serious_accessibility_problems(stack, member_browser, page):
    driver, _ = member_browser
    sku = "KX-200"
    driver.get(stack.url + "/p/%s.json" % sku)
    rid = driver.find_element(By.TAG_NAME, "body").text.split('"reviews":[{"id":')[1].split(",")[0]
    driver.get(stack.url + page.format(sku=sku, rid=rid))
    assert driver.title and "404" not in driver.title
    bad = [v for v in axe_violations(driver) if v["impact"] in ("serious", "critical")]
    assert not bad, "%s:\n%s" % (driver.current_url, describe(bad))


def test_product_page_fits_a_phone(stack, member_browser):
    driver, _ = member_browser
    set_width(driver, 360)
    try:
        for path in ("/products", "/p/KX-200", "/p/KX-200/review"):
            driver.get(stack.url + path)
            sizes = driver.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]")
            assert sizes[0] <= sizes[1], (path, sizes)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
