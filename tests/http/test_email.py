"""Email, read by a real SMTP server on loopback (Debian's
python3-aiosmtpd, tests/http/smtp_sink.py) that the stack's mail sender
(tertuliactl mail, started by cgi/stack.sh) delivers to: address checks,
notification mail, preferences and digests, one-click unsubscribe, password
reset, re-engagement, invitations, and the faults: the SMTP server away,
several senders at once, addresses that cannot take mail, tampered tokens,
and content hidden before its mail went out."""

import datetime
import re
import subprocess
import time

import pytest

import smtp_sink
import tertulia_http as th
from tertulia_http import text
from mod_helpers import act_ok, members, moderator, new_thread, reply, user_id  # noqa: F401 (fixtures)
from ideas_http import new_idea, vote
from notify_helpers import (confirm_address, groups, outbox, path_of, verified_member,
                            wait_for)


@pytest.fixture(scope="module")
def sink(stack):
    return smtp_sink.shared(stack)


@pytest.fixture
def verified(client, sink):
    """A factory: verified(lang=None) gives a new member whose address is
    confirmed: (client, account)."""
    return lambda lang=None: verified_member(client, sink, lang)


def check_unsubscribe(m):
    """Every email: a one-click List-Unsubscribe (RFC 8058) that is also in
    its text."""
    header = m["List-Unsubscribe"]
    assert header and re.fullmatch(r"<https?://[^>]+/unsubscribe/[^>]+>", header), header
    assert m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header[1:-1] in m.text
    assert m["Message-ID"]
    return header[1:-1]


def notices_to(sink, address):
    return lambda m: m.to == address and m["X-Tertulia-Kind"] == "notice"


def mode_of(c):
    return c.get("/settings.json").json()["email"]["mode"]


def set_mode(c, mode):
    r = c.form("/settings/email", {"mode": mode}, page="/settings")
    assert r.status_code == 303, r.text[:300]
    assert mode_of(c) == mode


def uid(stack, account):
    return user_id(stack, account.username)


def make_digest_due(stack, member_id):
    """Brings a member's next digest forward to now. A digest covers what
    came before the second it is made in, so wait for that second to pass."""
    time.sleep(1.1)
    stack.sql("UPDATE email_prefs SET next_digest_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND "
              "WHERE user_id = %d" % member_id)


# ================================================================== address checks

def test_registration_mails_a_link_that_confirms_the_address(client, sink, stack):
    c = client()
    account = th.register(c)
    assert text("en", "notify.email.not_verified") in th.visible_text(c.get("/settings").text)
    m = sink.to(account.email)
    assert m.subject == text("en", "notify.mail.verify_subject")
    assert m["Content-Language"] == "en"
    assert m.rcpt_tos == [account.email]
    check_unsubscribe(m)
    link = m.link("/settings/verify?token=")
    assert link.replace("&", "&amp;") in m.html
    token = link.split("token=")[1]
    # only a hash of the token is kept
    assert stack.sql("SELECT COUNT(*) FROM account_tokens WHERE LOWER(HEX(token_hash)) = '%s'"
                     % token) == [["0"]]

    confirm_address(c, sink, account)
    assert text("en", "notify.email.is_verified") in th.visible_text(c.get("/settings").text)
    # the link works once
    assert c.get(path_of(link)).status_code == 404
    r = c.post("/settings/verify", data={"token": token, "csrf": c.token("/settings")})
    assert r.status_code == 404


def test_mail_is_written_in_the_members_language(client, sink):
    c = client()
    c.headers["Accept-Language"] = "es-ES,es;q=0.9"
    account = th.register(c)
    m = sink.to(account.email)
    assert m["Content-Language"] == "es"
    assert m.subject == text("es", "notify.mail.verify_subject")
    assert text("es", "notify.mail.verify_action") in m.text
    assert text("es", "notify.mail.unsubscribe") in m.text


def test_a_changed_address_is_checked_before_it_is_used(verified, sink):
    c, account = verified()
    new = "%s@example.org" % th.unique_name("moved").lower()
    r = c.form("/settings", {"email": new, "lang": "auto", "bio": "",
                             "password": account.password}, page="/settings")
    assert r.status_code == 303
    # the confirmed address stays until the new one is confirmed
    # (test_email_change.py follows the whole change)
    assert c.get("/settings.json").json()["settings"]["email"] == account.email
    assert c.get("/settings.json").json()["email"]["verified"] == 1
    m = sink.to(new)
    assert m.subject == text("en", "notify.mail.change_subject")


