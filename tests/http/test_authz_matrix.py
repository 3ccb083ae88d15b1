"""Who may do what: every route of every program (read from the route
tables in cgi/*.c by routes.py) against every role, with the status a
person would expect, as one table.

A route added to a program without a row in EXPECT fails
test_every_route_has_expectations, naming the route; a row whose route is
gone fails it too. Each cell is one request through nginx, so a route that
nginx sends to the wrong program shows up as well.

The requests are what a browser would send with an empty form: the CSRF
token of the role's session and no other field. A route with declared
fields then answers 400 to whoever may use it, so nothing is changed; the
few routes without fields that act (delete, vote, log out...) get a fresh
target for every cell.

Roles: visitor (no session); member (owns the targets: thread, post,
review, idea, notification); other (another member); moderator, staff,
marketing, admin (members given that role); silenced (a member silenced by
moderation); suspended (a member suspended while logged in, whose cookie
must count for nothing).
"""

import re

import pytest

import forum_http as fh
from ideas_http import new_idea
from reviews_http import new_review, review_form
import routes
import tertulia_http as th

ROLES = ["visitor", "member", "other", "moderator", "staff", "marketing", "admin",
         "silenced", "suspended"]
LOGGED_OUT = ("visitor", "suspended")  # a suspended member's cookie opens nothing
MEMBERS = [r for r in ROLES if r not in LOGGED_OUT]

LOGIN = "login"  # GET: 303 to /login?next=...; POST: 401


# ------------------------------------------------------------ the table
#
# Each row: {role: expected status} (LOGIN for "sent to log in"), built by
# the helpers below, then adjusted with ** for the exceptions.

def everyone(code):
    """Open to all, logged in or not."""
    return {r: code for r in ROLES}


def members(code, writes=False):
    """Needs a session; writes: publishes content, refused (403) to a
    silenced member."""
    row = {r: (LOGIN if r in LOGGED_OUT else code) for r in ROLES}
    if writes:
        row["silenced"] = 403
    return row


def only(roles, code):
    """Needs a session and one of roles: other members get 403."""
    roles = roles.split()
    return {r: (LOGIN if r in LOGGED_OUT else code if r in roles else 403) for r in ROLES}


def owner(code, mods=None, others=403):
    """Acts on the member's own thing: the owner gets code, other members
    (the silenced one too) `others`, and the roles in mods (a
    space-separated list) get code too."""
    row = members(others)
    row["member"] = code
    for r in (mods or "").split():
        row[r] = code
    return row


MODS = "moderator admin"
STAFF = "staff admin"

