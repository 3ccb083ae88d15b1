"""Who can hide content by flagging it: only established members' flags
count towards moderation.flags_to_hide (accounts a day old with something
published, and moderators, staff and admins); the others are recorded and
queued for a moderator. Staff, moderators' and admins' content is never
hidden by flags alone."""

import pytest

import tertulia_http as th
from mod_helpers import (flag_ok, members, moderator, new_thread, posts_seen, queued,  # noqa: F401
                         reply, trusted_members, user_id, visitor)


def test_flags_from_new_accounts_are_queued_but_do_not_hide(members, moderator):
    (host, _), (author, _), *flaggers = members(5)
    tid, _ = new_thread(host)
    body = "An honest opinion %s" % th.unique_name("o")
    pid = reply(author, tid, body)
    for c, _ in flaggers:
        flag_ok(c, pid, "spam")
    assert pid in posts_seen(visitor(host), tid)
    assert body in visitor(host).get("/t/%d" % tid).text
    e = queued(moderator[0], pid)
    assert e["cause"] == "flags"
    assert e["item"]["status"] == "visible"
    assert sorted(f["flagger"] for f in e["flags"]) == sorted(a.username for _, a in flaggers)


def test_old_accounts_with_nothing_published_do_not_hide(stack, members, moderator):
    (host, _), (author, _), *flaggers = members(5)
    stack.sql("UPDATE users SET created_at = created_at - INTERVAL 30 DAY WHERE username IN (%s)"
              % ", ".join("'%s'" % a.username for _, a in flaggers))
    tid, _ = new_thread(host)
    pid = reply(author, tid)
    for c, _ in flaggers:
        flag_ok(c, pid, "abuse")
    assert pid in posts_seen(visitor(host), tid)
    assert len(queued(moderator[0], pid)["flags"]) == 3


def test_published_accounts_made_today_do_not_hide(stack, members, moderator):
    (host, _), (author, _), *flaggers = members(5)
    tid, _ = new_thread(host)
    for c, _ in flaggers:
        reply(c, tid)        # something published, but the account is new
    pid = reply(author, tid)
    for c, _ in flaggers:
        flag_ok(c, pid, "spam")
    assert pid in posts_seen(visitor(host), tid)


def test_new_accounts_flags_add_to_established_ones_only_as_records(members, trusted_members,
                                                                    moderator):
    (host, _), (author, _), *fresh = members(5)
    trusted = trusted_members(2)
    tid, _ = new_thread(host)
    pid = reply(author, tid)
    for c, _ in fresh + trusted:
        flag_ok(c, pid, "spam")
    # five flags, two that count: still shown
    assert pid in posts_seen(visitor(host), tid)
    (third, _), = trusted_members(1)
    flag_ok(third, pid, "spam")
    assert pid not in posts_seen(visitor(host), tid)
    assert len(queued(moderator[0], pid)["flags"]) == 6


@pytest.mark.parametrize("role", ["staff", "moderator", "admin"])
def test_flags_never_hide_the_content_of_staff_moderators_or_admins(stack, members,
                                                                    trusted_members, moderator,
                                                                    role):
    (host, _), (author, account) = members(2)
    stack.ctl("user", "role", account.username, "+" + role)
    tid, _ = new_thread(host)
    body = "An official answer %s" % th.unique_name("a")
    pid = reply(author, tid, body)
    assert pid in posts_seen(visitor(host), tid)
    for c, _ in trusted_members(3):
        flag_ok(c, pid, "spam")
    assert pid in posts_seen(visitor(host), tid)
    assert body in visitor(host).get("/t/%d" % tid).text
    e = queued(moderator[0], pid)
    assert e["cause"] == "flags"
    assert len(e["flags"]) == 3
    assert e["item"]["status"] == "visible"