def test_settings_refuse_a_malformed_address(member):
    c, account = member
    for bad in ("two@@example.org", "no spaces@example.org", "nodomain@", "<a@b.co>"):
        r = c.form("/settings", {"email": bad, "lang": "auto", "bio": ""}, page="/settings")
        assert r.status_code == 400, bad
        assert th.field_errors(r.text) == {"email": text("en", "err.email")}
    assert c.get("/settings.json").json()["settings"]["email"] == account.email


# ================================================================== notification mail

def test_unverified_member_is_told_on_the_site_only(client, members, sink, stack):
    c = client()
    account = th.register(c)
    (replier, _), = members(1)
    tid, _ = new_thread(c)
    reply(replier, tid)
    assert len(groups(c)) == 1
    assert outbox(stack, "kind = 'notice' AND user_id = %d" % uid(stack, account)) == []
    sink.none(notices_to(sink, account.email), wait=2)
    # once confirmed, the next one is mailed
    confirm_address(c, sink, account)
    reply(replier, tid)
    sink.wait_one(notices_to(sink, account.email))


def test_a_reply_is_mailed_with_an_excerpt_and_a_link(verified, members, sink, stack):
    c, account = verified()
    (replier, r_acc), = members(1)
    tid, _ = new_thread(c)
    title = c.get("/t/%d.json" % tid).json()["thread"]["title"]
    pid = reply(replier, tid, "Try **descaling** it with vinegar & water.")
    # the outbox row was written with the reply, in its transaction
    rows = outbox(stack, "kind = 'notice' AND user_id = %d" % uid(stack, account))
    assert len(rows) == 1
    m = sink.wait_one(notices_to(sink, account.email))
    assert m.subject == text("en", "notify.one.post").replace("{actor}", r_acc.username) \
        .replace("{title}", title)
    assert "Try descaling it with vinegar & water." in m.text
    assert "vinegar &amp; water" in m.html
    assert m.link("/t/%d#p%d" % (tid, pid))
    assert m.link("/unsubscribe/")
    check_unsubscribe(m)
    assert wait_for(lambda: outbox(stack, "id = %s" % rows[0][0])[0][2] == "sent", what="sent")


def test_one_click_unsubscribe_stops_notification_mail(verified, members, sink, client, stack):
    c, account = verified()
    (replier, _), = members(1)
    tid, _ = new_thread(c)
    reply(replier, tid)
    m = sink.wait_one(notices_to(sink, account.email))
    url = check_unsubscribe(m)
    # a mail scanner following the link changes nothing
    stranger = client()
    r = stranger.get(path_of(url))
    assert r.status_code == 200
    assert account.username in th.visible_text(r.text)
    assert mode_of(c) == "immediate"
    # the mail client's one-click POST: no session, no CSRF token
    r = stranger.post(path_of(url), data={"List-Unsubscribe": "One-Click"})
    assert r.status_code == 200
    assert text("en", "notify.unsub.done_all") in th.visible_text(r.text)
    assert mode_of(c) == "none"
    # the site still tells; the mail does not
    reply(replier, tid)
    assert groups(c)[0]["count"] == 2
    assert len(outbox(stack, "kind = 'notice' AND user_id = %d" % uid(stack, account))) == 1
    # twice is the same
    assert stranger.post(path_of(url), data={"List-Unsubscribe": "One-Click"}).status_code == 200


def test_unfollow_link_mutes_the_thread(verified, members, sink, client):
    c, account = verified()
    (replier, _), = members(1)
    tid, _ = new_thread(c)
    reply(replier, tid)
    m = sink.wait_one(notices_to(sink, account.email))
    unfollow = [u for u in m.links("/unsubscribe/") if ".thread-%d." % tid in u]
    assert unfollow, m.text
    r = client().post(path_of(unfollow[0]), data={"List-Unsubscribe": "One-Click"})
    assert r.status_code == 200
    follows = c.get("/notifications/following.json").json()["follows"]
    assert [(f["kind"], f["id"], f["level"]) for f in follows] == [("thread", tid, "mute")]
    assert mode_of(c) == "immediate"
    before = len(groups(c))
    reply(replier, tid)
    assert len(groups(c)) == before


