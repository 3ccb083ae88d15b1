"""Counts and dates as a person reads them, in English and Spanish: a
count takes its word's singular for 1 and plural otherwise (macros.cs's
count() and the language files' L.count), and a date is written in the
reader's language ("7 dic 2026"), never as 2026-12-07, while <time
datetime> keeps ISO for machines."""

import re

import pytest

import tertulia_http as th
from tertulia_http import text

ISO_DAY = re.compile(r"\b\d{4}-\d\d-\d\d\b")


def es(c):
    c.headers["Accept-Language"] = "es"
    return c


@pytest.mark.parametrize("lang", ["en", "es"])
def test_one_person_found_a_review_helpful_in_the_singular(stack, client, member, lang):
    import reviews_http as rh
    author, _ = member
    sku = rh.make_product(stack)
    rid = rh.review_id_of(rh.write_review(author, sku, 4))
    voter = client()
    th.register(voter)
    assert rh.vote_helpful(voter, rid, "yes").status_code == 303
    reader = client()
    reader.headers["Accept-Language"] = lang
    for path in ("/reviews/%d" % rid, "/p/%s" % sku):
        page = th.visible_text(reader.get(path).text)
        assert "1 %s 1 %s" % (text(lang, "reviews.helpful_of"),
                              text(lang, "count.helpful.one")) in page, path
        if lang == "es":
            assert "1 de 1 persona la encontró útil" in page
            assert "1 personas" not in page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_single_verified_buyer_is_said_in_the_singular(client, as_demo, lang):
    import ideas_http as ih
    c = as_demo("lucia")
    idea = ih.new_idea(c, product="KT-17")
    assert ih.try_vote(as_demo("john"), idea).status_code == 303  # a buyer of the KT-17
    reader = client()
    reader.headers["Accept-Language"] = lang
    page = th.visible_text(reader.get("/ideas/%d" % idea).text)
    assert "%s 1 %s" % (text(lang, "ideas.verified_before"),
                        text(lang, "count.verified_buyers.one")) in page
    assert text(lang, "count.verified_buyers.other") not in page


def test_the_moderation_item_counts_the_authors_posts_in_the_singular(client, as_demo):
    import mod_helpers as mh
    author = client()
    th.register(author)
    es(author)
    _, pid = mh.new_thread(author)  # a first post: held or flagged for moderators
    mod = es(as_demo("moderadora"))
    assert 'href="/mod/item/post/%d"' % pid in mod.get("/mod?type=post").text, \
        "the new member's post is not in the queue"
    page = th.visible_text(mod.get("/mod/item/post/%d" % pid).text)
    assert "1 mensaje ·" in page or "1 %s" % text("es", "count.posts.one") in page
    assert "1 mensajes" not in page and "1 moderados" not in page


@pytest.fixture
def reading_in(as_demo):
    """A demo account's client made to read in a language: the account
    keeps it, so it is set back to the demo's when the test ends (the other
    tests of the shared stack expect admin in English, marketing in
    Spanish)."""
    made = []

    def make(name, lang):
        c = as_demo(name)
        c.post("/lang", data={"lang": lang, "csrf": c.token("/")})
        made.append((c, DEMO_LANG[name]))
        return c

    yield make
    for c, back in made:
        c.post("/lang", data={"lang": back, "csrf": c.token("/")})


DEMO_LANG = {"admin": "en", "marketing": "es"}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_digest_counts_votes_in_the_singular_and_writes_days_in_words(reading_in, lang):
    c = reading_in("marketing", lang)
    c.headers["Accept-Language"] = lang
    page = th.visible_text(c.get("/insights/digest").text)
    other = text(lang, "count.votes_this_week.other")
    assert not re.search(r"(?<![\d.,])1 %s" % re.escape(other), page)
    period = page[page.index(text(lang, "insights.period")):][:80]
    assert not ISO_DAY.search(period), period
    assert re.search(r"\d{1,2} %s \d{4}" % "|".join(
        re.escape(text(lang, "month.%d" % m)) for m in range(1, 13)).join("()"), period)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_admin_list_writes_when_members_joined_in_words(reading_in, lang):
    c = reading_in("admin", lang)
    html = c.get("/admin").text
    joined = re.findall(r'%s <time datetime="(\d{4}-\d\d-\d\dT[\d:]+Z)">([^<]+)</time>' % re.escape(
        text(lang, "admin.joined")), html)
    assert joined, "no date of joining on /admin"
    months = {text(lang, "month.%d" % m) for m in range(1, 13)}
    for iso, shown in joined:
        day, month, year = shown.split(" ")
        assert month in months and iso.startswith(year), (iso, shown)
    assert not ISO_DAY.search(th.visible_text(html))
