"""CSRF, throttling, security headers and request limits."""

import pytest

import tertulia_http as th
from tertulia_http import field_errors, text


# ----------------------------------------------------------------- CSRF

def test_post_without_token_is_refused(client, member):
    c, account = member
    r = c.post("/settings", data={"email": account.email, "lang": "es", "bio": ""})
    assert r.status_code == 403
    assert text("en", "err.csrf") in th.visible_text(r.text)
    assert c.get("/settings.json").json()["settings"]["lang"] == ""


def test_visitor_post_without_token_is_refused(client, member):
    _, account = member
    c = client()
    c.get("/login")
    r = c.post("/login", data={"username": account.username, "password": account.password})
    assert r.status_code == 403
    assert not c.session_cookie


def test_token_of_another_session_is_refused(client, member):
    c, account = member
    other = client()
    th.register(other)
    foreign = other.token("/settings")
    assert foreign != c.token("/settings")
    r = c.post("/settings", data={"email": account.email, "lang": "es", "bio": "",
                                  "csrf": foreign})
    assert r.status_code == 403
    assert c.get("/settings.json").json()["settings"]["lang"] == ""


def test_token_from_before_login_is_refused_after(client, member):
    _, account = member
    c = client()
    before = c.token("/login")
    th.login_ok(c, account.username, account.password)
    r = c.post("/settings", data={"email": account.email, "lang": "es", "bio": "",
                                  "csrf": before})
    assert r.status_code == 403


def test_foreign_origin_is_refused_even_with_a_good_token(member):
    c, account = member
    token = c.token("/settings")
    r = c.post("/settings", data={"email": account.email, "lang": "es", "bio": "",
                                  "csrf": token},
               headers={"Origin": "https://evil.example"})
    assert r.status_code == 403
    assert c.get("/settings.json").json()["settings"]["lang"] == ""


def test_origin_on_another_port_of_our_host_is_refused(member):
    # The stack listens on a port of its own: the same scheme and host on
    # the default port, or on any other, is another site.
    c, account = member
    host = c.base.split("://", 1)[1].rsplit(":", 1)[0]
    port = int(c.base.rsplit(":", 1)[1])
    assert port not in (80, 443)
    for origin in ("http://%s" % host, "http://%s:80" % host, "http://%s:%d" % (host, port + 1),
                   "https://%s:%d" % (host, port)):
        r = c.post("/settings", data={"email": account.email, "lang": "es", "bio": "",
                                      "csrf": c.token("/settings")},
                   headers={"Origin": origin})
        assert r.status_code == 403, origin
        assert text("en", "err.origin") in th.visible_text(r.text), origin
    assert c.get("/settings.json").json()["settings"]["lang"] == ""
    # the exact origin, host in another case, is the site's own
    r = c.post("/settings", data={"email": account.email, "lang": "es", "bio": "",
                                  "csrf": c.token("/settings")},
               headers={"Origin": "http://%s:%d" % (host.upper(), port)})
    assert r.status_code == 303
    assert c.get("/settings.json").json()["settings"]["lang"] == "es"


def test_post_from_our_own_origin_is_accepted(member):
    # Browsers send Origin with every form POST: the site's own origin,
    # scheme, host and port (here a port other than 80, like `make run`'s 8080).
    c, account = member
    r = c.post("/settings", data={"email": account.email, "lang": "es", "bio": "",
                                  "csrf": c.token("/settings")}, headers={"Origin": c.base})
    assert r.status_code == 303
    assert c.get("/settings.json").json()["settings"]["lang"] == "es"


def test_json_client_with_token_header(client, member):
    c, account = member
    data = c.get("/index.json")
    assert data.status_code == 200
    assert data.headers["Content-Type"].startswith("application/json")
    token = data.json()["csrf"]
    assert len(token) == 64
    r = c.post("/settings", data={"email": account.email, "lang": "auto",
                                  "bio": "from a script"},
               headers={"X-CSRF-Token": token, "Accept": "application/json"})
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert body["ok"] is True
    assert body["url"] == "/settings?saved=1"
    assert client().get("/u/%s.json" % account.username).json()["user"]["bio"] == "from a script"