def test_tampered_unsubscribe_tokens_change_nothing(verified, members, sink, client, stack):
    c, account = verified()
    (other, o_acc), = members(1)
    tid, _ = new_thread(c)
    reply(other, tid)
    url = check_unsubscribe(sink.wait_one(notices_to(sink, account.email)))
    token = url.rsplit("/", 1)[1]
    payload, mac = token.rsplit(".", 1)
    me = str(uid(stack, account))
    assert payload == me + ".all"
    flipped = mac[:10] + ("A" if mac[10] != "A" else "B") + mac[11:]
    forged = {
        "changed signature": (payload + "." + flipped, 403),
        "someone else": (str(uid(stack, o_acc)) + ".all." + mac, 403),
        "another scope": (me + ".thread-%d." % tid + mac, 403),
        "no signature": (payload, 400),
        "short signature": (payload + "." + mac[:20], 400),
        "not a token": ("hello", 400),
        "bad scope": (me + ".galaxy-1." + mac, 403),
    }
    v = client()
    for name, (bad, status) in forged.items():
        assert v.get("/unsubscribe/" + bad).status_code == status, name
        r = v.post("/unsubscribe/" + bad, data={"List-Unsubscribe": "One-Click"})
        assert r.status_code == status, name
        assert text("en", "notify.unsub.bad_link") in th.visible_text(r.text), name
    assert mode_of(c) == "immediate"
    assert mode_of(other) == "immediate"
    assert c.get("/notifications/following.json").json()["follows"][0]["level"] == "watch"


def test_moderators_decision_is_mailed_without_the_content(verified, members, moderator, sink):
    c, account = verified()
    (host, _), = members(1)
    mod, _ = moderator
    tid, _ = new_thread(host)
    secret = "Cheap watches at %s" % th.unique_name("spam")
    pid = reply(c, tid, secret)
    act_ok(mod, [pid], "hide", reason="Advertising is not allowed here")
    m = sink.wait_one(lambda m: m.to == account.email and "Advertising" in m.text)
    assert m.subject.startswith(text("en", "notify.mod.hide").split("{what}")[0])
    assert secret not in m.text and secret not in m.html and secret not in m.subject
    check_unsubscribe(m)


def test_idea_status_change_is_mailed_with_the_staff_note(verified, members, as_demo, sink):
    c, account = verified()
    (author, _), = members(1)
    title = "Idea %s" % th.unique_name("i")
    iid = new_idea(author, title)
    vote(c, iid)
    r = as_demo("staff").form("/ideas/%d/status" % iid,
                              {"status": "in_progress", "note": "Our engineers started on it."},
                              page="/ideas/%d" % iid)
    assert r.status_code == 303
    m = sink.wait_one(notices_to(sink, account.email))
    assert m.subject == text("en", "notify.one.idea_status").replace("{title}", title) \
        .replace("{stage}", text("en", "notify.stage.in_progress"))
    assert "Our engineers started on it." in m.text
    assert m.link("/ideas/%d#history" % iid)
    assert [u for u in m.links("/unsubscribe/") if ".idea-%d." % iid in u]


# ================================================================== preferences and digests

@pytest.mark.parametrize("mode", ["daily", "weekly"])
def test_digest_gathers_what_is_new(verified, members, sink, stack, mode):
    c, account = verified()
    set_mode(c, mode)
    (a, _), (b, _) = members(2)
    tid, _ = new_thread(c)
    title = c.get("/t/%d.json" % tid).json()["thread"]["title"]
    reply(a, tid)
    reply(b, tid)
    assert outbox(stack, "kind = 'notice' AND user_id = %d" % uid(stack, account)) == []
    make_digest_due(stack, uid(stack, account))
    m = sink.wait_one(lambda m: m.to == account.email and m["X-Tertulia-Kind"] == "digest")
    heading = text("en", "notify.mail.digest_" + mode)
    assert m.subject == text("en", "notify.mail.digest_subject").replace("{title}", heading) \
        .replace("{n}", "2")
    assert text("en", "notify.many.post").replace("{n}", "2").replace("{title}", title) in m.text
    assert m.link("/t/%d" % tid)
    check_unsubscribe(m)
    # the clock moved on: no second digest for the same notifications
    due = stack.sql("SELECT next_digest_at > UTC_TIMESTAMP() FROM email_prefs WHERE user_id = %d"
                    % uid(stack, account))
    assert due == [["1"]]


