"""Accounts over HTTP: registration, login, logout, the session cookie,
settings and profiles."""

import hashlib
from urllib.parse import quote

import pytest

import tertulia_http as th
from tertulia_http import field_errors, input_value, text


# ------------------------------------------------------------ register

def test_register_logs_in_and_greets_by_name(client):
    c = client()
    account = th.new_account()
    r = c.form("/register", {"username": account.username, "email": account.email,
                             "password": account.password}, page="/register")
    assert r.status_code == 303
    assert r.headers["Location"] == "/"
    assert th.cookie_line(r, "tertulia_session"), "no session cookie after registering"
    home = c.get("/")
    assert home.status_code == 200
    assert account.username in th.visible_text(home.text)
    # the account menu links to the member's own profile
    assert 'href="/u/%s"' % account.username in home.text


@pytest.mark.parametrize("same", ["username", "email"])
def test_register_twice_is_refused_and_keeps_what_was_typed(client, same):
    first = th.register(client())
    again = th.new_account()
    setattr(again, same, getattr(first, same))
    r = client().form("/register", {"username": again.username, "email": again.email,
                                    "password": again.password}, page="/register")
    assert r.status_code in (400, 409)
    want = text("en", "err.name_taken" if same == "username" else "err.email_taken")
    assert field_errors(r.text) == {same: want}
    assert input_value(r.text, "username") == again.username
    assert input_value(r.text, "email") == again.email
    assert input_value(r.text, "password") is None
    assert again.password not in r.text


def test_register_with_an_email_differing_only_in_case_is_refused(client):
    first = th.register(client())
    again = th.new_account()
    r = client().form("/register", {"username": again.username, "email": first.email.upper(),
                                    "password": again.password}, page="/register")
    assert r.status_code in (400, 409)
    assert field_errors(r.text) == {"email": text("en", "err.email_taken")}


def test_register_with_a_username_differing_only_in_case_is_refused(client):
    first = th.register(client())
    again = th.new_account()
    r = client().form("/register", {"username": first.username.upper(), "email": again.email,
                                    "password": again.password}, page="/register")
    assert r.status_code in (400, 409)
    assert "username" in field_errors(r.text)


BAD_INPUTS = [
    # (field, raw percent-encoded value or None, value, message key, {n})
    ("username", None, "ab", "err.username", None),
    ("username", None, "bad name!", "err.username", None),
    ("username", None, "x" * 31, "err.username", None),
    ("email", None, "not-an-email", "err.email", None),
    ("email", None, "two@@example.org", "err.email", None),
    ("password", None, "short1234", "err.pw_short", 10),
    ("password", None, "password123", "err.pw_common", None),
    ("password", None, "aaaaaaaaaaaaaa", "err.pw_common", None),
    ("password", None, "Contraseña1", "err.pw_common", None),
    ("username", "%FF%FE", None, "err.utf8", None),
    ("email", "me%FF%FE@example.org", None, "err.utf8", None),
    ("username", "abc%01def", None, "err.control", None),
    ("email", "me%07@example.org", None, "err.control", None),
    ("username", "", None, "err.required", None),
]


@pytest.mark.parametrize("field,raw,value,key,n", BAD_INPUTS,
                         ids=["%s-%s" % (b[0], b[3].split(".")[1] + str(i))
                              for i, b in enumerate(BAD_INPUTS)])
