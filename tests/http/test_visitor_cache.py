"""Pages kept for visitors (cache.visitor_seconds; web/visitor_cache.h;
README, Performance). A visitor's page of a thread, a category, a product or
the ideas is the same for every visitor in one language but for the form
token, so each worker serves it again for a few seconds without reading the
database. What must stay true, checked here on a stack of its own that keeps
pages for a minute (the other tests turn the cache off, tests/stack.py):

- each visitor gets their own form token in a kept page, and it works;
- members never get a kept page;
- any write, in any program or by tertuliactl, makes every kept page old
  at once;
- a kept thread view is still counted;
- a page asked for with another Host is served to no one else.

Members' pages are drawn for each member, but the rows that are the same
for every reader (a thread and a page of its posts, the insight filters'
lists) are kept on the same terms (web/kept_reads.h): each member still
sees only what they may, and a write makes the rows old at once."""

import re
import time

import pytest

from mod_helpers import act_ok, new_thread, posts_seen, reply
import tertulia_http as th


@pytest.fixture(scope="module")
def own(own_stack):
    """A stack that keeps visitors' pages for a minute, with one worker a
    program, so that a test's requests reach the same cache. Whoever just
    wrote is not read afresh here (cache.own_write_seconds = 0), so that
    the tests see what is kept (test_hosts.py tests the fresh reads)."""
    return own_stack(workers=1, extra_config={"cache.visitor_seconds": "60",
                                              "cache.own_write_seconds": "0"})


def title_of(page):
    m = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert m, page[:500]
    return th.visible_text(m.group(1)).strip()


def test_a_kept_page_carries_each_visitors_own_token(own):
    author = th.Client(own.url)
    account = th.register(author)
    tid, _ = new_thread(author, title="Kept for visitors %s" % th.RUN)
    first, second = th.Client(own.url), th.Client(own.url)
    page1 = first.get("/t/%d" % tid).text            # drawn, and kept
    # changed behind the programs' back: no write through them marks it
    own.sql("UPDATE threads SET title = 'Changed %s' WHERE id = %d" % (th.RUN, tid))
    page2 = second.get("/t/%d" % tid).text
    assert title_of(page2) == title_of(page1) == "Kept for visitors %s" % th.RUN
    # the same page, but each visitor's own token in its forms
    token1, token2 = th.csrf_of(page1), th.csrf_of(page2)
    assert token1 != token2
    assert page2.replace(token2, token1) == page1
    # ... and the second visitor's token is good for a form
    r = second.post("/login", data={"csrf": token2, "username": "nobody-%s" % th.RUN,
                                    "password": "not the password"})
    assert r.status_code != 403, th.visible_text(r.text)[:300]
    assert th.text("en", "err.csrf") not in r.text
    # a member never gets a visitor's page: theirs has their name and the
    # reply form (its rows may be kept: nothing wrote through the programs)
    mine = author.get("/t/%d" % tid).text
    assert 'name="body"' in mine and 'name="body"' not in page1
    assert account.username in th.visible_text(mine)


def test_any_write_makes_kept_pages_old(own):
    author = th.Client(own.url)
    th.register(author)
    tid, _ = new_thread(author, title="Written to %s" % th.RUN)
    visitor = th.Client(own.url)
    assert visitor.get("/t/%d" % tid).status_code == 200             # kept
    body = "A reply %s seen by visitors at once." % th.unique_name("r")
    reply(author, tid, body)
    assert body in visitor.get("/t/%d" % tid).text
    # a write in another program (accounts: a login) counts as much
    own.sql("UPDATE threads SET title = 'Renamed %s' WHERE id = %d" % (th.RUN, tid))
    assert title_of(visitor.get("/t/%d" % tid).text) == "Written to %s" % th.RUN
    member = th.Client(own.url)
    account = th.register(member)
    assert th.login(th.Client(own.url), account.username, account.password).status_code == 303
    assert title_of(visitor.get("/t/%d" % tid).text) == "Renamed %s" % th.RUN
    # ... and a tertuliactl command that writes
    own.sql("UPDATE threads SET title = 'Retitled %s' WHERE id = %d" % (th.RUN, tid))
    assert title_of(visitor.get("/t/%d" % tid).text) == "Renamed %s" % th.RUN
    own.ctl("user", "role", account.username, "+staff")
    assert title_of(visitor.get("/t/%d" % tid).text) == "Retitled %s" % th.RUN
    # the home page and the category too
    home = visitor.get("/").text
    assert "Retitled %s" % th.RUN in home or "/t/%d" % tid not in home


