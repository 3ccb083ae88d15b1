"""Moderation: content the text analysis finds abusive goes to the queue
with the cause "abusive", visible (flagged) with the default configuration
and hidden until approved with moderation.abusive_action = hold. A harsh
but fair review is not abusive. The rule itself is tested word by word in
tests/unit/test_sentiment_abuse.c.
"""

import pytest

import tertulia_http as th
from tertulia_http import text
from mod_helpers import members, moderator, new_thread, posts_seen, queued, reply, visitor  # noqa: F401

ABUSE_EN = "You are an idiot and nobody wants your opinion here."
ABUSE_ES = "Eres un imbécil y no tienes ni idea de cafeteras."
HARSH = ("This kettle is awful: it leaks, the lid broke after a week and support "
         "never answered. Stupid design. Avoid.")


def test_abusive_reply_is_queued_and_stays_visible_by_default(members, moderator):
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    abusive = reply(author, tid, ABUSE_EN)
    spanish = reply(author, tid, ABUSE_ES)
    # flagged, not held: everyone still reads them
    seen = posts_seen(visitor(host), tid)
    assert abusive in seen and spanish in seen

    mod, _ = moderator
    for pid, term in ((abusive, "idiot"), (spanish, "imbecil")):
        e = queued(mod, pid)
        assert e is not None, "post %d is not in the queue" % pid
        assert e["cause"] == "abusive"
        assert term in e["detail"]
        assert e["item"]["status"] == "visible"


def test_harsh_review_is_not_abusive(members, moderator):
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    reply(author, tid)
    reply(author, tid)  # past the new member's first posts
    pid = reply(author, tid, HARSH)
    assert pid in posts_seen(visitor(host), tid)
    assert queued(moderator[0], pid) is None


def test_quoting_an_insult_to_answer_it_is_not_abusive(members, moderator):
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    reply(author, tid)
    reply(author, tid)  # past the new member's first posts
    pid = reply(author, tid, "> %s\n\nPlease keep it civil, we are all customers here." % ABUSE_EN)
    assert pid in posts_seen(visitor(host), tid)
    assert queued(moderator[0], pid) is None
    # the same words as its own still are
    pid = reply(author, tid, ABUSE_EN)
    assert queued(moderator[0], pid)["cause"] == "abusive"


@pytest.mark.parametrize("written", [
    "You are an id**iot** and nobody wants your opinion here.",
    "You are an &#105;diot and nobody wants your opinion here.",
    "You are an id<b></b>iot and nobody wants your opinion here.",
])
def test_an_insult_split_by_markup_or_entities_is_still_found(members, moderator, written):
    """The text analysis reads what readers see, not the Markdown source."""
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    reply(author, tid)
    reply(author, tid)  # past the new member's first posts
    pid = reply(author, tid, written)
    e = queued(moderator[0], pid)
    assert e is not None and e["cause"] == "abusive", e
    assert "idiot" in e["detail"]


def queue_page_of(mod, pid):
    """The visible text of the queue's page that shows post pid."""
    page = 1
    while page:
        r = mod.get("/mod?type=post&page=%d" % page)
        assert r.status_code == 200
        if '"/mod/item/post/%d"' % pid in r.text:
            return th.visible_text(r.text)
        page = mod.get("/mod.json?type=post&page=%d" % page).json().get("next_page")
    raise AssertionError("post %d is on no page of the queue" % pid)


@pytest.fixture(scope="module")
def held_stack(own_stack):
    """A stack configured to hold what the text analysis finds abusive."""
    return own_stack(workers=1, demo=True, extra_config={"moderation.abusive_action": "hold"})


def test_held_configuration_hides_an_abusive_reply_until_approved(held_stack):
    host, author, mod = (th.Client(held_stack.url) for _ in range(3))
    th.register(host)
    th.register(author)
    mod_account = th.register(mod)
    held_stack.ctl("user", "role", mod_account.username, "+moderator")
    tid, _ = new_thread(host)
    pid = reply(author, tid, ABUSE_EN)
    fair = reply(author, tid, HARSH)

    assert pid not in posts_seen(visitor(host), tid)
    assert fair in posts_seen(visitor(host), tid)
    assert posts_seen(author, tid)[pid]["status"] == "held"
    assert text("en", "thread.held") in th.visible_text(author.get("/t/%d" % tid).text)

    e = queued(mod, pid)
    assert e["cause"] == "abusive" and "idiot" in e["detail"]
    assert e["item"]["status"] == "held"
    assert text("en", "mod.cause_abusive") in queue_page_of(mod, pid)
    # the fair review was queued as a new member's post, not as abuse
    assert queued(mod, fair)["cause"] == "new_member"