def test_register_bad_input_names_the_field(client, field, raw, value, key, n):
    c = client()
    account = th.new_account()
    fields = {"username": account.username, "email": account.email,
              "password": account.password}
    token = c.token("/register")
    parts = ["csrf=" + token]
    for name, good in fields.items():
        if name != field:
            parts.append("%s=%s" % (name, quote(good, safe="")))
        elif raw is not None:
            parts.append("%s=%s" % (name, raw))
        else:
            parts.append("%s=%s" % (name, quote(value, safe="")))
    r = c.post("/register", data="&".join(parts),
               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400, field_errors(r.text)
    assert field_errors(r.text) == {field: text("en", key, n)}
    # the other fields keep what was typed, the password is never sent back
    for name in ("username", "email"):
        if name != field:
            assert input_value(r.text, name) == fields[name]
    assert account.password not in r.text
    assert not c.session_cookie


def test_password_may_not_be_the_username(client):
    c = client()
    account = th.new_account("longname")
    r = c.form("/register", {"username": account.username, "email": account.email,
                             "password": account.username.upper()}, page="/register")
    assert r.status_code == 400
    assert field_errors(r.text) == {"password": text("en", "err.pw_is_name")}


def test_register_error_as_json(client):
    c = client()
    account = th.new_account()
    r = c.post("/register", data={"username": account.username, "email": account.email,
                                  "password": "short", "csrf": c.token("/register")},
               headers={"Accept": "application/json"})
    assert r.status_code == 400
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert body["ok"] is False
    assert body["errors"] == {"password": text("en", "err.pw_short", 10)}


def test_register_as_json(client):
    c = client()
    account = th.new_account()
    r = c.post("/register", data={"username": account.username, "email": account.email,
                                  "password": account.password,
                                  "csrf": c.token("/register")},
               headers={"Accept": "application/json"})
    assert r.status_code == 200
    body = r.json()
    assert body["ok"] is True and isinstance(body["id"], int) and body["url"] == "/"
    assert c.get("/index.json").json()["me"]["name"] == account.username


# --------------------------------------------------------------- login

def test_login_starts_a_new_session_never_a_known_one(client, member):
    _, account = member
    c = client()
    c.get("/login")
    planted = "ab" * 32  # a token an attacker could have set beforehand
    c.cookies.set("tertulia_session", planted, path="/")
    before = set(v for v in c.cookies.values())
    r = th.login(c, account.username, account.password)
    assert r.status_code == 303
    assert r.headers["Location"] == "/"
    line = th.cookie_line(r, "tertulia_session")
    assert line, "no new session cookie after login"
    new = th.cookie_attrs(line)["value"]
    assert len(new) == 64 and new not in before
    assert c.get("/index.json").json()["me"]["name"] == account.username


def test_login_with_email(client, member):
    _, account = member
    c = client()
    r = th.login(c, account.email, account.password)
    assert r.status_code == 303
    assert c.get("/index.json").json()["me"]["name"] == account.username


def test_login_username_is_case_insensitive_for_the_right_account(client):
    c = client()
    r = th.login(c, "JOHN", th.DEMO_PASSWORD)
    assert r.status_code == 303
    assert c.get("/index.json").json()["me"]["name"] == "john"


def test_wrong_password_and_unknown_user_look_the_same(client, member):
    _, account = member
    wrong = th.login(client(), account.username, "not the password at all")
    unknown = th.login(client(), th.unique_name("ghost"), "not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    assert field_errors(wrong.text) == field_errors(unknown.text) == {
        "password": text("en", "err.bad_login")}
    # nothing on the page tells them apart (the name typed is only in the
    # input's value, which is not text on the page)
    assert th.visible_text(wrong.text) == th.visible_text(unknown.text)
    assert not th.cookie_line(wrong, "tertulia_session")


def test_failed_login_as_json(client, member):
    _, account = member
    c = client()
    r = c.post("/login", data={"username": account.username, "password": "wrong password!",
                               "csrf": c.token()}, headers={"Accept": "application/json"})
    assert r.status_code == 401
    body = r.json()
    assert body["ok"] is False
    assert body["errors"] == {"password": text("en", "err.bad_login")}
    assert not th.cookie_line(r, "tertulia_session")


def test_failed_login_keeps_the_username_not_the_password(client, member):
    _, account = member
    r = th.login(client(), account.username, "not the password at all")
    assert r.status_code == 401
    assert input_value(r.text, "username") == account.username
    assert input_value(r.text, "password") is None
    assert "not the password at all" not in r.text


def test_login_goes_back_to_next(client, member):
    _, account = member
    c = client()
    r = c.get("/settings")
    assert r.status_code == 303
    assert r.headers["Location"] == "/login?next=%2Fsettings"
    page = c.get(r.headers["Location"])
    assert input_value(page.text, "next") == "/settings"
    r = c.post("/login", data={"username": account.username, "password": account.password,
                               "next": "/settings", "csrf": th.csrf_of(page.text)})
    assert r.status_code == 303
    assert r.headers["Location"] == "/settings"


@pytest.mark.parametrize("next_", ["//evil.example/", "https://evil.example/", "/\\evil.example",
                                   "/\r\nSet-Cookie: x=1", "javascript:alert(1)"])
def test_login_never_redirects_to_another_site(client, member, next_):
    _, account = member
    c = client()
    r = c.form("/login", {"username": account.username, "password": account.password,
                          "next": next_})
    if "\r" in next_:
        # a control character is refused at the gate, the field named,
        # before the password is even looked at
        assert r.status_code == 400
        assert "next" in th.field_errors(r.text)
        assert not c.session_cookie
        return
    assert r.status_code == 303
    assert r.headers["Location"] == "/"


# -------------------------------------------------------------- logout

def token_hash(cookie):
    """What the database keeps of a session token: its BLAKE2b-256 hash."""
    return hashlib.blake2b(bytes.fromhex(cookie), digest_size=32).hexdigest()


def test_logout_ends_the_session(stack, member):
    c, account = member
    old = c.session_cookie
    assert c.get("/settings").status_code == 200
    r = c.form("/logout", {}, page="/settings")
    assert r.status_code == 303
    assert r.headers["Location"] == "/"
    assert th.cookie_attrs(th.cookie_line(r, "tertulia_session")).get("max-age") == "0"
    assert c.get("/settings").status_code == 303
    assert stack.sql("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX('%s')"
                     % token_hash(old)) == [["0"]], "the session row is still there"
    # the old cookie, replayed by hand, opens nothing any more
    replay = th.Client(c.base)
    replay.cookies.set("tertulia_session", old, path="/")
    r = replay.get("/settings")
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/login")
    assert "me" not in replay.get("/index.json").json()


def test_logout_needs_the_token(member):
    c, _ = member
    r = c.post("/logout", data={})
    assert r.status_code == 403
    assert c.get("/settings").status_code == 200


# --------------------------------------------------------------- cookie

def test_session_cookie_flags(client, member):
    _, account = member
    r = th.login(client(), account.username, account.password)
    attrs = th.cookie_attrs(th.cookie_line(r, "tertulia_session"))
    assert attrs.get("httponly") is True
    assert str(attrs.get("samesite")).lower() == "lax"
    assert attrs.get("path") == "/"
    assert int(attrs.get("max-age", "0")) > 0
    assert len(attrs["value"]) == 64
    int(attrs["value"], 16)  # 32 random bytes in hex


def test_database_keeps_only_a_hash_of_the_session_token(stack, member):
    c, account = member
    token = c.session_cookie
    raw = bytes.fromhex(token)
    rows = stack.sql("SELECT HEX(s.token_hash) FROM sessions s JOIN users u ON u.id = s.user_id "
                     "WHERE u.username = '%s'" % account.username)
    stored = {row[0].lower() for row in rows}
    assert stored, "no session row for the member"
    assert token.lower() not in stored
    # not the raw bytes either, anywhere in the table
    assert stack.sql("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX('%s') "
                     "OR HEX(token_hash) LIKE '%%%s%%'" % (token, token.upper())) == [["0"]]
    dump = stack.sql("SELECT HEX(CONCAT_WS(',', id, token_hash, user_id)) FROM sessions")
    assert all(raw.hex().upper() not in row[0] for row in dump)
    # what is stored is the BLAKE2b hash of the token (libsodium generichash)
    assert token_hash(token) in stored


@pytest.mark.parametrize("column,when", [
    ("last_seen_at", "UTC_TIMESTAMP() - INTERVAL 15 DAY"),  # idle too long
    ("expires_at", "UTC_TIMESTAMP() - INTERVAL 1 MINUTE"),  # too old, however used
])
def test_session_expires(stack, member, column, when):
    c, _ = member
    assert c.get("/settings").status_code == 200
    stack.sql("UPDATE sessions SET %s = %s WHERE token_hash = UNHEX('%s')"
              % (column, when, token_hash(c.session_cookie)))
    r = c.get("/settings")
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/login")


def test_suspended_member_cannot_log_in(stack, client, member):
    c, account = member
    stack.sql("UPDATE users SET suspended_until = UTC_TIMESTAMP() + INTERVAL 1 DAY "
              "WHERE username = '%s'" % account.username)
    # the session already open ends
    assert c.get("/settings").status_code == 303
    r = th.login(client(), account.username, account.password)
    assert r.status_code == 403
    assert field_errors(r.text)["username"] == text("en", "err.suspended")
    assert not th.cookie_line(r, "tertulia_session")
    # a wrong password does not tell that the account is suspended
    r = th.login(client(), account.username, "not the password at all")
    assert r.status_code == 401
    assert text("en", "err.suspended") not in r.text


# ------------------------------------------------------------ settings

def test_visitor_is_sent_to_log_in_for_settings(client):
    r = client().get("/settings")
    assert r.status_code == 303
    assert r.headers["Location"] == "/login?next=%2Fsettings"
    # a JSON client is told, not redirected
    r = client().get("/settings.json")
    assert r.status_code == 401
    assert r.json()["ok"] is False


def test_settings_language_spanish(member):
    c, account = member
    r = c.form("/settings", {"email": account.email, "lang": "es", "bio": ""},
               page="/settings")
    assert r.status_code == 303
    assert r.headers["Location"] == "/settings?saved=1"
    saved = c.get("/settings?saved=1")
    assert text("es", "settings.saved") in th.visible_text(saved.text)
    # English browser, Spanish member: the member's setting wins
    home = c.get("/", headers={"Accept-Language": "en"})
    assert th.html_lang(home.text) == "es"
    assert home.headers["Content-Language"] == "es"
    assert text("es", "site.settings") in th.visible_text(home.text)
    assert c.get("/settings").text.count('value="es" lang="es" selected') == 1


def test_settings_email_taken_is_refused(member):
    c, account = member
    r = c.form("/settings", {"email": "john@example.com", "lang": "auto", "bio": "hi"},
               page="/settings")
    assert r.status_code in (400, 409)
    assert field_errors(r.text) == {"email": text("en", "err.email_taken")}
    assert input_value(r.text, "email") == "john@example.com"
    # nothing changed
    assert c.get("/settings.json").json()["settings"]["email"] == account.email


def test_settings_bio_shows_on_profile(client, member):
    c, account = member
    r = c.form("/settings", {"email": account.email, "lang": "auto",
                             "bio": "I <b>love</b> toasters"}, page="/settings")
    assert r.status_code == 303
    page = client().get("/u/" + account.username)
    assert "I &lt;b&gt;love&lt;/b&gt; toasters" in page.text
    assert "<b>love</b>" not in page.text


def test_change_password_needs_the_current_one(client, member):
    c, account = member
    r = c.form("/settings/password", {"current_password": "not my password",
                                      "new_password": "a brand new passphrase"},
               page="/settings")
    assert r.status_code == 400
    assert field_errors(r.text) == {"current_password": text("en", "err.bad_password")}
    assert "a brand new passphrase" not in r.text
    # still the old password
    assert th.login(client(), account.username, account.password).status_code == 303


def test_change_password(client, member):
    c, account = member
    other = client()
    th.login_ok(other, account.username, account.password)
    new = "a brand new passphrase " + th.RUN
    r = c.form("/settings/password", {"current_password": account.password,
                                      "new_password": new}, page="/settings")
    assert r.status_code == 303
    # this browser stays logged in, on a new session
    assert c.get("/settings").status_code == 200
    # the old password no longer logs in; the new one does
    assert th.login(client(), account.username, account.password).status_code == 401
    assert th.login(client(), account.username, new).status_code == 303
    # and the other browser was logged out by the change
    assert other.get("/settings").status_code == 303


def test_new_password_must_be_good(member):
    c, account = member
    r = c.form("/settings/password", {"current_password": account.password,
                                      "new_password": "password123"}, page="/settings")
    assert r.status_code == 400
    assert field_errors(r.text) == {"new_password": text("en", "err.pw_common")}


def test_log_out_everywhere(client, member):
    a, account = member
    b = client()
    th.login_ok(b, account.username, account.password)
    assert a.get("/settings").status_code == 200
    assert b.get("/settings").status_code == 200
    r = a.form("/settings/logout-everywhere", {}, page="/settings")
    assert r.status_code == 303
    for c in (a, b):
        r = c.get("/settings")
        assert r.status_code == 303
        assert r.headers["Location"].startswith("/login")


# ------------------------------------------------------------- profile

def test_profile_page_and_json(client, member):
    _, account = member
    c = client()
    page = c.get("/u/" + account.username)
    assert page.status_code == 200
    assert "<h1>%s" % account.username in page.text
    assert account.email not in page.text
    data = c.get("/u/%s.json" % account.username)
    assert data.status_code == 200
    assert data.headers["Content-Type"].startswith("application/json")
    user = data.json()["user"]
    assert user["username"] == account.username
    assert "email" not in user and "password_hash" not in user
    assert account.email not in data.text


def test_profile_of_nobody_is_404(client):
    c = client()
    name = th.unique_name("nobody")
    page = c.get("/u/" + name)
    assert page.status_code == 404
    assert text("en", "error.404.title") in page.text
    data = c.get("/u/%s.json" % name)
    assert data.status_code == 404
    assert data.json()["ok"] is False


def test_profile_shows_role_badges(client):
    page = client().get("/u/admin")
    assert page.status_code == 200
    assert 'class="badge badge-admin"' in page.text
    assert client().get("/u/admin.json").json()["user"]["badges"]["admin"] == 1


# ------------------------------------------------------- database grants

def test_only_the_account_program_may_read_password_hashes(stack):
    grantees = [row[0] for row in stack.sql(
        "SELECT DISTINCT User FROM mysql.user WHERE User LIKE 'tertulia\\_%'")]
    assert "tertulia_account" in grantees and "tertulia_forum" in grantees, grantees
    readers = set()
    for user in grantees:
        grantee = "'%s'@'%%'" % user
        broad = stack.sql(
            "SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = \"%s\" "
            "AND PRIVILEGE_TYPE = 'SELECT'" % grantee)[0][0] != "0" or stack.sql(
            "SELECT COUNT(*) FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = \"%s\" "
            "AND TABLE_SCHEMA = DATABASE() AND PRIVILEGE_TYPE = 'SELECT'" % grantee)[0][0] != "0"
        table = stack.sql(
            "SELECT COUNT(*) FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = \"%s\" "
            "AND TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'users' "
            "AND PRIVILEGE_TYPE = 'SELECT'" % grantee)[0][0] != "0"
        column = stack.sql(
            "SELECT COUNT(*) FROM information_schema.COLUMN_PRIVILEGES WHERE GRANTEE = \"%s\" "
            "AND TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'users' "
            "AND COLUMN_NAME = 'password_hash' AND PRIVILEGE_TYPE = 'SELECT'" % grantee)[0][0] != "0"
        if broad or table or column:
            readers.add(user)
    assert readers == {"tertulia_account"}