def test_the_json_twin_is_kept_apart_from_the_page(own):
    author = th.Client(own.url)
    th.register(author)
    tid, _ = new_thread(author)
    visitor = th.Client(own.url)
    assert visitor.get("/t/%d" % tid).headers["Content-Type"].startswith("text/html")
    twin = visitor.get("/t/%d.json" % tid)
    assert twin.headers["Content-Type"].startswith("application/json")
    assert twin.json()["thread"]["id"] == tid
    again = visitor.get("/t/%d.json" % tid)
    assert again.json() == twin.json()
    es = th.Client(own.url)
    es.headers["Accept-Language"] = "es"
    assert 'lang="es"' in es.get("/t/%d" % tid).text


@pytest.mark.slow
def test_kept_thread_views_are_counted(own):
    author = th.Client(own.url)
    th.register(author)
    tid, _ = new_thread(author)
    before = int(own.sql("SELECT views FROM threads WHERE id = %d" % tid)[0][0])
    visitor = th.Client(own.url)
    for _ in range(5):                      # drawn once, then kept
        assert visitor.get("/t/%d" % tid).status_code == 200
    time.sleep(11)                          # views are written every 10 s
    assert visitor.get("/t/%d" % tid).status_code == 200
    after = int(own.sql("SELECT views FROM threads WHERE id = %d" % tid)[0][0])
    # six by the visitor, and the author's own look (new_thread reads the
    # thread) unless it was written before `before` was read
    assert after - before in (6, 7), (before, after)


def test_a_page_asked_for_with_another_host_is_served_to_no_one_else(own):
    author = th.Client(own.url)
    th.register(author)
    tid, _ = new_thread(author)
    evil = th.Client(own.url)
    r = evil.get("/t/%d" % tid, headers={"Host": "evil.example"})
    assert r.status_code == 200
    assert "evil.example" in r.text                 # its links, in JSON-LD
    assert "evil.example" not in th.Client(own.url).get("/t/%d" % tid).text


def test_members_share_kept_rows_but_each_sees_only_what_they_may(own):
    author, other, mod = th.Client(own.url), th.Client(own.url), th.Client(own.url)
    th.register(author)
    th.register(other)
    own.ctl("user", "role", th.register(mod).username, "+moderator")
    tid, opening = new_thread(author, title="Kept rows %s" % th.RUN)
    hidden = reply(author, tid, "Hidden by a moderator %s." % th.unique_name("h"))
    act_ok(mod, [hidden], "hide")
    # the moderator's read keeps the thread and all its posts
    assert set(posts_seen(mod, tid)) == {opening, hidden}
    own.sql("UPDATE threads SET title = 'Behind their back %s' WHERE id = %d" % (th.RUN, tid))
    # the same kept rows: the author still sees their hidden reply, the
    # other member does not
    assert set(posts_seen(author, tid)) == {opening, hidden}
    assert set(posts_seen(other, tid)) == {opening}
    assert "<p>Hidden by a moderator" not in other.get("/t/%d" % tid).text
    assert title_of(other.get("/t/%d" % tid).text) == "Kept rows %s" % th.RUN
    # a write through the programs makes the rows old for everyone at once
    body = "A reply everyone sees %s." % th.unique_name("r")
    shown = reply(other, tid, body)
    assert set(posts_seen(author, tid)) == {opening, hidden, shown}
    assert title_of(author.get("/t/%d" % tid).text) == "Behind their back %s" % th.RUN
    act_ok(mod, [hidden], "restore")
    assert set(posts_seen(other, tid)) == {opening, hidden, shown}


def test_a_members_home_and_category_show_a_new_thread_at_once(own):
    reader, writer = th.Client(own.url), th.Client(own.url)
    th.register(reader)
    th.register(writer)
    assert reader.get("/").status_code == 200               # its lists kept now
    assert reader.get("/c/cafe").status_code == 200
    title = "New on the home page %s" % th.unique_name("t")
    tid, _ = new_thread(writer, title=title)
    assert title in reader.get("/").text
    assert title in reader.get("/c/cafe").text
    # kept: a change behind the programs' back shows only after a write
    own.sql("UPDATE threads SET title = 'Quietly renamed %s' WHERE id = %d" % (th.RUN, tid))
    assert title in reader.get("/").text
    reply(writer, tid)
    assert "Quietly renamed %s" % th.RUN in reader.get("/").text
    assert "Quietly renamed %s" % th.RUN in reader.get("/c/cafe").text