def test_no_mail_at_all_when_the_member_chose_none(verified, members, sink, stack):
    c, account = verified()
    set_mode(c, "none")
    (a, _), = members(1)
    tid, _ = new_thread(c)
    reply(a, tid)
    assert len(groups(c)) == 1
    assert outbox(stack, "kind IN ('notice', 'digest') AND user_id = %d" % uid(stack, account)) == []


def test_email_mode_refuses_unknown_values(member):
    c, _ = member
    r = c.form("/settings/email", {"mode": "hourly"}, page="/settings")
    assert r.status_code == 400
    assert mode_of(c) == "immediate"


# ================================================================== password reset

def test_password_reset_by_email(verified, client, sink):
    c, account = verified()
    elsewhere = client()
    th.login_ok(elsewhere, account.username, account.password)
    asker = client()
    r = asker.form("/password/forgot", {"email": account.email.upper()}, page="/password/forgot")
    assert r.status_code == 303
    assert text("en", "notify.reset.sent") in th.visible_text(asker.get(r.headers["Location"]).text)
    m = sink.to(account.email, subject=text("en", "notify.mail.reset_subject"))
    check_unsubscribe(m)
    link = path_of(m.link("/password/reset?token="))
    token = link.split("token=")[1]

    page = asker.get(link)
    assert page.status_code == 200
    r = asker.post("/password/reset", data={"token": token, "password": "short",
                                            "csrf": th.csrf_of(page.text)})
    assert r.status_code == 400
    assert "password" in th.field_errors(r.text)
    new_password = "a brand new password %s" % th.RUN
    r = asker.post("/password/reset", data={"token": token, "password": new_password,
                                            "csrf": th.csrf_of(page.text)})
    assert r.status_code == 303
    assert asker.get("/settings").status_code == 200, "the asker is logged in"
    # every other session ended
    assert elsewhere.get("/settings").status_code == 303
    assert c.get("/settings").status_code == 303
    assert th.login(client(), account.username, account.password).status_code == 401
    th.login_ok(client(), account.username, new_password)
    # the link works once
    again = client()
    r = again.get(link)
    assert r.status_code == 404
    assert text("en", "notify.reset.bad_link") in th.visible_text(r.text)
    r = again.post("/password/reset", data={"token": token, "password": "yet another password 42",
                                            "csrf": again.token("/password/forgot")})
    assert r.status_code == 404
    th.login_ok(client(), account.username, new_password)


def test_forgot_password_never_tells_whether_an_address_exists(verified, client, sink, stack):
    _, account = verified()
    unknown = "nobody-%s@example.org" % th.unique_name("x").lower()
    answers = []
    for address in (account.email, unknown):
        c = client()
        r = c.form("/password/forgot", {"email": address}, page="/password/forgot")
        follow_up = c.get(r.headers["Location"])
        answers.append((r.status_code, r.headers["Location"],
                        th.visible_text(follow_up.text), follow_up.status_code))
    assert answers[0] == answers[1]
    # the same work was done for both: one row queued each
    for address in (account.email, unknown):
        assert len(outbox(stack, "kind = 'reset' AND email = '%s'" % address)) == 1
    wait_for(lambda: outbox(stack, "kind = 'reset' AND email = '%s'" % unknown)[0][2] == "dropped",
             what="the unknown address's row to be dropped")
    sink.to(account.email, subject=text("en", "notify.mail.reset_subject"))
    assert sink.all(lambda m: m.to == unknown) == []


def test_an_expired_reset_link_is_refused(verified, client, sink, stack):
    c, account = verified()
    r = client().form("/password/forgot", {"email": account.email}, page="/password/forgot")
    assert r.status_code == 303
    m = sink.to(account.email, subject=text("en", "notify.mail.reset_subject"))
    link = path_of(m.link("/password/reset?token="))
    assert client().get(link).status_code == 200
    stack.sql("UPDATE account_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND "
              "WHERE user_id = %d AND purpose = 'reset'" % uid(stack, account))
    v = client()
    assert v.get(link).status_code == 404
    r = v.post("/password/reset", data={"token": link.split("token=")[1],
                                        "password": "a perfectly fine password 77",
                                        "csrf": v.token("/password/forgot")})
    assert r.status_code == 404
    th.login_ok(client(), account.username, account.password)


@pytest.mark.parametrize("token", ["", "abc", "zz" * 32, "0" * 63, "0" * 64])
def test_reset_page_refuses_bad_tokens(client, token):
    r = client().get("/password/reset", params={"token": token})
    assert r.status_code in (400, 404)
    assert 'name="password"' not in r.text