EXPECT = {
    # ---- forum (cgi/forum.c)
    "GET /": everyone(200),
    "GET /c/:s": everyone(200),
    "GET /c/:s/feed": everyone(200),
    "GET /sitemap.xml": everyone(200),
    "GET /sitemap-forum.xml": everyone(200),
    "GET /products/sitemap.xml": everyone(200),
    "GET /p/:s/feed": everyone(200),
    "GET /ideas/sitemap.xml": everyone(200),
    "GET /t/new": members(200),
    "POST /t/new": members(400, writes=True),
    "GET /t/:id": everyone(200),
    "GET /t/:id/:s": everyone(200),
    "GET /t/:id/unread": everyone(303),
    "POST /t/:id/reply": members(400, writes=True),
    # (with post=0, see FORM) the thread's author or staff
    "POST /t/:id/solve": owner(303, mods="moderator staff admin"),
    "POST /t/:id/lock": only(MODS, 400),
    "POST /t/:id/pin": only(MODS, 400),
    "POST /t/:id/move": only(MODS, 400),
    "POST /t/:id/split": only(MODS, 400),
    "GET /posts/:id/edit": owner(200, mods=MODS),
    "POST /posts/:id/edit": dict(owner(400, mods=MODS), silenced=403),
    "POST /posts/:id/delete": owner(303, mods=MODS),
    "POST /posts/:id/like": dict(members(303), member=403),  # not one's own
    "GET /search": everyone(200),
    "GET /admin/categories": only("admin", 200),
    "POST /admin/categories": only("admin", 400),
    "POST /admin/categories/:s": only("admin", 400),
    "GET /healthz": everyone(200),
    "GET /hello": everyone(200),

    # ---- accounts (cgi/account.c)
    "GET /register": everyone(200),
    "POST /register": everyone(400),
    "GET /login": everyone(200),
    "POST /login": everyone(400),
    "POST /logout": everyone(303),
    "GET /settings": members(200),
    "POST /settings": members(400),
    "POST /settings/password": members(400),
    "POST /settings/logout-everywhere": members(303),
    "GET /u/:name": everyone(200),
    "POST /lang": everyone(400),
    "GET /admin": only("admin", 200),
    "POST /admin/roles": only("admin", 400),
    "POST /admin/lift": only("admin", 400),
    "POST /settings/email": members(400),
    "POST /settings/verify/resend": members(303),
    "GET /settings/verify": everyone(400),
    "POST /settings/verify": everyone(400),
    "GET /settings/email/confirm": everyone(400),
    "POST /settings/email/confirm": everyone(400),
    "GET /password/forgot": everyone(200),
    "POST /password/forgot": everyone(400),
    "GET /password/reset": everyone(400),
    "POST /password/reset": everyone(400),
    "GET /notifications": members(200),
    "POST /notifications/read-all": members(303),
    "POST /notifications/:id/read": owner(303, others=404),
    "GET /notifications/:id": owner(303, others=404),
    "GET /notifications/following": members(200),
    "POST /follow": members(400),
    "GET /invite": members(200),
    "GET /unsubscribe/:s": everyone(400),  # a token that is no token
    "POST /unsubscribe/:s": everyone(400),

    # ---- reviews (cgi/reviews.c)
    "GET /products": everyone(200),
    "GET /p/:s": everyone(200),
    "GET /p/:s/review": members(200),
    "POST /p/:s/review": members(400, writes=True),
    "GET /reviews/invite": everyone(400),
    "GET /reviews/:id": everyone(200),
    "POST /reviews/:id/delete": owner(303, mods=MODS),
    "POST /reviews/:id/helpful": dict(members(303), member=403),  # (helpful=yes) not one's own
    "POST /reviews/:id/respond": dict(only(STAFF, 400), silenced=403),
    "GET /admin/products": only(STAFF, 200),
    "POST /admin/products": only(STAFF, 400),
    "POST /admin/products/:s": only(STAFF, 400),
    "POST /api/orders": everyone(401),

    # ---- ideas (cgi/ideas.c)
    "GET /ideas": everyone(200),
    "GET /ideas/new": members(200),
    "POST /ideas/new": members(400, writes=True),
    "GET /ideas/similar": everyone(200),
    "GET /ideas/:id": everyone(200),
    "POST /ideas/:id/vote": members(303),
    "POST /ideas/:id/unvote": members(303),
    "POST /ideas/:id/status": only(STAFF, 400),
    "POST /ideas/:id/merge": only("moderator " + STAFF, 400),
    "POST /ideas/:id/comment": members(400, writes=True),
    "GET /roadmap": everyone(200),

    # ---- moderation (cgi/moderation.c)
    "POST /posts/:id/flag": members(400),
    "POST /reviews/:id/flag": members(400),
    "POST /ideas/:id/flag": members(400),
    "GET /mod": only(MODS, 200),
    "GET /mod/item/:s/:id": only(MODS, 200),
    "POST /mod/action": only(MODS, 400),
    "GET /mod/log": only(MODS, 200),
    "GET /mod/log.csv": only(MODS, 200),
    "GET /mod/transparency": everyone(200),
    "GET /mod/stats": only(MODS + " marketing", 200),
    "GET /mod/words": only(MODS, 200),
    "POST /mod/words": only(MODS, 400),
    "POST /mod/words/:id/delete": only(MODS, 303),

    # ---- insights (cgi/insights.c): marketing's read-only pages
    "GET /insights": only("marketing admin", 200),
    "GET /insights/p/:s": only("marketing admin", 200),
    "GET /insights/c/:s": only("marketing admin", 200),
    "GET /insights/export.csv": only("marketing admin", 200),
    "GET /insights/digest": only("marketing admin", 200),
}

