"""Moderators' thread tools: lock and unlock, pin, move to another
category, and split replies off into a new thread. Each needs a reason and
a moderator, and goes to the audit log."""

import re

import pytest

import tertulia_http as th
from tertulia_http import text
from mod_helpers import (REASON, logged, members, moderator, new_thread,  # noqa: F401
                         posts_seen, reply, try_reply, visitor)


def tool(c, tid, name, **data):
    return c.form("/t/%d/%s" % (tid, name), data, page="/t/%d" % tid)


def tool_ok(c, tid, name, **data):
    r = tool(c, tid, name, **data)
    assert r.status_code == 303, "%s answered %d: %s" % (
        name, r.status_code, th.visible_text(r.text)[:300])
    return r


def split(c, tid, posts, title, reason=REASON):
    pairs = [("post", str(p)) for p in posts] + [("title", title), ("reason", reason),
                                                  ("csrf", c.token("/t/%d" % tid))]
    return c.post("/t/%d/split" % tid, data=pairs)


def category(c, slug):
    r = c.get("/c/%s.json" % slug)
    assert r.status_code == 200, r.text
    return r.json()


def thread(c, tid):
    r = c.get("/t/%d.json" % tid)
    assert r.status_code == 200, r.text
    return r.json()


# ================================================================== lock

def test_lock_refuses_replies_and_keeps_the_typed_text(members, moderator):
    (author, _), (other, _) = members(2)
    tid, _ = new_thread(author)
    mod, account = moderator
    r = tool_ok(mod, tid, "lock", on="1", reason="The question is answered")
    assert r.headers["Location"] == "/t/%d" % tid
    assert thread(visitor(author), tid)["thread"]["locked"] == 1
    logged(mod, account.username, "lock", "thread", tid, "The question is answered")

    body = "But I had one more thing to add about descaling."
    r = try_reply(other, tid, body)
    assert r.status_code == 403
    page = th.visible_text(r.text)
    assert text("en", "err.locked") in page
    assert body in page  # what was typed is not lost
    assert [p for p in posts_seen(other, tid).values() if "descaling" in p["html"]] == []


def test_unlock_lets_members_reply_again(members, moderator):
    (author, _), (other, _) = members(2)
    tid, _ = new_thread(author)
    mod, account = moderator
    tool_ok(mod, tid, "lock", on="1", reason=REASON)
    tool_ok(mod, tid, "lock", on="0", reason="New information arrived")
    assert thread(visitor(author), tid)["thread"]["locked"] == 0
    pid = reply(other, tid, "Here is the new information.")
    assert pid in posts_seen(visitor(author), tid)
    logged(mod, account.username, "unlock", "thread", tid, "New information arrived")


# ================================================================== pin

def test_pin_puts_a_thread_first_in_its_category(members, moderator):
    (a, _), (b, _) = members(2)
    older, _ = new_thread(a, category="recipes")
    newer, _ = new_thread(b, category="recipes")

    def order():
        threads = category(visitor(a), "recipes")["threads"]
        return [t["id"] for t in threads], {t["id"]: t for t in threads}

    ids, _ = order()
    assert ids.index(newer) < ids.index(older)
    mod, account = moderator
    tool_ok(mod, older, "pin", on="1", reason="Useful for everyone")
    ids, rows = order()
    assert rows[older]["pinned"] == 1
    assert ids.index(older) < ids.index(newer)
    assert all(rows[i]["pinned"] == 1 for i in ids[:ids.index(older)])
    assert text("en", "forum.pinned") in th.visible_text(visitor(a).get("/c/recipes").text)
    logged(mod, account.username, "pin", "thread", older, "Useful for everyone")

    tool_ok(mod, older, "pin", on="0", reason="Not news any more")
    ids, rows = order()
    assert rows[older]["pinned"] == 0
    assert ids.index(newer) < ids.index(older)
    logged(mod, account.username, "unpin", "thread", older, "Not news any more")


# ================================================================== move

def test_move_takes_the_thread_and_its_counts_along(members, moderator):
    (author, _), (other, _) = members(2)
    tid, _ = new_thread(author, category="cafe")
    reply(other, tid)
    reply(other, tid)
    v = visitor(author)
    cafe0, help0 = category(v, "cafe")["category"], category(v, "help")["category"]

    mod, account = moderator
    tool_ok(mod, tid, "move", category="help", reason="It is a support question")
    cafe1, help1 = category(v, "cafe")["category"], category(v, "help")["category"]
    assert cafe1["thread_count"] == cafe0["thread_count"] - 1
    assert cafe1["post_count"] == cafe0["post_count"] - 3
    assert help1["thread_count"] == help0["thread_count"] + 1
    assert help1["post_count"] == help0["post_count"] + 3
    assert thread(v, tid)["thread"]["category_slug"] == "help"
    assert tid in [t["id"] for t in category(v, "help")["threads"]]
    assert tid not in [t["id"] for t in category(v, "cafe")["threads"]]
    row = logged(mod, account.username, "move", "thread", tid, "It is a support question")
    assert "help" in row["detail"]


def test_move_to_an_unknown_category_is_400(members, moderator):
    (author, _), = members(1)
    tid, _ = new_thread(author, category="cafe")
    r = tool(moderator[0], tid, "move", category="no-such-place", reason=REASON)
    assert r.status_code == 400
    assert thread(visitor(author), tid)["thread"]["category_slug"] == "cafe"


# ================================================================== split