def test_forgot_password_refuses_a_malformed_address(client, stack):
    c = client()
    r = c.form("/password/forgot", {"email": "not-an-address"}, page="/password/forgot")
    assert r.status_code == 400
    assert th.field_errors(r.text) == {"email": text("en", "err.email")}
    assert outbox(stack, "kind = 'reset' AND email = 'not-an-address'") == []


# ================================================================== faults

def test_mail_waits_while_smtp_is_down_and_goes_once_it_is_back(client, sink, stack):
    sink.stop()
    try:
        c = client()
        account = th.register(c)
        me = uid(stack, account)
        # the sender tries, fails, and keeps the row with its attempts
        rows = wait_for(lambda: [r for r in outbox(stack, "kind = 'verify' AND user_id = %d" % me)
                                 if int(r[3]) >= 2 and r[2] == "queued" and r[4]], timeout=30,
                        what="failed attempts")
        assert len(rows) == 1
    finally:
        sink.start()
    m = sink.to(account.email)
    assert m.subject == text("en", "notify.mail.verify_subject")
    wait_for(lambda: outbox(stack, "id = %s" % rows[0][0])[0][2] == "sent", what="sent")
    time.sleep(2)
    assert len(sink.all(lambda x: x.to == account.email)) == 1
    confirm_address(c, sink, account)


def test_several_senders_never_send_a_message_twice(client, sink, stack):
    c = client()
    account = th.register(c)
    sink.to(account.email)
    me = uid(stack, account)
    stack.sql("INSERT INTO outbox (kind, user_id, email, lang, message_key, next_attempt_at, "
              "created_at) SELECT 'verify', u.id, u.email, 'en', MD5(CONCAT(u.id, '-', s.seq, '-', "
              "RAND())), UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM users u JOIN seq_1_to_30 s "
              "WHERE u.id = %d" % me)
    keys = [r[0] for r in stack.sql("SELECT message_key FROM outbox WHERE user_id = %d "
                                    "AND status = 'queued'" % me)]
    assert len(keys) == 30
    senders = [subprocess.Popen([stack.build + "/tertuliactl", "--config", stack.conf, "mail",
                                 "--once"], env=stack.env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL) for _ in range(3)]
    for p in senders:
        assert p.wait(60) == 0
    got = sink.wait(lambda m: m.to == account.email and m["Message-ID"].strip("<>").split("@")[0]
                    in keys, count=30, timeout=60)
    time.sleep(2)
    got = sink.all(lambda m: m.to == account.email and m["Message-ID"].strip("<>").split("@")[0]
                   in keys)
    ids = [m["Message-ID"] for m in got]
    assert len(ids) == 30 and len(set(ids)) == 30, "sent twice: %r" % sorted(ids)
    rows = stack.sql("SELECT status, attempts FROM outbox WHERE user_id = %d AND kind = 'verify'"
                     % me)
    assert all(r == ["sent", "1"] for r in rows), rows


def test_an_address_that_cannot_take_mail_fails_without_retries(verified, members, sink, stack):
    c, account = verified()
    (replier, _), = members(1)
    tid, _ = new_thread(c)
    me = uid(stack, account)
    stack.sql("UPDATE users SET email = 'not an address %d' WHERE id = %d" % (me, me))
    reply(replier, tid)
    wait_for(lambda: [r for r in outbox(stack, "kind = 'notice' AND user_id = %d" % me)
                      if r[2] == "failed"], what="the notice to fail")
    time.sleep(3)
    row = outbox(stack, "kind = 'notice' AND user_id = %d" % me)[0]
    assert row[2:] == ["failed", "1", "malformed address"]


def test_a_refused_recipient_fails_for_good(client, sink, stack):
    c = client()
    account = th.Account(th.unique_name("b"), "bounce-%s@example.org" % th.unique_name("x").lower(),
                         "long enough pass %s" % th.RUN)
    th.register(c, account)
    me = uid(stack, account)
    wait_for(lambda: [r for r in outbox(stack, "kind = 'verify' AND user_id = %d" % me)
                      if r[2] == "failed"], what="the check to fail")
    time.sleep(3)
    row = outbox(stack, "kind = 'verify' AND user_id = %d" % me)[0]
    assert row[2] == "failed" and row[3] == "1" and "550" in row[4]
    assert sink.all(lambda m: m.to == account.email) == []


