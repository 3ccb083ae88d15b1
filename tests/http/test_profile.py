"""A member's profile, /u/NAME: what they wrote lately (threads, replies,
reviews, ideas) as the reader may see it, when they joined, and their
badges: roles, verified buyer, and the solutions they gave, counted in
both languages."""

import datetime
import re
from urllib.parse import quote

import pytest

import forum_http as fh
import ideas_http as ih
import reviews_http as rh
import tertulia_http as th
from tertulia_http import text


def profile(c, name, lang="en"):
    r = c.get("/u/" + quote(name, safe=""), headers={"Accept-Language": lang})
    assert r.status_code == 200, r.text[:300]
    return r.text


def links(page):
    """The activity links of a profile page: {href: title}."""
    lists = "".join(re.findall(r'<ul class="activity">(.*?)</ul>', page, re.S))
    return {href: th.visible_text(title) for href, title in re.findall(
        r'<li><a href="([^"]+)">([^<]*)</a>', lists)}


def badge(page, cls):
    m = re.search(r'<span class="badge %s"[^>]*>([^<]*)</span>' % cls, page)
    return th.visible_text(m.group(1)) if m else None


@pytest.fixture
def writer(member):
    return member


@pytest.fixture
def other(client):
    c = client()
    return c, th.register(c)


def test_profile_lists_what_the_member_wrote_and_when_they_joined(stack, writer, other, client):
    c, account = writer
    o, _ = other
    title = "Profile thread %s" % th.unique_name("t")
    tid = fh.create_thread(c, "help", title)
    elsewhere_title = "Someone else's %s" % th.unique_name("t")
    elsewhere = fh.create_thread(o, "help", elsewhere_title)
    reply = fh.create_reply(c, elsewhere, "My reply on the profile.")
    gone = fh.create_reply(c, elsewhere, "A reply I take back.")
    r = fh.post_action(c, "/posts/%d/delete" % gone, page="/t/%d" % elsewhere)
    assert r.status_code == 303, r.status_code
    sku = rh.make_product(stack, name="Profile kettle %s" % th.unique_name("p"))
    rid = rh.new_review(c, sku, title="Kettle review %s" % th.unique_name("r"))
    idea_title = "Profile idea %s" % th.unique_name("i")
    iid = ih.new_idea(c, idea_title)

    page = profile(client(), account.username)
    got = links(page)
    assert got.get("/t/%d" % tid) == title
    assert got.get("/t/%d#p%d" % (elsewhere, reply)) == elsewhere_title
    assert not any(href.endswith("#p%d" % gone) for href in got), "a deleted reply is listed"
    assert "/reviews/%d" % rid in got
    assert got.get("/ideas/%d" % iid) == idea_title
    assert text("en", "profile.no_activity") not in page
    for key in ("profile.threads", "profile.replies", "profile.reviews", "profile.ideas"):
        assert "<h3>%s</h3>" % text("en", key) in page
    joined = fh.one(stack, "SELECT DATE_FORMAT(created_at, '%%Y-%%m-%%d') FROM users "
                           "WHERE username = '%s'" % account.username)
    assert datetime.date.fromisoformat(joined)
    assert re.search(r'%s <time datetime="%s">' % (re.escape(text("en", "profile.joined")),
                                                     joined), page)

    es = profile(client(), account.username, "es")
    for key in ("profile.threads", "profile.replies", "profile.reviews", "profile.ideas"):
        assert "<h3>%s</h3>" % text("es", key) in es
    assert text("es", "profile.joined") in es


def test_a_new_member_has_nothing_yet(member, client):
    _, account = member
    page = profile(client(), account.username)
    assert text("en", "profile.no_activity") in page
    assert links(page) == {}


def test_a_held_thread_is_shown_to_its_author_not_to_visitors(stack, writer, client):
    c, account = writer
    title = "Held on profile %s" % th.unique_name("t")
    tid = fh.create_thread(c, "help", title)
    stack.sql("UPDATE threads SET status = 'held' WHERE id = %d" % tid)
    stack.sql("UPDATE posts SET status = 'held' WHERE thread_id = %d" % tid)
    assert "/t/%d" % tid not in links(profile(client(), account.username))
    assert links(profile(c, account.username)).get("/t/%d" % tid) == title


def test_badges_verified_buyer_and_solutions_in_both_languages(stack, writer, other, client):
    c, account = writer
    o, _ = other
    page = profile(client(), account.username)
    assert badge(page, "badge-verified") is None
    assert badge(page, "badge-solutions") is None

    sku = rh.make_product(stack)
    rh.import_order(stack, account.email, sku)
    rh.new_review(c, sku)
    page = profile(client(), account.username)
    assert badge(page, "badge-verified") == text("en", "profile.verified")
    assert badge(profile(client(), account.username, "es"), "badge-verified") == \
        text("es", "profile.verified")

    solved = []
    for _ in range(2):
        tid = fh.create_thread(o, "help")
        answer = fh.create_reply(c, tid, "Try holding the button.")
        r = fh.post_action(o, "/t/%d/solve" % tid, {"post": str(answer)}, page="/t/%d" % tid)
        assert r.status_code == 303, r.status_code
        solved.append(tid)
        n = len(solved)
        en = badge(profile(client(), account.username), "badge-solutions")
        es = badge(profile(client(), account.username, "es"), "badge-solutions")
        if n == 1:
            assert (en, es) == ("1 solution", "1 solución")
        else:
            assert (en, es) == ("2 solutions", "2 soluciones")
        assert client().get("/u/%s.json" % account.username).json()["user"]["badges"][
            "solutions"] == n

    # an answer that is unmarked no longer counts
    r = fh.post_action(o, "/t/%d/solve" % solved[0], {"post": "0"}, page="/t/%d" % solved[0])
    assert r.status_code == 303
    assert badge(profile(client(), account.username), "badge-solutions") == "1 solution"


def test_staff_and_moderator_badges(client):
    assert badge(profile(client(), "staff"), "badge-staff") == text("en", "badge.staff")
    assert badge(profile(client(), "moderadora"), "badge-mod") == text("en", "badge.moderator")
