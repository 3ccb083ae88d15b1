"""What an action says it did: after a POST that redirects (a flag, a
follow, a status, a review, signing up, logging out...), the page it leads
to says what happened once, in the reader's language, in a role="status"
region a screen reader reads out (web/feedback.h). The message travels in
a short-lived signed cookie that names a text of the language files: the
address stays the page's own, nothing typed in a cookie or an address is
shown, and a visitor's page kept by a worker neither carries nor swallows
someone's message."""

import html as htmllib
import re

import pytest

from ideas_http import new_idea
from mod_helpers import flag_ok, new_thread
from reviews_http import make_product, write_review
import tertulia_http as th

STATUS_RE = re.compile(
    r'<p class="notice notice-ok said" role="status" aria-live="polite">(.*?)</p>', re.S)


def said(page):
    """The texts of the page's feedback messages (a list: one at most)."""
    return [htmllib.unescape(m).strip() for m in STATUS_RE.findall(page)]


def follow(c, response):
    """GETs where a 303 leads; asserts it is a page."""
    assert response.status_code == 303, (response.status_code, response.text[:300])
    page = c.get(response.headers["Location"])
    assert page.status_code == 200, page.status_code
    return page


def in_spanish(c):
    """Makes c's pages Spanish (the member's setting when logged in), and
    uses up the switch's own message."""
    r = c.form("/lang", {"lang": "es", "next": "/"}, page="/")
    assert said(follow(c, r).text) == [th.text("es", "said.lang_changed")]


@pytest.fixture(scope="module")
def own(own_stack):
    """Visitors' pages kept for a minute by one worker a program, whoever
    just wrote included (cache.own_write_seconds = 0), so that kept pages
    meet messages. A stack of the module's own: the flags and new members'
    first posts made here stay out of the shared stack's moderation queue."""
    return own_stack(workers=1, extra_config={
        "cache.visitor_seconds": "60", "cache.own_write_seconds": "0"})


@pytest.fixture(scope="module")
def holding(own_stack):
    """A stack that holds members' first posts until a moderator approves
    them."""
    return own_stack(workers=1, extra_config={"moderation.first_posts_action": "hold"})


@pytest.fixture
def client(own):
    return lambda: th.Client(own.url)


@pytest.fixture
def as_demo(client):
    def make(name):
        c = client()
        th.login_ok(c, name)
        return c
    return make


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_flag_says_it_was_sent_once(client, lang):
    author = client()
    th.register(author)
    tid, pid = new_thread(author)
    c = client()
    th.register(c)
    if lang == "es":
        in_spanish(c)
    r = flag_ok(c, pid)
    # the address is the page's own: no message in it
    assert "said" not in r.headers["Location"] and "?" not in r.headers["Location"]
    page = follow(c, r)
    assert said(page.text) == [th.text(lang, "said.flagged")]
    assert th.html_lang(page.text) == lang
    # shown once: the page again, or the next one, says nothing
    assert said(c.get(r.headers["Location"]).text) == []
    assert said(c.get("/").text) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_signing_up_says_to_check_the_email(client, lang):
    c = client()
    headers = {"Accept-Language": lang}
    account = th.new_account()
    r = c.form("/register", {"username": account.username, "email": account.email,
                             "password": account.password, "next": "/ideas"},
               page="/register", headers=headers)
    assert r.status_code == 303 and r.headers["Location"] == "/ideas"
    page = c.get("/ideas", headers=headers)
    assert said(page.text) == [th.text(lang, "said.registered")]
    assert said(c.get("/ideas", headers=headers).text) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_logging_out_says_so(client, lang):
    c = client()
    th.register(c)
    if lang == "es":
        in_spanish(c)
    r = c.form("/logout", {}, page="/")
    page = follow(c, r)
    assert not c.session_cookie
    # a visitor now, who is told in the language they were using
    assert said(page.text) == [th.text(lang, "said.logged_out")]