def test_content_hidden_before_its_mail_goes_never_leaks(verified, members, moderator, sink, stack):
    c, account = verified()
    (replier, _), = members(1)
    mod, _ = moderator
    tid, _ = new_thread(c)
    me = uid(stack, account)
    secret = "Hidden words %s" % th.unique_name("s")
    sink.stop()
    try:
        pid = reply(replier, tid, secret)
        wait_for(lambda: [r for r in outbox(stack, "kind = 'notice' AND user_id = %d" % me)
                          if int(r[3]) >= 1], what="a first attempt")
        act_ok(mod, [pid], "hide")
    finally:
        sink.start()
    wait_for(lambda: outbox(stack, "kind = 'notice' AND user_id = %d" % me)[0][2] == "dropped",
             what="the notice to be dropped")
    # and in a digest: the hidden reply is left out, the visible one is in
    set_mode(c, "daily")
    secret2 = "More hidden words %s" % th.unique_name("s")
    visible = "Visible words %s" % th.unique_name("v")
    hidden_pid = reply(replier, tid, secret2)
    act_ok(mod, [hidden_pid], "hide")
    other = new_thread(c)[0]
    reply(replier, other, visible)
    make_digest_due(stack, me)
    m = sink.wait_one(lambda m: m.to == account.email and m["X-Tertulia-Kind"] == "digest")
    assert m.link("/t/%d" % other)
    for s in (secret, secret2):
        assert not sink.all(lambda x: s in x.text or s in x.html), s
    assert "/t/%d#" % tid not in m.text


# ================================================================== re-engagement

def make_dormant(stack, member_id, days=40):
    stack.sql("UPDATE users SET created_at = UTC_TIMESTAMP() - INTERVAL %d DAY, "
              "last_seen_at = UTC_TIMESTAMP() - INTERVAL %d DAY WHERE id = %d"
              % (days + 5, days, member_id))
    stack.sql("UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL %d DAY "
              "WHERE user_id = %d" % (days, member_id))


def test_dormant_members_get_one_digest_of_what_they_missed(verified, members, sink, stack):
    c, account = verified()
    quiet, q_acc = verified()
    set_mode(quiet, "none")
    (writer, w_acc), = members(1)
    tid, _ = new_thread(c)
    title = c.get("/t/%d.json" % tid).json()["thread"]["title"]
    me, them = uid(stack, account), uid(stack, q_acc)
    make_dormant(stack, me)
    make_dormant(stack, them)
    reply(writer, tid)  # what they missed
    out = stack.ctl("reengage", "--days", "30").stdout
    assert re.search(r"queued: \d+", out), out
    m = sink.wait_one(lambda m: m.to == account.email and m["X-Tertulia-Kind"] == "reengage")
    assert m.subject == text("en", "notify.mail.reengage_subject")
    assert text("en", "notify.one.post").replace("{actor}", w_acc.username) \
        .replace("{title}", title) in m.text
    assert m.link("/t/%d" % tid)
    check_unsubscribe(m)
    # never twice for one dormancy; never to who said no
    stack.ctl("reengage", "--days", "30")
    time.sleep(2)
    assert len(outbox(stack, "kind = 'reengage' AND user_id = %d" % me)) == 1
    assert outbox(stack, "kind = 'reengage' AND user_id = %d" % them) == []
    assert stack.sql("SELECT COUNT(*) FROM reengagements WHERE user_id = %d" % me) == [["1"]]
    # back, then quiet again much later: a new dormancy, a new digest
    stack.sql("UPDATE reengagements SET queued_at = UTC_TIMESTAMP() - INTERVAL 90 DAY "
              "WHERE user_id = %d" % me)
    make_dormant(stack, me, days=35)
    stack.ctl("reengage", "--days", "30")
    assert len(outbox(stack, "kind = 'reengage' AND user_id = %d" % me)) == 2


def test_reengage_needs_a_number_of_days(stack):
    for args in ([], ["--days"], ["--days", "0"], ["--days", "soon"]):
        assert stack.ctl("reengage", *args, check=False).returncode == 2, args


# ================================================================== invitations

