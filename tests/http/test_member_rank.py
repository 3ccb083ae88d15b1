"""Rank: who may act against whom. Members rank below the company's people
(moderator, staff, marketing), who rank below admins; an action against a
member (warn, silence, suspend, a change of roles) or against what they
wrote (hide, delete, edit) needs a higher rank than theirs, and never
targets one's own account. And a suspension or silence can be lifted:
from the admin page and with `tertuliactl user unsuspend`, both in the
audit log."""

import pytest

import tertulia_http as th
from tertulia_http import text
from mod_helpers import (act, act_ok, log_rows, logged, members, moderator,  # noqa: F401
                         new_thread, posts_seen, user_id)


def with_role(stack, client, role, lang=None):
    """A new member given role (None: a plain member), logged in, its pages
    in lang when given: (client, account)."""
    c = client()
    if lang:
        c.headers["Accept-Language"] = lang
    account = th.register(c)
    if role:
        stack.ctl("user", "role", account.username, "+" + role)
    return c, account


def refused(r, lang="en", key="err.rank"):
    assert r.status_code == 403, (r.status_code, th.visible_text(r.text)[:300])
    assert text(lang, key) in th.visible_text(r.text)


def can_log_in(client, account):
    return th.login(client(), account.username, account.password).status_code == 303


def actions_by(mod, actor):
    return [(a["action"], a["target_type"], a["target_id"]) for a in log_rows(mod, actor=actor)]


# ================================================================== moderation actions

def test_a_moderator_cannot_suspend_silence_or_take_down_an_admin(stack, client, moderator):
    admin, admin_account = with_role(stack, client, "admin")
    tid, pid = new_thread(admin)
    mod, mod_account = moderator
    for action in ("suspend", "silence", "warn", "hide", "delete", "edit"):
        refused(act(mod, [pid], action, days="3650", body="Rewritten by a moderator"))
    # nothing happened to the admin or the post, and nothing was logged
    assert can_log_in(client, admin_account)
    assert admin.get("/index.json").json()["me"]["name"] == admin_account.username
    assert stack.sql("SELECT suspended_until IS NULL, silenced_until IS NULL FROM users "
                     "WHERE username = '%s'" % admin_account.username) == [["1", "1"]]
    seen = posts_seen(client(), tid)[pid]
    assert seen["status"] == "visible"
    assert "Rewritten" not in seen["html"]
    assert actions_by(mod, mod_account.username) == []


def test_moderators_cannot_act_on_each_other_nor_on_themselves(stack, client, moderator):
    other, other_account = with_role(stack, client, "moderator")
    _, other_pid = new_thread(other)
    mod, mod_account = moderator
    _, own_pid = new_thread(mod)
    refused(act(mod, [other_pid], "silence", days="30"))
    refused(act(mod, [other_pid], "suspend", days="30"))
    refused(act(mod, [own_pid], "silence", days="30"), key="err.rank_self")
    refused(act(mod, [own_pid], "suspend", days="30"), key="err.rank_self")
    # staff and marketing rank with moderators
    for role in ("staff", "marketing"):
        c, _ = with_role(stack, client, role)
        _, pid = new_thread(c)
        refused(act(mod, [pid], "suspend", days="3"))
    assert can_log_in(client, other_account)
    assert mod.get("/index.json").json()["me"]["name"] == mod_account.username
    r = mod.form("/t/%d/reply" % new_thread(other)[0], {"body": "Still able to post"},
                 page="/")
    assert r.status_code == 303, "the moderator was silenced"
    assert actions_by(mod, mod_account.username) == []
    # one's own content is one's own to take down
    act_ok(mod, [own_pid], "hide")


def test_the_refusal_is_in_the_moderators_language(stack, client):
    mod, _ = with_role(stack, client, "moderator", lang="es-ES,es;q=0.9")
    admin, _ = with_role(stack, client, "admin")
    _, pid = new_thread(admin)
    refused(act(mod, [pid], "suspend", days="3"), lang="es")
    _, own = new_thread(mod)
    refused(act(mod, [own], "silence", days="3"), lang="es", key="err.rank_self")


def test_rank_still_lets_the_higher_act(stack, client, moderator, members):
    (author, account), = members(1)
    _, pid = new_thread(author)
    mod, _ = moderator
    act_ok(mod, [pid], "silence", days="1")          # a moderator on a member
    admin, admin_account = with_role(stack, client, "admin")
    _, mod_pid = new_thread(mod)
    act_ok(admin, [mod_pid], "silence", days="1")    # an admin on a moderator
    logged(admin, admin_account.username, "silence", "user",
           user_id(stack, moderator[1].username))


def test_a_bulk_action_leaves_out_those_out_of_reach(stack, client, moderator, members):
    (author, _), = members(1)
    tid, pid = new_thread(author)
    admin, _ = with_role(stack, client, "admin")
    admin_tid, admin_pid = new_thread(admin)
    mod, _ = moderator
    r = act_ok(mod, [pid, admin_pid], "hide")
    assert r.headers["Location"] == "/mod?done=1&conflicts=0&refused=1"
    assert text("en", "mod.refused") in th.visible_text(mod.get(r.headers["Location"]).text)
    v = client()
    assert posts_seen(v, admin_tid)[admin_pid]["status"] == "visible"
    assert pid not in posts_seen(v, tid)


