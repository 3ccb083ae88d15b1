"""A change of email address, which a stolen session must not be able to
turn into the account: it needs the current password, takes effect only
when the link mailed to the new address is followed (once, within a day),
and is told to the old address at once. Password resets go only to an
address the account has confirmed. Mail is read by the SMTP sink."""

import pytest

import smtp_sink
import tertulia_http as th
from tertulia_http import text
from notify_helpers import outbox, path_of, verified_member, wait_for


@pytest.fixture(scope="module")
def sink(stack):
    return smtp_sink.shared(stack)


@pytest.fixture
def verified(client, sink):
    return lambda lang=None: verified_member(client, sink, lang)


def new_address(prefix="moved"):
    return "%s@example.org" % th.unique_name(prefix).lower()


def settings(c):
    return c.get("/settings.json").json()["settings"]


def change(c, email, password=None):
    data = {"email": email, "lang": "auto", "bio": ""}
    if password is not None:
        data["password"] = password
    return c.form("/settings", data, page="/settings")


def change_rows(stack, account):
    return outbox(stack, "kind IN ('change', 'change_note') AND user_id = "
                  "(SELECT id FROM users WHERE username = '%s')" % account.username)


def ask_reset(client, address):
    r = client().form("/password/forgot", {"email": address}, page="/password/forgot")
    assert r.status_code == 303
    assert r.headers["Location"] == "/password/forgot?sent=1"
    return r


def reset_dropped(stack, address):
    wait_for(lambda: [row[2] for row in outbox(stack, "kind = 'reset' AND email = '%s'"
                                                % address)] == ["dropped"],
             what="the reset for %s to be dropped" % address)


def test_a_new_address_needs_the_current_password(verified, stack):
    c, account = verified()
    new = new_address()
    for password, error in ((None, "err.email_password"), ("", "err.email_password"),
                            ("not my password at all", "err.bad_password")):
        r = change(c, new, password)
        assert r.status_code == 400, r.status_code
        assert th.field_errors(r.text) == {"password": text("en", error)}
        assert th.input_value(r.text, "email") == new  # the form again, as typed
    assert settings(c)["email"] == account.email
    assert "email_pending" not in settings(c)
    assert change_rows(stack, account) == []
    # the rest of the form is not saved either
    r = c.form("/settings", {"email": new, "lang": "es", "bio": "changed"}, page="/settings")
    assert r.status_code == 400
    assert settings(c)["lang"] == ""


def test_wrong_passwords_count_towards_the_login_lock(verified, client):
    c, account = verified()
    for _ in range(5):
        assert change(c, new_address(), "a wrong guess every time").status_code == 400
    r = change(c, new_address(), account.password)
    assert r.status_code == 429
    assert th.field_errors(r.text) == {"password": text("en", "err.throttled", 15)}
    assert settings(c)["email"] == account.email and "email_pending" not in settings(c)
    # they were a login's guesses: this address may guess no more
    assert th.login(c, account.username, account.password).status_code == 429


