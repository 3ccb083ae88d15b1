"""Roles: the admin page, granting roles on the web and from the command
line, and the audit log of both."""

import tertulia_http as th
from tertulia_http import text


def admin_user(c, username):
    """The /admin.json entry of one member."""
    data = c.get("/admin.json?q=" + username)
    assert data.status_code == 200, data.text
    users = [u for u in data.json()["users"] if u["username"] == username]
    assert len(users) == 1, data.json()
    return users[0]


def test_member_cannot_open_admin(member):
    c, _ = member
    r = c.get("/admin")
    assert r.status_code == 403
    assert text("en", "error.403.title") in r.text
    assert c.get("/admin.json").status_code == 403


def test_member_cannot_grant_roles(member):
    c, account = member
    r = c.form("/admin/roles", {"username": account.username, "admin": "on"})
    assert r.status_code == 403
    assert th.Client(c.base).get("/u/%s.json" % account.username).json()["user"].get(
        "badges") is None


def test_visitor_is_sent_to_log_in_for_admin(client):
    r = client().get("/admin")
    assert r.status_code == 303
    assert r.headers["Location"] == "/login?next=%2Fadmin"


def test_staff_and_moderator_cannot_open_admin(as_demo):
    for name in ("staff", "moderadora", "marketing"):
        assert as_demo(name).get("/admin").status_code == 403, name


def test_admin_grants_roles_on_the_web_and_from_the_command_line(stack, client, as_demo):
    account = th.register(client())
    admin = as_demo("admin")
    page = admin.get("/admin?q=" + account.username)
    assert page.status_code == 200
    assert account.username in page.text
    assert admin_user(admin, account.username)["role"] == {
        "moderator": 0, "staff": 0, "marketing": 0, "admin": 0}

    r = admin.form("/admin/roles", {"username": account.username, "staff": "on"}, page="/admin")
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/admin?")
    assert admin_user(admin, account.username)["role"] == {
        "moderator": 0, "staff": 1, "marketing": 0, "admin": 0}
    # the member's own pages know it at once
    me = client()
    th.login_ok(me, account.username, account.password)
    assert me.get("/index.json").json()["me"]["roles"] == {"staff": 1}

    res = stack.ctl("user", "role", account.username, "+moderator")
    assert account.username in res.stdout
    assert admin_user(admin, account.username)["role"] == {
        "moderator": 1, "staff": 1, "marketing": 0, "admin": 0}
    badges = client().get("/u/%s.json" % account.username).json()["user"]["badges"]
    assert badges == {"moderator": 1, "staff": 1}

    uid = stack.sql("SELECT id FROM users WHERE username = '%s'" % account.username)[0][0]
    admin_id = stack.sql("SELECT id FROM users WHERE username = 'admin'")[0][0]
    rows = stack.sql("SELECT COALESCE(actor_id, '-'), action, detail FROM audit_log "
                     "WHERE target_type = 'user' AND target_id = %s ORDER BY id" % uid)
    assert len(rows) == 2, rows
    web, cli = rows
    assert web[0] == admin_id and web[1] == "roles" and "staff" in web[2]
    assert cli[1] == "roles" and "moderator" in cli[2]


def test_admin_takes_a_role_away(stack, client, as_demo):
    account = th.register(client())
    stack.ctl("user", "role", account.username, "+marketing")
    admin = as_demo("admin")
    assert admin_user(admin, account.username)["role"]["marketing"] == 1
    r = admin.form("/admin/roles", {"username": account.username}, page="/admin")
    assert r.status_code == 303
    assert admin_user(admin, account.username)["role"] == {
        "moderator": 0, "staff": 0, "marketing": 0, "admin": 0}


def test_admin_cannot_remove_own_admin_role(as_demo):
    admin = as_demo("admin")
    r = admin.form("/admin/roles", {"username": "admin", "staff": "on"}, page="/admin")
    assert r.status_code == 403
    assert text("en", "err.own_admin") in th.visible_text(r.text)
    assert admin_user(admin, "admin")["role"]["admin"] == 1


def test_granting_roles_to_nobody_is_404(as_demo):
    admin = as_demo("admin")
    r = admin.form("/admin/roles", {"username": th.unique_name("nobody"), "staff": "on"},
                   page="/admin")
    assert r.status_code == 404


def test_command_line_refuses_an_unknown_role(stack, client):
    account = th.register(client())
    res = stack.ctl("user", "role", account.username, "+wizard", check=False)
    assert res.returncode != 0
    assert stack.sql("SELECT roles FROM users WHERE username = '%s'"
                     % account.username) == [[""]]
