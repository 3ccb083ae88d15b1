"""Hostile input in every form and every query parameter: the corpus of
hostile.py (script tags, attribute breakouts, event handlers, javascript:
URLs, SVG and iframes, template syntax, SQL metacharacters, NUL, invalid
UTF-8, control characters, 100,000 characters, right-to-left overrides).

Nothing is listed by hand: the forms and parameters are found by crawling
the stack as a visitor, a member, staff, marketing, a moderator and an
admin (crawl.py), and the query parameters the handlers read come from the
sources too (routes.query_params), so a form or parameter added later is
covered. No answer may be a 5xx, and no page, whether the answer to a POST,
the page it redirects to, or any page crawled afterwards, may carry a
corpus string unescaped (hostile.problems).

It runs on a stack of its own: the admin's and moderator's forms are
submitted too.
"""

import itertools
import os
import re
from urllib.parse import quote, urlsplit

import pytest

import crawl
import forum_http as fh
import hostile
import routes
import tertulia_http as th

pytestmark = pytest.mark.slow  # a stack of its own and a long crawl; not again under ASan

ROLES = [None, "member", "staff", "marketing", "moderadora", "admin"]
_n = itertools.count(1)


@pytest.fixture(scope="module")
def own(own_stack):
    """This module's own stack: the admin's and moderator's forms are submitted too."""
    return own_stack(workers=2, demo=True)


class Run:
    """What one role found and what went wrong, for the final report."""

    def __init__(self, stack):
        self.stack = stack
        self.problems = []
        self.accepted = 0      # POSTs with a corpus string answered 303
        self.requests = 0

    def check(self, what, r):
        self.requests += 1
        if r.status_code >= 500:
            self.problems.append("%s: answered %d" % (what, r.status_code))
        if r.status_code in (301, 302, 303, 307, 308):
            loc = r.headers.get("Location", "")
            if not loc.startswith("/") or loc.startswith(("//", "/\\")) or any(
                    ord(ch) < 32 for ch in loc):
                self.problems.append("%s: redirects to %r" % (what, loc))
        if r.headers.get("Content-Type", "").startswith("text/html"):
            for p in hostile.problems(r.text, always=False):
                self.problems.append("%s: %s" % (what, p))


def login(stack, role):
    c = th.Client(stack.url)
    if role == "member":
        th.register(c)
    elif role:
        th.login_ok(c, role)
    return c


def filler(field):
    """A valid value for a field that is not the one under test."""
    n = next(_n)
    name = field.name
    if field.kind in ("hidden", "select", "checkbox", "radio", "submit"):
        return field.value or ""
    if field.value:
        return field.value
    if "email" in name or field.kind == "email":
        return "hostile%s_%d@example.org" % (th.RUN, n)
    if name == "username":
        return "hostile%s_%d" % (th.RUN, n)
    if "password" in name:
        return "long enough pass %s %d" % (th.RUN, n)
    if name in ("sku", "slug"):
        return "h%s-%d" % (th.RUN, n)
    if field.kind == "number" or name in ("days", "position", "into", "rating"):
        return "1"
    if field.kind == "url" or "url" in name:
        return ""
    if name == "word":
        return "hword%s%d" % (th.RUN, n)
    return "Plain words %s %d" % (th.RUN, n)


def current(client, form):
    """The form as its page shows it now (a fresh nonce and token), or None
    when the page no longer has it."""
    r = client.get(form.page)
    if r.status_code != 200:
        return None, None
    forms, _ = crawl.parse(form.page, r.text)
    for f in forms:
        if f.key == form.key:
            return f, th.csrf_of(r.text)
    return None, None


def submit(run, client, form, csrf, values, what):
    """POSTs the form with values {name: value} over its defaults."""
    data = [(k, v) for k, v in form.defaults() if k not in values and k != "csrf"]
    data += [(k, v) for k, v in values.items()]
    data.append(("csrf", csrf))
    r = client.post(form.action, data=data)
    run.check(what, r)
    if r.status_code == 303:
        run.check(what + " -> GET " + r.headers["Location"],
                  client.get(r.headers["Location"]))
    return r


def attack_form(run, stack, role, client, form, csrf):
    """Pass 1: every text field at once gets a refused string (and one
    markup string): the form is shown again with what was typed. Pass 2:
    one field at a time gets each stored string, the others a valid value,
    so that the string is kept and shown on the site's pages."""
    text = [f for f in form.text_fields() if f.name != "nonce" or role is not None]
    if not text:
        return
    fresh = any(f.name == "nonce" for f in form.fields) or role is None

    def go(values, what):
        c, f, token = client, form, csrf
        if role is None:           # a visitor: a new one each time (throttles are per address)
            c = th.Client(stack.url)
        if fresh:
            f, token = current(c, form)
            if f is None:
                return None
        r = submit(run, c, f, token, values, what)
        if c is not client:
            c.close()
        return r

    label = "%s: POST %s" % (role or "visitor", form.action)
    for i, payload in enumerate(hostile.REFUSED + [hostile.SHORT]):
        go({f.name: payload for f in text}, "%s (all fields: corpus %d)" % (label, i))
    for field in text:
        for i, payload in enumerate(hostile.STORED):
            values = {f.name: filler(f) for f in text if f is not field}
            values[field.name] = payload
            r = go(values, "%s (%s: corpus %d)" % (label, field.name, i))
            if r is not None and r.status_code == 303:
                run.accepted += 1