def test_json_client_without_token_gets_a_json_403(member):
    c, account = member
    r = c.post("/settings", data={"email": account.email, "lang": "auto", "bio": "x"},
               headers={"Accept": "application/json"})
    assert r.status_code == 403
    body = r.json()
    assert body["ok"] is False and body["errors"]


def test_visitor_json_twin_has_no_token(client):
    assert "csrf" not in client().get("/index.json").json()


# ------------------------------------------------------------ throttling

def test_five_wrong_passwords_lock_out_their_address_not_the_owner(client, member):
    # The lock stops whoever guesses: the owner, elsewhere, still gets in
    # with the right password, and the guesser's address stays locked out.
    _, account = member
    attacker = client()
    for i in range(5):
        r = th.login(attacker, account.username, "wrong password %d" % i)
        assert r.status_code == 401, "attempt %d" % (i + 1)
    # from that address, even with the right password
    r = th.login(attacker, account.username, account.password)
    assert r.status_code == 429
    assert field_errors(r.text) == {"username": text("en", "err.throttled", 15)}
    assert not attacker.session_cookie
    owner = client()
    assert th.login(owner, account.username, account.password).status_code == 303
    assert owner.session_cookie
    # the owner getting in gives the guesser no more tries
    assert th.login(attacker, account.username, "wrong password 6").status_code == 429
    assert th.login(attacker, account.username, account.password).status_code == 429
    # other accounts are not affected, from that address either
    other = th.register(client())
    assert th.login(attacker, other.username, other.password).status_code == 303


def test_account_lock_holds_for_every_way_of_naming_the_account(client, member):
    # The lock is on the account: typing its email, other capitals or a
    # trailing space (MariaDB compares 'john ' equal to 'john') all log in
    # to the same account, so none of them may open it again from there.
    _, account = member
    attacker = client()
    for i in range(5):
        assert th.login(attacker, account.username, "wrong password %d" % i).status_code == 401
    for spelling in (account.username.upper(), account.email, account.email.upper(),
                     account.username + " ", account.username + "  "):
        r = th.login(attacker, spelling, account.password)
        assert r.status_code == 429, "logging in as %r answered %d" % (spelling, r.status_code)
    assert th.login(client(), account.email.upper(), account.password).status_code == 303


def test_failed_logins_from_one_address(client, member):
    _, account = member
    attacker = client()
    for i in range(30):
        r = th.login(attacker, th.unique_name("nobody"), "whatever password")
        assert r.status_code == 401, "attempt %d answered %d" % (i + 1, r.status_code)
    r = th.login(attacker, account.username, account.password)
    assert r.status_code == 429
    assert "username" in field_errors(r.text)
    # another address logs in as usual, into the same account
    assert th.login(client(), account.username, account.password).status_code == 303


def test_registrations_with_a_taken_address_count_towards_the_limit(client, member):
    # Asking whether an address has an account costs an attempt like any
    # other: after ten, the eleventh is refused whatever it asks.
    _, owner = member
    c = client()
    for i in range(10):
        r = c.form("/register", {"username": th.unique_name("probe"), "email": owner.email,
                                 "password": "probing password %d" % i}, page="/register")
        assert r.status_code == 400, "attempt %d answered %d" % (i + 1, r.status_code)
    r = c.form("/register", {"username": th.unique_name("probe"), "email": owner.email,
                             "password": "probing password"}, page="/register")
    assert r.status_code == 429
    assert field_errors(r.text) == {"username": text("en", "err.throttled", 60)}
    assert text("en", "err.email_taken") not in th.visible_text(r.text)
    # a new account from there is refused too, and from elsewhere it is not
    account = th.new_account()
    r = c.form("/register", {"username": account.username, "email": account.email,
                             "password": account.password}, page="/register")
    assert r.status_code == 429
    th.register(client(), account)


def test_eleventh_registration_from_one_address(client):
    c = client()
    for i in range(10):
        th.register(c)
    account = th.new_account()
    r = c.form("/register", {"username": account.username, "email": account.email,
                             "password": account.password}, page="/register")
    assert r.status_code == 429
    assert field_errors(r.text) == {"username": text("en", "err.throttled", 60)}
    assert th.input_value(r.text, "username") == account.username
    # nothing was created, and another address may still register
    assert client().get("/u/" + account.username).status_code == 404
    th.register(client(), account)