def test_split_moves_the_chosen_replies_into_a_new_thread(members, moderator):
    (author, _), (other, _) = members(2)
    tid, first = new_thread(author, category="help")
    r1 = reply(other, tid, "Reply one stays.")
    r2 = reply(other, tid, "Reply two is about something else.")
    r3 = reply(author, tid, "Reply three goes with it.")
    r4 = reply(other, tid, "Reply four stays too.")
    # the thread's author marks reply two as the answer
    assert author.form("/t/%d/solve" % tid, {"post": str(r2)},
                       page="/t/%d" % tid).status_code == 303
    v = visitor(author)
    help0 = category(v, "help")["category"]

    mod, account = moderator
    title = "Something else %s" % th.unique_name("s")
    r = split(mod, tid, [r3, r2], title, reason="Two topics in one thread")
    assert r.status_code == 303, th.visible_text(r.text)[:300]
    new = int(re.match(r"^/t/(\d+)$", r.headers["Location"]).group(1))

    made = thread(v, new)
    assert made["thread"]["title"] == title
    assert made["thread"]["category_slug"] == "help"
    assert [(p["id"], p["position"]) for p in made["posts"]] == [(r2, 1), (r3, 2)]
    assert made["thread"]["reply_count"] == 1

    source = thread(v, tid)
    assert [p["id"] for p in source["posts"]] == [first, r1, r4]
    assert source["thread"]["reply_count"] == 2
    assert "solved_post_id" not in source["thread"]  # its answer moved away
    assert "answer" not in source

    assert category(v, "help")["category"]["thread_count"] == help0["thread_count"] + 1
    assert category(v, "help")["category"]["post_count"] == help0["post_count"]
    row = logged(mod, account.username, "split", "thread", new, "Two topics in one thread")
    assert str(new) in row["detail"]


def test_split_takes_a_reply_named_twice_once(members, moderator):
    (author, _), = members(1)
    tid, _ = new_thread(author)
    r1 = reply(author, tid)
    r2 = reply(author, tid)
    r = split(moderator[0], tid, [r1, r1, r2], "Twice named %s" % th.unique_name("n"))
    assert r.status_code == 303
    made = thread(visitor(author), int(r.headers["Location"].rsplit("/", 1)[1]))
    assert [(p["id"], p["position"]) for p in made["posts"]] == [(r1, 1), (r2, 2)]
    assert made["thread"]["reply_count"] == 1


def test_split_refuses_posts_of_another_thread_and_an_empty_choice(members, moderator):
    (author, _), = members(1)
    tid, first = new_thread(author)
    other_tid, _ = new_thread(author)
    foreign = reply(author, other_tid)
    mod, _ = moderator
    title = "New thread %s" % th.unique_name("n")
    assert split(mod, tid, [foreign], title).status_code == 400
    assert split(mod, tid, [first], title).status_code == 400  # the opening post stays
    assert split(mod, tid, [], title).status_code == 400
    assert split(mod, tid, ["abc"], title).status_code == 400
    assert foreign in posts_seen(visitor(author), other_tid)
    assert first in posts_seen(visitor(author), tid)


# ================================================================== who and why

TOOLS = [("lock", {"on": "1"}), ("pin", {"on": "1"}), ("move", {"category": "help"}),
         ("split", {"title": "A new thread title"})]


@pytest.mark.parametrize("name,data", TOOLS)
def test_each_tool_needs_a_reason(members, moderator, name, data):
    (author, _), = members(1)
    tid, _ = new_thread(author, category="cafe")
    rid = reply(author, tid)
    mod, account = moderator
    for reason in (None, "", "   ", "ok"):
        fields = dict(data, post=str(rid))
        if reason is not None:
            fields["reason"] = reason
        r = tool(mod, tid, name, **fields)
        assert r.status_code == 400, (name, reason)
        # the page says which field, by its label, and what is wrong with it
        shown = th.visible_text(r.text)
        assert "%s : " % text("en", "field.reason") in shown, shown[:400]
        assert ("Too short" if reason == "ok" else "This field is required") in shown
    # in Spanish too
    assert mod.form("/lang", {"lang": "es"}).status_code == 303
    r = tool(mod, tid, name, **dict(data, post=str(rid), reason="ok"))
    assert r.status_code == 400
    shown = th.visible_text(r.text)
    assert "%s : " % text("es", "field.reason") in shown and "reason :" not in shown, shown[:400]
    assert mod.form("/lang", {"lang": "en"}).status_code == 303
    t = thread(visitor(author), tid)
    assert t["thread"]["locked"] == 0 and t["thread"]["pinned"] == 0
    assert t["thread"]["category_slug"] == "cafe"
    assert [p["id"] for p in t["posts"]][-1] == rid
    assert mod.get("/mod/log.json", params={"actor": account.username}).json().get("log") is None


@pytest.mark.parametrize("name,data", TOOLS)
def test_each_tool_needs_a_moderator(members, name, data):
    (author, _), (other, _) = members(2)
    tid, _ = new_thread(author, category="cafe")
    rid = reply(author, tid)
    for c in (author, other):
        r = tool(c, tid, name, reason=REASON, post=str(rid), **data)
        assert r.status_code == 403, name
    t = thread(visitor(author), tid)
    assert t["thread"]["locked"] == 0 and t["thread"]["pinned"] == 0
    assert t["thread"]["category_slug"] == "cafe"


def test_tools_show_only_to_moderators(members, moderator):
    (author, _), = members(1)
    tid, _ = new_thread(author)
    assert 'action="/t/%d/lock"' % tid not in author.get("/t/%d" % tid).text
    page = moderator[0].get("/t/%d" % tid).text
    for name in ("lock", "pin", "move", "split"):
        assert 'action="/t/%d/%s"' % (tid, name) in page


def test_tool_on_a_thread_that_does_not_exist_is_404(moderator):
    for name, data in TOOLS:
        r = moderator[0].form("/t/999999999/%s" % name, dict(data, reason=REASON, post="1"))
        assert r.status_code == 404, name