def test_following_says_what_the_member_will_get(client):
    author = client()
    th.register(author)
    tid, _ = new_thread(author)
    c = client()
    th.register(c)
    r = c.form("/follow", {"kind": "thread", "id": str(tid), "level": "watch",
                           "next": "/t/%d" % tid}, page="/t/%d" % tid)
    assert said(follow(c, r).text) == [th.text("en", "said.follow_watch")]
    r = c.form("/follow", {"kind": "thread", "id": str(tid), "level": "none",
                           "next": "/t/%d" % tid}, page="/t/%d" % tid)
    assert said(follow(c, r).text) == [th.text("en", "said.follow_none")]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_status_change_says_so(client, as_demo, lang):
    author = client()
    th.register(author)
    idea = new_idea(author)
    staff = as_demo("staff")
    if lang == "es":
        in_spanish(staff)           # the demo account's setting: put back below
    try:
        r = staff.form("/ideas/%d/status" % idea, {"status": "planned", "note": "On the list."},
                       page="/ideas/%d" % idea)
        assert r.status_code == 303, th.field_errors(r.text)
        assert said(follow(staff, r).text) == [th.text(lang, "said.idea_status")]
    finally:
        if lang == "es":
            assert staff.form("/lang", {"lang": "en"}, page="/").status_code == 303


def test_a_json_client_gets_the_message_and_no_cookie(client):
    author = client()
    th.register(author)
    _, pid = new_thread(author)
    c = client()
    th.register(c)
    r = c.post("/posts/%d/flag" % pid, data={"reason": "spam", "csrf": c.json_token()},
               headers={"Accept": "application/json"})
    assert r.status_code == 200, r.text
    assert r.json()["message"] == th.text("en", "said.flagged")
    assert not th.cookie_line(r, "tertulia_said")


def test_a_message_is_only_ever_a_signed_one_of_the_language_files(client):
    author = client()
    th.register(author)
    _, pid = new_thread(author)
    c = client()
    th.register(c)
    r = flag_ok(c, pid)
    line = th.cookie_attrs(th.cookie_line(r, "tertulia_said"))
    assert line.get("httponly") and line.get("max-age") and int(line["max-age"]) <= 60
    token = line["value"]
    # another message's name under the same signature, or text of one's own,
    # shows nothing, and the cookie is dropped all the same
    for forged in (token.replace("flagged", "logged-out"), "<b>hello</b>.abc",
                   "flagged.99999999999"):
        for ck in [ck for ck in c.cookies if ck.name == "tertulia_said"]:
            c.cookies.clear(ck.domain, ck.path, ck.name)
        c.cookies.set("tertulia_said", forged, path="/")
        page = c.get("/")
        assert said(page.text) == []
        assert "hello" not in th.visible_text(page.text)
        assert th.cookie_attrs(th.cookie_line(page, "tertulia_said"))["max-age"] == "0"


# ---------------------------------------------- holds, kept pages

@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_first_review_held_for_moderation_says_so(holding, lang):
    sku = make_product(holding)
    c = th.Client(holding.url)
    th.register(c)
    if lang == "es":
        in_spanish(c)
    r = write_review(c, sku)
    page = follow(c, r)
    assert said(page.text) == [th.text(lang, "said.review_held")]


def test_a_kept_page_neither_swallows_nor_carries_a_message(own):
    member = th.Client(own.url)
    th.register(member)
    others = [th.Client(own.url) for _ in range(3)]
    # the member logs out; before they reach the home page, a visitor has it
    # drawn and kept
    r = member.form("/logout", {}, page="/")
    assert r.status_code == 303 and r.headers["Location"] == "/"
    assert said(others[0].get("/").text) == []
    # the member's page is not that kept page: it says they logged out
    assert said(member.get("/").text) == [th.text("en", "said.logged_out")]
    # and their page was not kept for the next visitor
    assert said(others[1].get("/").text) == []
    # a visitor switching languages, when nothing was kept yet in Spanish:
    # their page is drawn with the message, and kept for no one
    visitor = th.Client(own.url)
    r = visitor.form("/lang", {"lang": "es", "next": "/ideas"}, page="/")
    assert said(visitor.get("/ideas").text) == [th.text("es", "said.lang_changed")]
    others[2].cookies.set("tertulia_lang", "es", path="/")
    assert said(others[2].get("/ideas").text) == []
