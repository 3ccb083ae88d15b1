"""The insight pages' figures kept by the worker (insights.cache_seconds,
insights.cache_after_ms; README, Performance): on a large community they
take tens of milliseconds to read, and marketing reads the same period
again and again, so figures that were slow to read are kept for a minute,
with the part of the page they draw (kept as HTML, and the same as drawn).

The other tests turn the cache off (tests/stack.py); this module's own
stack keeps every page's figures (cache_after_ms = 0) with one worker, so
that both requests of a test reach the same cache."""

import re

import pytest

from mod_helpers import new_thread
import tertulia_http as th


@pytest.fixture(scope="module")
def own(own_stack):
    """A stack that keeps every page's figures for a minute, one worker a
    program."""
    return own_stack(workers=1, extra_config={"insights.cache_seconds": "60",
                                              "insights.cache_after_ms": "0"})


def figures(c, **params):
    r = c.get("/insights.json", params=params)
    assert r.status_code == 200, (r.status_code, r.text[:300])
    return r.json()


def test_kept_figures_are_shown_with_their_age_until_they_expire(own):
    marketing = th.Client(own.url)
    th.login_ok(marketing, "marketing")
    member = th.Client(own.url)
    th.register(member)

    first = figures(marketing)
    assert "figures_age" not in first           # read just now
    new_thread(member)
    again = figures(marketing)
    # the same filter within the minute: the kept figures, and how old they are
    assert again["totals"]["posts"] == first["totals"]["posts"]
    assert 0 <= int(again["figures_age"]) < 60
    page = marketing.get("/insights").text                    # marketing reads Spanish
    assert th.text("es", "insights.figures_age") in page
    # another key (here the language: admin reads English) is read afresh
    admin = th.Client(own.url)
    th.login_ok(admin, "admin")
    fresh = figures(admin)
    assert "figures_age" not in fresh
    assert fresh["totals"]["posts"] == first["totals"]["posts"] + 1
    # the period written out is the same filter: kept figures too
    same = figures(marketing, **{"from": first["filter"]["from"], "to": first["filter"]["to"]})
    assert "figures_age" in same and same["totals"] == first["totals"]
    # a day less is another filter: read afresh, with the new thread
    shorter = figures(marketing, **{"from": first["filter"]["to"], "to": first["filter"]["to"]})
    assert "figures_age" not in shorter and shorter["filter"]["days"] == 1


def test_kept_figures_are_still_only_for_marketing(own):
    marketing = th.Client(own.url)
    th.login_ok(marketing, "marketing")
    figures(marketing)                           # kept now
    member = th.Client(own.url)
    th.register(member)
    r = member.get("/insights.json")
    assert r.status_code == 403
    assert "totals" not in r.text
    assert th.Client(own.url).get("/insights").status_code == 303   # a visitor logs in first


AGE = re.compile(r'<p class="hint figures-age">.*?</p>', re.S)


def test_a_kept_page_is_the_page_drawn_when_its_figures_were_read(own):
    marketing = th.Client(own.url)
    th.login_ok(marketing, "marketing")
    marketing.get("/")        # the page after logging in says so, once
    period = {"from": "2026-01-01", "to": "2026-01-31"}
    drawn = marketing.get("/insights", params=period)      # read now, drawn whole
    assert drawn.status_code == 200
    assert "figures-age" not in drawn.text
    kept = marketing.get("/insights", params=period)       # its part kept as HTML
    assert kept.status_code == 200
    assert th.text("es", "insights.figures_age") in kept.text
    # everything but the age line is the same: the form with its lists, the
    # charts with their tables, the themes, the 6 R
    assert AGE.sub("", kept.text) == drawn.text
    assert '<svg class="chart"' in kept.text and 'name="product"' in kept.text
    # figures kept by the JSON twin first: the page draws their part then
    other = {"from": "2026-02-01", "to": "2026-02-28"}
    assert "figures_age" not in figures(marketing, **other)
    first = marketing.get("/insights", params=other).text
    second = marketing.get("/insights", params=other).text
    assert AGE.search(first) and AGE.sub("", first) == AGE.sub("", second)
    assert '<svg class="chart"' in first and 'value="2026-02-01"' in first
