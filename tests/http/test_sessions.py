"""Sessions against theft, beyond what test_accounts.py already covers (a
new token at login, only its hash in the database, logout and "log out
everywhere" revoking, the cookie's flags): cookies are Secure when https is
configured, a token never reaches a page, a log or the JSON answers, and a
forged or mangled cookie opens nothing.
"""

import os

import pytest

import tertulia_http as th


@pytest.fixture(scope="module")
def https_stack(own_stack):
    """A stack configured with `https = 1` (nginx itself still speaks
    http here: only what the programs write is checked)."""
    return own_stack(workers=1, demo=True, extra_config={"https": "1"})


def over_http(c):
    """Lets the client send its Secure cookies back over the stack's plain
    http, as a browser would over https."""
    for cookie in c.cookies:
        cookie.secure = False


def test_cookies_are_secure_when_https_is_configured(https_stack):
    c = th.Client(https_stack.url)
    first = c.get("/login")
    over_http(c)
    r = th.login(c, "maria", th.DEMO_PASSWORD)
    assert r.status_code == 303, (r.status_code, th.field_errors(r.text))
    lines = th.set_cookies(first) + th.set_cookies(r)
    assert th.cookie_line(r, "tertulia_session"), "no session cookie at login"
    for line in lines:
        assert th.cookie_attrs(line).get("secure") is True, "a cookie without Secure: %s" % line
    assert r.headers.get("Strict-Transport-Security", "").startswith("max-age=")
    # the cookies that end the session are Secure too, or a browser would
    # not let them replace the Secure ones
    over_http(c)
    assert c.get("/settings").status_code == 200
    out = c.post("/logout", data={"csrf": c.token("/settings")})
    assert out.status_code == 303
    assert th.set_cookies(out)
    for line in th.set_cookies(out):
        assert th.cookie_attrs(line).get("secure") is True, line


def test_without_https_cookies_are_not_secure(client, member):
    # the contrast: plain http (make run) must still be usable
    _, account = member
    r = th.login(client(), account.username, account.password)
    assert "secure" not in th.cookie_attrs(th.cookie_line(r, "tertulia_session"))


def test_tokens_never_reach_pages_or_logs(stack, member):
    c, account = member
    token = c.session_cookie
    csrf = c.token("/settings")
    for path in ("/", "/settings", "/index.json", "/settings.json", "/u/%s" % account.username,
                 "/u/%s.json" % account.username):
        r = c.get(path)
        assert r.status_code == 200, path
        assert token not in r.text, "the session token is in %s" % path
    logdir = os.path.join(stack.var, "log")
    for name in os.listdir(logdir):
        path = os.path.join(logdir, name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                data = f.read()
            assert token.encode() not in data, "the session token is in log/%s" % name
            assert csrf.encode() not in data, "a CSRF token is in log/%s" % name
            assert account.password.encode() not in data, "a password is in log/%s" % name


@pytest.mark.parametrize("value", ["", "0" * 64, "zz" * 32, "ab" * 31, "ab" * 33,
                                   "ab" * 5000, "ab" * 32 + "; tertulia_session=" + "cd" * 32,
                                   "%00" * 32, "\u00e9" * 32])
def test_a_forged_cookie_opens_nothing(client, value):
    c = client()
    c.headers["Cookie"] = "tertulia_session=" + value
    r = c.get("/settings")
    assert r.status_code == 303 and r.headers["Location"].startswith("/login"), r.status_code
    r = c.get("/index.json")
    assert r.status_code == 200
    assert "me" not in r.json()


def test_a_session_works_from_another_address_but_not_after_logout(client, member):
    # a cookie is a bearer token: the defence is that it is never exposed
    # (HttpOnly, Secure, SameSite, not in pages or logs) and that logging
    # out kills it everywhere at once
    c, _ = member
    thief = client()
    thief.cookies.set("tertulia_session", c.session_cookie, path="/")
    assert thief.get("/settings").status_code == 200
    r = c.form("/settings/logout-everywhere", {}, page="/settings")
    assert r.status_code == 303
    assert thief.get("/settings").status_code == 303