def test_invitation_link_records_the_referral(member, client, stack):
    c, inviter = member
    page = c.get("/invite")
    assert page.status_code == 200
    url = c.get("/invite.json").json()["invite"]["url"]
    assert "/register?invite=" in url
    guest = client()
    r = guest.get(path_of(url))
    assert inviter.username in th.visible_text(r.text)
    token = url.split("invite=")[1]
    assert 'name="invite" value="%s"' % token in r.text
    account = th.new_account()
    r = guest.form("/register", {"username": account.username, "email": account.email,
                                 "password": account.password, "invite": token},
                   page=path_of(url))
    assert r.status_code == 303
    rows = stack.sql("SELECT inviter_id, invitee_id, accepted_at IS NOT NULL FROM invitations "
                     "WHERE invitee_id = %d" % user_id(stack, account.username))
    assert rows == [[str(user_id(stack, inviter.username)), str(user_id(stack, account.username)), "1"]]
    data = c.get("/invite.json").json()["invite"]
    assert data["accepted"] == 1
    assert [p["username"] for p in data["people"]] == [account.username]


def test_a_tampered_invitation_registers_but_records_nothing(member, client, stack):
    c, inviter = member
    token = c.get("/invite.json").json()["invite"]["url"].split("invite=")[1]
    uid_part, mac = token.split(".")
    forged = str(int(uid_part) + 1) + "." + mac
    guest = client()
    r = guest.get("/register", params={"invite": forged})
    assert r.status_code == 200 and 'name="invite"' not in r.text
    account = th.new_account()
    r = guest.form("/register", {"username": account.username, "email": account.email,
                                 "password": account.password, "invite": forged},
                   page="/register")
    assert r.status_code == 303
    assert stack.sql("SELECT COUNT(*) FROM invitations WHERE invitee_id = %d"
                     % user_id(stack, account.username)) == [["0"]]


# ================================================================== the marketing digest

def insights_mails(address):
    return lambda m: m.to == address and m["X-Tertulia-Kind"] == "insights"


def test_the_weekly_marketing_digest_goes_once_to_marketing(verified, sink, stack, as_demo,
                                                            members):
    # last week (Monday to Sunday, UTC): an unanswered thread, and one hidden
    today = datetime.datetime.utcnow().date()
    end = today - datetime.timedelta(days=today.isoweekday() % 7 or 7)
    monday = end - datetime.timedelta(days=6)
    (writer, _), = members(1)
    shown = "Sin respuesta %s" % th.unique_name("w")
    hidden = "Oculto %s" % th.unique_name("h")
    t1, _ = new_thread(writer, shown, "¿Alguien sabe por qué pita el horno?", category="help")
    t2, op2 = new_thread(writer, hidden, "Compra relojes baratos aquí.", category="help")
    act_ok(as_demo("moderadora"), [op2], "hide")
    for tid, second in ((t1, 1), (t2, 2)):     # the oldest threads of that week
        stack.sql("UPDATE threads SET created_at = '%s 00:00:0%d', last_post_at = '%s 00:00:0%d' "
                  "WHERE id = %d" % (monday, second, monday, second, tid))
    es, es_account = verified(lang="es")
    _, plain_account = verified()
    stack.ctl("user", "role", es_account.username, "+marketing")
    m = sink.wait_one(insights_mails(es_account.email), timeout=30)
    check_unsubscribe(m)
    assert m["Content-Language"] == "es"
    assert text("es", "insights.mail.subject") in m.subject and end.isoformat() in m.subject
    # the week's figures, as the digest page has them, in Spanish
    dg = as_demo("admin").get("/insights/digest.json", params={"to": end.isoformat()}).json()["digest"]
    assert dg["from"] == monday.isoformat()
    assert "%s: %s (%s: %s)" % (text("es", "insights.items"), dg["week"]["items"],
                                text("es", "insights.mail.before"),
                                dg["week_before"]["items"]) in m.text
    assert text("es", "insights.mail.unanswered") in m.text
    assert shown in m.text and shown in m.html
    assert hidden not in m.text and hidden not in m.html
    assert "/insights/digest?to=%s" % end.isoformat() in m.text
    # a second run sends nothing: one row for the week
    stack.ctl("mail", "--once")
    sink.none(lambda x: insights_mails(es_account.email)(x) and x is not m, wait=3)
    rows = stack.sql("SELECT week_end FROM insight_digest_mails WHERE user_id = %d"
                     % uid(stack, es_account))
    assert rows == [[end.isoformat()]]
    # a member without the role gets none
    assert not sink.all(insights_mails(plain_account.email))
    # and after unsubscribing, no more
    r = es.post(path_of(check_unsubscribe(m)), data={"List-Unsubscribe": "One-Click"})
    assert r.status_code == 200 and mode_of(es) == "none"
