"""Helpers of the notification and email tests: following, reading the
notifications as a member reads them (the page and its JSON twin), members
whose address is confirmed through the emailed link, and the outbox rows."""

import re

import tertulia_http as th
from stack import wait_until


# ------------------------------------------------------------------ following

def follow(c, kind, target_id, level, **kw):
    return c.form("/follow", {"kind": kind, "id": str(target_id), "level": level},
                  page="/notifications/following", **kw)


def follow_ok(c, kind, target_id, level):
    r = follow(c, kind, target_id, level)
    assert r.status_code == 303, "follow answered %d: %s" % (r.status_code, r.text[:300])
    return r


# ------------------------------------------------------------------ reading

def groups(c):
    """The lines of /notifications (first page), as its JSON twin has them."""
    r = c.get("/notifications.json")
    assert r.status_code == 200, r.text
    return r.json().get("groups", [])


def texts(c):
    return [g["text"] for g in groups(c)]


def unread_badge(c, page="/"):
    """The unread count the page header shows ("" when it shows none)."""
    r = c.get(page)
    assert r.status_code == 200, r.text[:300]
    m = re.search(r'class="unread-count">([^<]*)<', r.text)
    return m.group(1) if m else ""


def wait_for(predicate, timeout=20, what="condition"):
    return wait_until(predicate, timeout, interval=0.2, what=what)


# ------------------------------------------------------------------ email

def confirm_address(c, sink, account):
    """Follows the confirmation link mailed at registration, as the member
    does: opens it, presses the button. Returns the message."""
    m = sink.to(account.email, subject=None)
    link = m.link("/settings/verify?token=")
    path = link[link.index("/settings/verify"):]
    r = c.get(path)
    assert r.status_code == 200, r.text[:300]
    r = c.post("/settings/verify", data={"token": path.split("token=")[1],
                                         "csrf": th.csrf_of(r.text)})
    assert r.status_code == 303, r.text[:300]
    return m


def verified_member(client, sink, lang=None):
    """A newly registered member who confirmed their address: (client, account)."""
    c = client()
    if lang:
        c.headers["Accept-Language"] = lang
    account = th.register(c)
    confirm_address(c, sink, account)
    return c, account


def outbox(stack, where):
    """Rows of the outbox (kind, status, attempts, last_error) matching a
    WHERE clause written by the test."""
    return stack.sql("SELECT id, kind, status, attempts, last_error FROM outbox WHERE " + where)


def path_of(url):
    return url[url.index("/", url.index("//") + 2):]