# --------------------------------------------------------------- headers

def check_security_headers(r):
    where = "%s %s -> %d" % (r.request.method, r.request.url, r.status_code)
    csp = r.headers.get("Content-Security-Policy")
    assert csp, "no Content-Security-Policy on " + where
    assert "'unsafe-inline'" not in csp, where
    assert "'unsafe-eval'" not in csp, where
    directives = {d.strip().split(" ")[0]: d.strip() for d in csp.split(";") if d.strip()}
    assert directives.get("frame-ancestors") == "frame-ancestors 'none'", where
    assert "script-src" in directives or "default-src" in directives, where
    assert r.headers.get("X-Content-Type-Options") == "nosniff", where
    assert r.headers.get("Referrer-Policy"), "no Referrer-Policy on " + where


def test_security_headers_on_every_kind_of_answer(client, member):
    m, account = member
    c = client()
    answers = {
        "page": c.get("/login"),
        "home": c.get("/"),
        "profile": c.get("/u/john"),
        "404": c.get("/no/such/page"),
        "404 account": c.get("/u/" + th.unique_name("nobody")),
        "405": c.get("/logout"),
        "403": m.get("/admin"),
        "303": c.get("/settings"),
        "303 post": th.login(client(), account.username, account.password),
        "401": th.login(client(), account.username, "wrong password!"),
        "400": c.form("/register", {"username": "x", "email": "y", "password": "z"}),
        "json twin": m.get("/index.json"),
        "json 404": c.get("/u/%s.json" % th.unique_name("nobody")),
        "json post": m.post("/settings", data={"email": account.email, "lang": "auto"},
                            headers={"Accept": "application/json",
                                     "X-CSRF-Token": m.json_token()}),
        "healthz": c.get("/healthz"),
    }
    assert answers["303"].status_code == 303
    assert answers["303 post"].status_code == 303
    assert answers["json post"].status_code == 200
    assert answers["403"].status_code == 403
    for name, r in answers.items():
        check_security_headers(r)


# ---------------------------------------------------------------- limits

def test_body_over_512_kb_is_refused(client, member):
    c, account = member
    token = c.token("/settings")
    big = "bio=" + "a" * (600 * 1024) + "&email=" + account.email + "&csrf=" + token
    r = c.post("/settings", data=big,
               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    check_security_headers(r)
    assert text("en", "error.413.title") in r.text
    # and the service goes on
    assert c.get("/settings").status_code == 200


def test_body_just_under_the_limit_is_read(member):
    c, account = member
    token = c.token("/settings")
    body = "email=%s&lang=auto&csrf=%s&bio=" % (account.email, token)
    body += "b" * (500 * 1024 - len(body))
    r = c.post("/settings", data=body,
               headers={"Content-Type": "application/x-www-form-urlencoded"})
    # read and judged: the bio is too long (a 400 naming it), not a 413
    assert r.status_code == 400
    assert field_errors(r.text) == {"bio": text("en", "err.too_long", 500)}


def test_unknown_path_is_404(client):
    for path in ("/no/such/page", "/settings/nothing", "/u/", "/u/a/b"):
        r = client().get(path)
        assert r.status_code == 404, path
        assert text("en", "error.404.title") in r.text, path


@pytest.mark.parametrize("path", ["/logout", "/settings/password",
                                  "/settings/logout-everywhere", "/lang", "/admin/roles"])
def test_get_on_a_post_only_route_is_405(client, path):
    r = client().get(path)
    assert r.status_code == 405
    assert r.headers["Allow"] == "POST"
    assert text("en", "error.405.title") in r.text


def test_post_on_a_get_only_route_is_405(client):
    c = client()
    r = c.post("/u/john", data={"csrf": c.token()})
    assert r.status_code == 405
    assert "GET" in r.headers["Allow"] and "POST" not in r.headers["Allow"]


def test_other_methods_are_405(client):
    r = client().request("DELETE", "/login")
    assert r.status_code == 405
    assert "POST" in r.headers["Allow"] and "GET" in r.headers["Allow"]