# Routes that act even with an empty form: each cell gets a new target
# (made by the factory of that name), so that one role's request does not
# change what the next one finds.
FRESH = {
    "POST /posts/:id/delete": "post",
    "POST /reviews/:id/delete": "review",
    "POST /mod/words/:id/delete": "word",
}
# Fields sent besides the token, for routes whose handler decides who may
# (after the gate has checked the declared fields): harmless values.
FORM = {
    "POST /t/:id/solve": {"post": "0"},
    "POST /reviews/:id/helpful": {"helpful": "yes"},
}
# Routes that end the role's session: each cell uses a session of its own.
OWN_SESSION = {"POST /logout", "POST /settings/logout-everywhere"}


# ------------------------------------------------------------ the people

@pytest.fixture(scope="module")
def people(stack):
    """{role: logged-in th.Client} (the visitor's has no session), and
    {role: Account}."""
    clients, accounts = {}, {}
    grants = {"moderator": "+moderator", "staff": "+staff", "marketing": "+marketing",
              "admin": "+admin"}
    for role in ROLES:
        c = th.Client(stack.url)
        clients[role] = c
        if role == "visitor":
            continue
        accounts[role] = th.register(c, th.new_account("az"))
        name = accounts[role].username
        # not a "new member" whose writing is limited
        stack.sql("UPDATE users SET created_at = UTC_TIMESTAMP() - INTERVAL 30 DAY "
                  "WHERE username = '%s'" % name)
        if role in grants:
            stack.ctl("user", "role", name, grants[role])
    # restrictions come after the login, as they do to a person
    stack.sql("UPDATE users SET silenced_until = UTC_TIMESTAMP() + INTERVAL 1 DAY "
              "WHERE username = '%s'" % accounts["silenced"].username)
    stack.sql("UPDATE users SET suspended_until = UTC_TIMESTAMP() + INTERVAL 1 DAY "
              "WHERE username = '%s'" % accounts["suspended"].username)
    yield clients, accounts
    for c in clients.values():
        c.close()


def fresh_login(stack, account):
    c = th.Client(stack.url)
    th.login_ok(c, account.username, account.password)
    return c


# ------------------------------------------------------------ the targets