def test_a_change_waits_for_the_link_and_the_old_address_is_told(verified, client, sink, stack):
    c, account = verified()
    new = new_address()
    r = change(c, new, account.password)
    assert r.status_code == 303, th.field_errors(r.text)
    assert settings(c)["email"] == account.email
    assert settings(c)["email_pending"] == new
    assert new in th.visible_text(c.get("/settings").text)

    # the old address hears of it, with the way back
    note = sink.to(account.email, subject=text("en", "notify.mail.change_note_subject"))
    assert text("en", "notify.mail.change_note_outro") in note.text
    assert note.link("/password/forgot")
    assert new not in note.rcpt_tos
    # the new one gets the link
    m = sink.to(new, subject=text("en", "notify.mail.change_subject"))
    assert m.rcpt_tos == [new]
    link = path_of(m.link("/settings/email/confirm?token="))
    token = link.split("token=")[1]
    assert stack.sql("SELECT COUNT(*) FROM account_tokens WHERE LOWER(HEX(token_hash)) = '%s'"
                     % token) == [["0"]], "only a hash of the token is kept"

    # until the link is followed, the old address is the account's
    th.login_ok(client(), account.email, account.password)
    assert th.login(client(), new, account.password).status_code == 401
    ask_reset(client, new)
    reset_dropped(stack, new)
    assert sink.all(lambda x: x.to == new and
                    x.subject == text("en", "notify.mail.reset_subject")) == []

    # following it, in any browser, applies it
    other = client()
    page = other.get(link)
    assert page.status_code == 200
    assert text("en", "notify.email.change_text") in th.visible_text(page.text)
    assert settings(c)["email"] == account.email, "opening the link changes nothing"
    r = other.post("/settings/email/confirm", data={"token": token, "csrf": th.csrf_of(page.text)})
    assert r.status_code == 303
    assert text("en", "notify.email.changed") in th.visible_text(other.get(r.headers["Location"]).text)
    assert settings(c)["email"] == new
    assert "email_pending" not in settings(c)
    assert c.get("/settings.json").json()["email"]["verified"] == 1

    # once
    assert other.get(link).status_code == 404
    r = other.post("/settings/email/confirm", data={"token": token, "csrf": th.csrf_of(page.text)})
    assert r.status_code == 404

    # the new address now works, the old one no longer
    th.login_ok(client(), new, account.password)
    ask_reset(client, new)
    sink.to(new, subject=text("en", "notify.mail.reset_subject"))
    ask_reset(client, account.email)
    reset_dropped(stack, account.email)


def test_a_reset_cancels_a_pending_change(verified, client, sink, stack):
    c, account = verified()
    new = new_address()
    assert change(c, new, account.password).status_code == 303
    link = path_of(sink.to(new, subject=text("en", "notify.mail.change_subject"))
                   .link("/settings/email/confirm?token="))
    # the owner, from the old address: "it was not me"
    ask_reset(client, account.email)
    m = sink.to(account.email, subject=text("en", "notify.mail.reset_subject"))
    owner = client()
    reset = path_of(m.link("/password/reset?token="))
    page = owner.get(reset)
    r = owner.post("/password/reset", data={"token": reset.split("token=")[1],
                                            "password": "the owner's new password 31",
                                            "csrf": th.csrf_of(page.text)})
    assert r.status_code == 303
    assert "email_pending" not in settings(owner)
    thief = client()
    page = thief.get(link)
    assert page.status_code == 404
    assert text("en", "notify.email.change_bad_link") in th.visible_text(page.text)
    assert settings(owner)["email"] == account.email


def test_an_unconfirmed_address_gets_no_reset(member, client, stack, sink):
    _, account = member   # registered, the link never followed
    ask_reset(client, account.email)
    reset_dropped(stack, account.email)
    assert sink.all(lambda x: x.to == account.email and
                    x.subject == text("en", "notify.mail.reset_subject")) == []


def test_the_change_in_spanish(verified, client, sink):
    c, account = verified("es")
    new = new_address()
    r = change(c, new)
    assert r.status_code == 400
    assert th.field_errors(r.text) == {"password": text("es", "err.email_password")}
    page = th.visible_text(c.get("/settings").text)
    assert text("es", "settings.email_password") in page
    assert change(c, new, account.password).status_code == 303
    assert text("es", "settings.email_pending") in th.visible_text(c.get("/settings").text)
    note = sink.to(account.email, subject=text("es", "notify.mail.change_note_subject"))
    assert note["Content-Language"] == "es"
    m = sink.to(new, subject=text("es", "notify.mail.change_subject"))
    link = path_of(m.link("/settings/email/confirm?token="))
    page = client().get(link, headers={"Accept-Language": "es"})
    assert text("es", "notify.email.change_text") in th.visible_text(page.text)
