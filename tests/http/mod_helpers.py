"""Helpers of the moderation tests: members who write threads and replies,
moderators, flags, actions (one item or many), the queue and the audit log
read the way a moderator reads them (their JSON twins)."""

import calendar
import re
import threading
import time

import pytest

import tertulia_http as th

REASON = "Breaks rule 2 of the community guidelines"


# ------------------------------------------------------------------ people

@pytest.fixture
def moderator(stack, client):
    """A client logged in as a new member who was made a moderator (English
    pages): (client, account)."""
    c = client()
    account = th.register(c)
    stack.ctl("user", "role", account.username, "+moderator")
    return c, account


@pytest.fixture
def members(client):
    """A factory: members(n) gives n newly registered, logged-in clients,
    each with its account: [(client, account), ...]."""
    def make(n):
        out = []
        for _ in range(n):
            c = client()
            out.append((c, th.register(c)))
        return out
    return make


@pytest.fixture
def trusted_members(stack, members):
    """A factory like members(n), of members whose flags count towards
    hiding: each has a published reply (in a thread of someone else's, so
    that their names stay off the home page) and an account two days old
    (moderation.flag_min_account_hours is 24)."""
    def make(n):
        out = members(n + 1)
        (host, _), out = out[0], out[1:]
        tid, _ = new_thread(host)
        for c, _ in out:
            reply(c, tid)
        stack.sql("UPDATE users SET created_at = created_at - INTERVAL 2 DAY "
                  "WHERE username IN (%s)" % ", ".join("'%s'" % a.username for _, a in out))
        return out
    return make


def user_id(stack, username):
    rows = stack.sql("SELECT id FROM users WHERE username = '%s'" % username)
    assert rows, "no user %s" % username
    return int(rows[0][0])


@pytest.fixture
def watched(moderator):
    """A factory adding a watched word through /mod/words: watched(action,
    replacement=None, word=None, lang="any") gives the word (a new one
    unless named); the words are removed again at the end of the test."""
    mod, _ = moderator
    added = []

    def add(action, replacement=None, word=None, lang="any"):
        word = word or "w%s" % th.unique_name("").replace("_", "x")
        data = {"word": word, "lang": lang, "action": action}
        if replacement is not None:
            data["replacement"] = replacement
        r = mod.form("/mod/words", data, page="/mod/words")
        assert r.status_code == 303, th.field_errors(r.text) or r.text[:300]
        added.append([w["id"] for w in mod.get("/mod/words.json").json()["words"]
                      if w["word"] == word][0])
        return word

    yield add
    for wid in added:
        mod.form("/mod/words/%d/delete" % wid, {}, page="/mod/words")


# ------------------------------------------------------------------ writing

def send(c, path, pairs, page="/", **kw):
    """POSTs a form with repeated fields (pairs: [(name, value), ...]) and the
    CSRF token of a page, as a browser does."""
    pairs = list(pairs) + [("csrf", c.token(page))]
    return c.post(path, data=pairs, **kw)


def new_thread(c, title=None, body=None, category="cafe"):
    """Starts a thread; returns (thread id, opening post id)."""
    title = title or "Thread %s" % th.unique_name("t")
    body = body or "Opening post of %s." % title
    r = c.form("/t/new", {"category": category, "title": title, "body": body},
               page="/t/new?c=" + category)
    assert r.status_code == 303, "new thread answered %d: %s" % (
        r.status_code, th.field_errors(r.text) or th.visible_text(r.text)[:300])
    m = re.match(r"^/t/(\d+)$", r.headers["Location"])
    assert m, r.headers["Location"]
    tid = int(m.group(1))
    posts = c.get("/t/%d.json" % tid).json()["posts"]
    return tid, posts[0]["id"]


def try_reply(c, tid, body):
    return c.form("/t/%d/reply" % tid, {"body": body}, page="/t/%d" % tid)


def reply(c, tid, body=None):
    """Replies to a thread; returns the reply's id."""
    body = body or "A reply %s." % th.unique_name("r")
    r = try_reply(c, tid, body)
    assert r.status_code == 303, "reply answered %d: %s" % (
        r.status_code, th.field_errors(r.text) or th.visible_text(r.text)[:300])
    m = re.search(r"#p(\d+)$", r.headers["Location"])
    assert m, r.headers["Location"]
    return int(m.group(1))