class Targets:
    """The ids that :id and :s stand for, made by the member through the
    forms (and the admin for a watched word)."""

    def __init__(self, stack, clients, accounts):
        self.stack, self.clients, self.accounts = stack, clients, accounts
        m = clients["member"]
        self.thread = fh.create_thread(m, "help")
        self.post = self.make_post()
        self.sku = self.new_product()
        self.review = self.make_review(self.sku)
        self.sku_deleted = self.new_product()  # for the reviews that get deleted
        self.idea = self.make_idea()
        self.username = accounts["member"].username
        self.notification = self.make_notification()

    def make_post(self):
        return fh.create_reply(self.clients["member"], self.thread,
                               "A reply for the matrix " + th.unique_name("p"))

    def new_product(self):
        sku = "AZ%s-%s" % (th.RUN.upper(), th.unique_name("p").replace("_", "-"))
        r = self.clients["admin"].form("/admin/products", {
            "sku": sku, "name": "Matrix product " + sku, "description": "For the matrix.",
            "category": "Testing", "image_url": "", "active": "1"}, page="/admin/products")
        assert r.status_code == 303, (r.status_code, th.field_errors(r.text))
        return sku

    def make_review(self, sku=None):
        """The member's review of a product (by default the one whose
        reviews get deleted: after a delete the member may write one again,
        which is a new review)."""
        sku = sku or self.sku_deleted
        c = self.clients["member"]
        edit = re.search(r'name="edit" value="(\d+)"', review_form(c, sku).text)
        if edit:  # the last one was not deleted: it is still there
            return int(edit.group(1))
        return new_review(c, sku, 4, "Fine for the matrix", "It works as it should.")

    def make_idea(self):
        return new_idea(self.clients["member"], "Matrix idea " + th.unique_name("i"),
                        "An idea for the matrix.")

    def make_word(self):
        word = "azword%s" % th.unique_name("w").replace("_", "").lower()
        admin = self.clients["admin"]
        r = admin.form("/mod/words", {"word": word, "lang": "any", "action": "hold"},
                       page="/mod/words")
        assert r.status_code == 303, (r.status_code, th.field_errors(r.text))
        words = admin.get("/mod/words.json").json()["words"]
        return [w["id"] for w in words if w["word"] == word][0]

    def make_notification(self):
        # another member's reply in the member's thread tells the member
        fh.create_reply(self.clients["other"], self.thread, "An answer " + th.unique_name("n"))
        r = self.clients["member"].get("/notifications.json")
        assert r.status_code == 200, r.status_code
        groups = r.json().get("groups") or []
        assert groups, "the member was not told of the reply"
        return groups[0]["id"]

    def fresh(self, kind):
        return {"post": self.make_post, "review": self.make_review,
                "word": self.make_word}[kind]()

    def path(self, pattern, fresh=None):
        """The pattern with its :id, :s and :name filled in, in order, by the first
        entry of the table below whose prefix it has. Raises for a pattern
        the table does not know (add a line for it)."""
        table = [
            ("/t/", [self.thread, "some-title"]),
            ("/posts/", [fresh or self.post]),
            ("/reviews/", [fresh or self.review]),
            ("/ideas/", [self.idea]),
            ("/notifications/", [self.notification]),
            ("/mod/item/", ["post", self.post]),
            ("/mod/words/", [fresh]),
            ("/c/", ["help"]),
            ("/u/", [self.username]),
            ("/p/", [self.sku]),
            ("/admin/products/", [self.sku]),
            ("/admin/categories/", ["help"]),
            ("/unsubscribe/", ["x" * 40]),
            ("/insights/p/", ["KX-200"]),   # a demo product with reviews
            ("/insights/c/", ["help"]),
        ]
        parts = re.split(r"(:id|:s|:name)(?=/|$)", pattern)
        if len(parts) == 1:
            return pattern
        for prefix, values in table:
            if pattern.startswith(prefix):
                break
        else:
            raise AssertionError("no ids for %s: add a line to Targets.path" % pattern)
        values = iter(values)
        return "".join(str(next(values)) if p in (":id", ":s", ":name") else p for p in parts)


@pytest.fixture(scope="module")
def targets(stack, people):
    return Targets(stack, *people)


# ------------------------------------------------------------ the requests

def token(c):
    """The CSRF token of the client's session (the same for its whole life)."""
    if not getattr(c, "_matrix_csrf", None):
        c._matrix_csrf = c.token("/")
    return c._matrix_csrf


def send(c, method, path, form=None):
    if method == "GET":
        return c.get(path)
    return c.post(path, data=dict(form or {}, csrf=token(c)))


def matches(expected, r, method, path):
    if expected == LOGIN:
        if method == "GET":
            return r.status_code == 303 and r.headers.get("Location", "").startswith(
                "/login?next=")
        return r.status_code == 401
    return r.status_code == expected


def describe(expected, r):
    got = "%d" % r.status_code
    if r.status_code == 303:
        got += " -> %s" % r.headers.get("Location")
    want = ("303 to /login (GET) or 401 (POST)" if expected == LOGIN else str(expected))
    return "expected %s, got %s" % (want, got)