def params_to_attack(site, crawled_paths):
    """((path, name), payloads) of every query parameter: those seen in
    links and GET forms get the whole corpus; those the handlers read
    (from the sources), on a page of each route of their program, one
    string."""
    out = {(p, n): hostile.CORPUS for p, n in site.params}
    by_program = routes.query_params()
    for path in crawled_paths:
        r = routes.route_of(path)
        if r is None:
            continue
        for name in by_program.get(r.program, ()):
            out.setdefault((path, name), [hostile.SHORT])
    return sorted(out.items())


def encode(value):
    return quote(value if isinstance(value, bytes) else value.encode("utf-8"), safe="")


def test_every_form_and_parameter(own):
    run = Run(own)
    clients = {role: login(own, role) for role in ROLES}
    attacked_params, attacked_forms = set(), set()
    for role in ROLES:
        c = clients[role]
        site = crawl.crawl(c)
        assert site.pages, "%s: nothing was crawled" % role
        for url, text in site.pages.items():
            for p in hostile.problems(text):
                run.problems.append("%s: GET %s: %s" % (role or "visitor", url, p))
        # one page of each route, for the parameters read in the sources
        paths, seen_routes = [], set()
        for url in site.pages:
            path = urlsplit(url).path
            r = routes.route_of(path)
            if r and r.pattern not in seen_routes:
                seen_routes.add(r.pattern)
                paths.append(path)
        for (path, name), payloads in params_to_attack(site, paths):
            r = routes.route_of(path)
            key = (r.pattern if r else path, name)
            if key in attacked_params:   # /p/KX-200?sort= is /p/SM-500?sort=
                continue
            attacked_params.add(key)
            for i, payload in enumerate(payloads):
                url = "%s?%s=%s" % (path, name, encode(payload))
                run.check("%s: GET %s?%s=(corpus %d)" % (role or "visitor", path, name, i),
                          c.get(url))
        csrf = th.csrf_of(next(iter(site.pages.values())))
        for form in site.forms:
            if form.key not in attacked_forms:  # the same form is the same for every role
                attacked_forms.add(form.key)
                attack_form(run, own, role, c, form, csrf)

    # what was stored, as a visitor, a member and the admin see it now
    stored_seen = 0
    for role in (None, "member", "admin"):
        site = crawl.crawl(clients[role], per_group=1)
        for url, text in site.pages.items():
            stored_seen += text.count("&lt;x9k&gt;")
            for p in hostile.problems(text):
                run.problems.append("%s: GET %s (afterwards): %s" % (role or "visitor", url, p))
    print("\n%d requests, %d POSTs with a corpus string accepted, %d escaped markers seen"
          % (run.requests, run.accepted, stored_seen))
    assert not run.problems, "%d problems:\n%s" % (len(run.problems), "\n".join(run.problems[:60]))
    # the test reached the pages: corpus strings were stored and shown
    assert run.accepted >= 20, "only %d corpus strings were accepted" % run.accepted
    assert stored_seen > 0, "no stored corpus string is shown on any page"


# ------------------------------------------------------------ what the corpus found
#
# The crawl above found these; each is kept here as a fast test of its own.

def test_templates_print_values_only_through_var():
    """ClearSilver escapes var: only: alt:, lvar: and evar: print their
    value as it is, whatever Config.VarEscapeMode says (the reply and idea
    forms showed a submitted nonce unescaped through alt:), and uvar: is
    for HTML our Markdown renderer made (*.html) and the JSON-LD."""
    bad = []
    folder = os.path.join(th.ROOT, "templates")
    names = sorted(os.path.relpath(os.path.join(d, f), folder)
                   for d, _, files in os.walk(folder) for f in files if f.endswith(".cs"))
    assert "header.cs" in names and "forum/thread.cs" in names, names
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                for cmd, arg in re.findall(r"<\?cs\s+(alt|lvar|evar|uvar)\s*:\s*([^ ?]*)", line):
                    if cmd == "uvar" and (arg.endswith("html") or arg == "page.jsonld"):
                        continue
                    bad.append("templates/%s:%d: %s:%s" % (name, n, cmd, arg))
    assert not bad, "values printed without escaping:\n" + "\n".join(bad)


def test_a_tampered_nonce_is_shown_escaped(member):
    c, _ = member
    tid = fh.create_thread(c, "help")
    csrf, _ = fh.form_fields(c, "/t/%d" % tid)
    # an empty body shows the form again, with the nonce that was sent
    r = c.post("/t/%d/reply" % tid, data={"csrf": csrf, "nonce": '"><x9k>', "body": ""})
    assert r.status_code == 400
    assert hostile.problems(r.text) == []
    assert 'name="nonce" value="&quot;&gt;&lt;x9k&gt;"' in r.text


@pytest.mark.parametrize("where", ["reply", "idea", "comment"])
def test_a_nonce_longer_than_its_column_is_refused_not_a_500(member, where):
    # posts, ideas and idea_comments keep the nonce in a CHAR(32): a longer
    # one was a database error (500) instead of a refused field
    c, _ = member
    nonce = "n" * 40
    if where == "reply":
        tid = fh.create_thread(c, "help")
        r = fh.post_reply(c, tid, "A reply with a long nonce", nonce=nonce)
    elif where == "idea":
        r = c.form("/ideas/new", {"title": "An idea with a long nonce", "confirm": "1",
                                  "body": "Nothing else is wrong with it.", "nonce": nonce},
                   page="/ideas/new")
    else:
        idea = c.get("/ideas.json").json()["ideas"][0]["id"]
        r = c.form("/ideas/%d/comment" % idea, {"body": "A comment", "nonce": nonce},
                   page="/ideas/%d" % idea)
    assert r.status_code == 400, r.status_code
