"""Search rankings kept by the worker (search.cache_seconds,
search.cache_after_ms; README, Performance). Ranking a word found in 10% of
500,000 posts takes InnoDB about 200 ms, so a ranking that was slow is kept
for a minute; the posts, reviews and ideas it names are read on every view.

So a kept ranking misses what was written after it, and only that: what a
moderator hides leaves the results at once. The other tests turn the cache
off (tests/stack.py); this module's own stack keeps every ranking
(cache_after_ms = 0) with one worker, so that a test's requests reach the
same cache."""

from urllib.parse import quote

import pytest

from mod_helpers import act_ok, new_thread, reply
import tertulia_http as th


@pytest.fixture(scope="module")
def own(own_stack):
    """A stack that keeps every ranking for a minute, one worker a program."""
    return own_stack(workers=1, extra_config={"search.cache_seconds": "60",
                                              "search.cache_after_ms": "0"})


def found(c, word):
    r = c.get("/search.json?type=post&q=" + quote(word))
    assert r.status_code == 200, r.text[:300]
    return [p["id"] for p in r.json().get("posts", [])]


def test_a_kept_ranking_shows_what_may_be_shown_now(own):
    author = th.Client(own.url)
    th.register(author)
    word = "wombat" + th.RUN
    tid, first = new_thread(author, body="A %s in the opening post." % word)
    assert found(author, word) == [first]          # ranked now, and kept

    second = reply(author, tid, "Another %s in a reply." % word)
    visitor = th.Client(own.url)
    # the kept ranking: the reply written after it is not found yet
    assert found(visitor, word) == [first]
    # another query is ranked afresh and finds both
    assert sorted(found(visitor, word + " opening")) == sorted([first, second])

    mod = th.Client(own.url)
    account = th.register(mod)
    own.ctl("user", "role", account.username, "+moderator")
    act_ok(mod, [first], "hide")
    # hidden: gone from the kept ranking's results at once
    assert found(visitor, word) == []
    page = visitor.get("/search?q=" + quote(word)).text
    assert "in the opening post" not in page