def all_keys():
    keys = []
    for r in routes.routes():
        for k in r.key:
            if k not in keys:
                keys.append(k)
    return keys


def test_every_route_has_expectations():
    keys = all_keys()
    missing = [k for k in keys if k not in EXPECT]
    gone = [k for k in EXPECT if k not in keys]
    assert not missing, ("routes without a row in EXPECT of tests/http/test_authz_matrix.py "
                         "(say who may use them): %s" % ", ".join(missing))
    assert not gone, "rows of EXPECT whose route no program has any more: %s" % ", ".join(gone)
    for k, row in EXPECT.items():
        assert set(row) == set(ROLES), "%s: the row must name every role" % k


def cells():
    """(key, role) of every cell, the routes that end sessions last."""
    keys = [k for k in all_keys() if k in EXPECT]
    keys.sort(key=lambda k: k in OWN_SESSION)
    return [(k, role) for k in keys for role in ROLES]


def run_cell(stack, clients, accounts, targets, key, role):
    """Sends the request of one cell; returns the response."""
    method, pattern = key.split(" ", 1)
    fresh = targets.fresh(FRESH[key]) if key in FRESH else None
    path = targets.path(pattern, fresh)
    if key in OWN_SESSION and role not in LOGGED_OUT:
        c = fresh_login(stack, accounts[role])
        try:
            return path, send(c, method, path, FORM.get(key))
        finally:
            c.close()
            # "log out everywhere" ended the role's main session too
            main = clients[role]
            if main.get("/settings").status_code != 200:
                main.cookies.clear()
                main._matrix_csrf = None
                th.login_ok(main, accounts[role].username, accounts[role].password)
    return path, send(clients[role], method, path, FORM.get(key))


def test_matrix(stack, people, targets):
    clients, accounts = people
    failures = []
    for key, role in cells():
        method = key.split(" ", 1)[0]
        expected = EXPECT[key][role]
        path, r = run_cell(stack, clients, accounts, targets, key, role)
        if not matches(expected, r, method, path):
            failures.append("%-9s %s %s: %s" % (role, method, path, describe(expected, r)))
    assert not failures, "%d of %d cells differ:\n%s" % (len(failures), len(cells()),
                                                         "\n".join(failures))


# Pages whose twin is not JSON (plain text, CSV).
# answers that are already a machine's format (text, CSV, Atom, sitemaps)
NO_TWIN = {"GET /healthz", "GET /hello", "GET /mod/log.csv", "GET /insights/export.csv",
           "GET /c/:s/feed", "GET /p/:s/feed", "GET /sitemap.xml", "GET /sitemap-forum.xml",
           "GET /products/sitemap.xml", "GET /ideas/sitemap.xml"}


@pytest.mark.parametrize("role", ["visitor", "member", "moderator", "suspended"])
def test_json_twins(people, targets, role):
    """Every page's JSON twin (URL + .json) lets in whom the page lets in,
    and answers a refusal in JSON: 401 where the page sends to log in."""
    clients, _ = people
    failures = []
    for key in all_keys():
        method, pattern = key.split(" ", 1)
        if method != "GET" or key in NO_TWIN or key not in EXPECT:
            continue
        expected = EXPECT[key][role]
        path = targets.path(pattern) + ".json"
        if path == "/.json":
            path = "/index.json"
        r = clients[role].get(path)
        want = 401 if expected == LOGIN else expected
        if want == 303:
            want = 200  # a redirect's twin says where, in JSON
        is_json = r.headers.get("Content-Type", "").startswith("application/json")
        if r.status_code != want or not is_json:
            failures.append("%s: expected %d in JSON, got %d %s" % (
                path, want, r.status_code, r.headers.get("Content-Type")))
    assert not failures, "\n".join(failures)