# ------------------------------------------------------------------ reading

def posts_seen(c, tid):
    """{post id: post} of what this client sees on the thread's first page
    ({} when the thread itself is not shown)."""
    r = c.get("/t/%d.json" % tid)
    if r.status_code == 404:
        return {}
    assert r.status_code == 200, r.text
    return {p["id"]: p for p in r.json().get("posts", [])}


def visitor(c):
    """A client of the same stack that is logged in as nobody."""
    return th.Client(c.base)


def at_once(calls):
    """Runs the callables in threads released together; their answers, in
    order."""
    barrier = threading.Barrier(len(calls))
    answers = [None] * len(calls)

    def go(i):
        barrier.wait()
        answers[i] = calls[i]()

    threads = [threading.Thread(target=go, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return answers


# ------------------------------------------------------------------ flags

def flag(c, post_id, reason="spam", note=None, kind="posts", **kw):
    data = {"reason": reason} if reason is not None else {}
    if note is not None:
        data["note"] = note
    return c.form("/%s/%d/flag" % (kind, post_id), data, page="/", **kw)


def flag_ok(c, post_id, reason="spam", note=None):
    r = flag(c, post_id, reason, note)
    assert r.status_code == 303, "flag answered %d: %s" % (
        r.status_code, th.visible_text(r.text)[:300])
    return r


# ------------------------------------------------------------------ the queue

def queue(mod, **filters):
    """Every entry of the moderation queue (all pages) with the filters, in
    the order the queue shows them."""
    out, page = [], 1
    while True:
        params = dict(filters, page=page)
        r = mod.get("/mod.json", params=params)
        assert r.status_code == 200, r.text
        data = r.json()
        out += data.get("queue", [])
        if not data.get("next_page"):
            return out
        page = data["next_page"]


def queued(mod, post_id, **filters):
    """The queue entry of a post, or None."""
    for e in queue(mod, **filters):
        if e["target_type"] == "post" and e["target_id"] == post_id:
            return e
    return None


def item(mod, post_id):
    """The moderator's page of one post (JSON twin): entry with item, flags
    and author."""
    r = mod.get("/mod/item/post/%d.json" % post_id)
    assert r.status_code == 200, r.text
    return r.json()["entry"]


# ------------------------------------------------------------------ actions

def act(mod, items, action, reason=REASON, from_queue=False, **extra):
    """POSTs /mod/action for the items ("post:12" strings or post ids)."""
    pairs = [("item", i if isinstance(i, str) else "post:%d" % i) for i in items]
    pairs.append(("action", action))
    if reason is not None:
        pairs.append(("reason", reason))
    if from_queue:
        pairs.append(("from_queue", "1"))
    pairs += list(extra.items())
    return send(mod, "/mod/action", pairs, page="/mod")


def act_ok(mod, items, action, reason=REASON, **kw):
    r = act(mod, items, action, reason, **kw)
    assert r.status_code == 303, "%s answered %d: %s" % (
        action, r.status_code, th.visible_text(r.text)[:400])
    return r


# ------------------------------------------------------------------ the log

def log_rows(mod, **filters):
    r = mod.get("/mod/log.json", params=filters)
    assert r.status_code == 200, r.text
    return r.json().get("log", [])


def logged(mod, actor, action, target_type, target_id, reason=REASON):
    """The audit log's row for this action (newest first), asserting what a
    moderator reads there: who, what, which item, why and when."""
    rows = [a for a in log_rows(mod, action=action, actor=actor)
            if a["target_type"] == target_type and a["target_id"] == target_id]
    assert rows, "no %s of %s %s by %s in the audit log" % (action, target_type, target_id, actor)
    row = rows[0]
    assert row["actor"] == actor
    assert row["reason"] == reason
    when = calendar.timegm(time.strptime(row["created_at"]["iso"], "%Y-%m-%dT%H:%M:%SZ"))
    assert abs(when - time.time()) < 600, row
    return row