# ================================================================== roles

def test_an_admin_cannot_change_another_admins_roles(stack, client):
    admin, admin_account = with_role(stack, client, "admin")
    _, other = with_role(stack, client, "admin")
    r = admin.form("/admin/roles", {"username": other.username, "moderator": "on"},
                   page="/admin")
    refused(r)
    assert stack.sql("SELECT roles FROM users WHERE username = '%s'" % other.username) == [
        ["admin"]]
    # one's own roles beyond admin stay one's own (the marketing digest)
    r = admin.form("/admin/roles", {"username": admin_account.username, "admin": "on",
                                    "marketing": "on"}, page="/admin")
    assert r.status_code == 303
    # and a member below is still the admin's to promote
    _, member = with_role(stack, client, None)
    r = admin.form("/admin/roles", {"username": member.username, "moderator": "on"},
                   page="/admin")
    assert r.status_code == 303


# ================================================================== lifting

def restricted(admin):
    r = admin.get("/admin.json")
    assert r.status_code == 200, r.text[:300]
    return {u["username"]: u for u in r.json().get("restricted", [])}


def test_the_admin_page_lists_and_lifts_suspensions_and_silences(stack, client, moderator,
                                                                 members):
    (author, account), (quiet, quiet_account) = members(2)
    _, pid = new_thread(author)
    _, quiet_pid = new_thread(quiet)
    mod, _ = moderator
    act_ok(mod, [pid], "suspend", days="3650")
    act_ok(mod, [quiet_pid], "silence", days="30")
    assert not can_log_in(client, account)

    admin, admin_account = with_role(stack, client, "admin")
    listed = restricted(admin)
    assert "suspended_until_at" in listed[account.username]
    assert "silenced_until_at" not in listed[account.username]
    assert "silenced_until_at" in listed[quiet_account.username]
    page = th.visible_text(admin.get("/admin").text)
    assert text("en", "admin.restricted") in page and account.username in page

    # a POST without the form's token changes nothing
    r = admin.post("/admin/lift", data={"username": account.username})
    assert r.status_code == 403
    assert not can_log_in(client, account)

    r = admin.form("/admin/lift", {"username": account.username}, page="/admin")
    assert r.status_code == 303
    assert account.username in th.visible_text(admin.get(r.headers["Location"]).text)
    assert can_log_in(client, account)
    assert account.username not in restricted(admin)
    row = logged(mod, admin_account.username, "lift", "user",
                 user_id(stack, account.username), reason="")
    assert "suspended until" in row["detail"]

    r = admin.form("/admin/lift", {"username": quiet_account.username}, page="/admin")
    assert r.status_code == 303
    r = quiet.form("/t/%d/reply" % new_thread(author)[0], {"body": "Talking again"}, page="/")
    assert r.status_code == 303


def test_the_admin_page_is_whole_in_spanish(stack, client, moderator, members):
    (author, account), = members(1)
    _, pid = new_thread(author)
    act_ok(moderator[0], [pid], "suspend", days="2")
    admin, _ = with_role(stack, client, "admin", lang="es-ES,es;q=0.9")
    page = th.visible_text(admin.get("/admin").text)
    for key in ("admin.restricted", "admin.suspended_until", "admin.lift"):
        assert text("es", key) in page, key


def test_lifting_is_only_for_admins(stack, client, moderator, members):
    (author, account), = members(1)
    _, pid = new_thread(author)
    mod, _ = moderator
    act_ok(mod, [pid], "suspend", days="2")
    r = mod.form("/admin/lift", {"username": account.username}, page="/mod")
    assert r.status_code == 403
    assert not can_log_in(client, account)


def suspended(stack, account):
    return stack.sql("SELECT suspended_until > UTC_TIMESTAMP() FROM users WHERE username = '%s'"
                     % account.username) == [["1"]]


def test_tertuliactl_user_unsuspend(stack, client, moderator, members):
    (author, account), = members(1)
    _, pid = new_thread(author)
    mod, _ = moderator
    act_ok(mod, [pid], "suspend", days="3650")
    act_ok(mod, [pid], "silence", days="30")

    r = stack.ctl("user", "unsuspend", "--help")
    assert r.returncode == 0 and "unsuspend NAME" in r.stdout
    for wrong in ([], ["--force", account.username], [account.username, "someone_else"]):
        r = stack.ctl("user", "unsuspend", *wrong, check=False)
        assert r.returncode == 2, (wrong, r.returncode, r.stderr)
        assert "unsuspend NAME" in r.stderr
        assert suspended(stack, account)
    r = stack.ctl("user", "unsuspend", "nobody_by_this_name", check=False)
    assert r.returncode == 1

    stack.ctl("user", "unsuspend", account.username)
    assert not suspended(stack, account)
    assert stack.sql("SELECT silenced_until IS NULL FROM users WHERE username = '%s'"
                     % account.username) == [["1"]]
    assert can_log_in(client, account)
    assert stack.sql("SELECT actor_id IS NULL, reason FROM audit_log WHERE action = 'lift' "
                     "AND target_type = 'user' AND target_id = %d"
                     % user_id(stack, account.username)) == [["1", "tertuliactl user unsuspend"]]
