"""Helpers for the HTTP tests: a requests client bound to its own loopback
address, reading tokens and form state out of pages, unique accounts, and
the interface texts of templates/lang/*.hdf."""

import html as htmllib
import itertools
import os
import re
import secrets

import requests
from requests.adapters import HTTPAdapter

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO_PASSWORD = "tertulia-demo"
RUN = secrets.token_hex(3)  # makes names unique per test run
_names = itertools.count(1)
_addresses = itertools.count(1)


# ------------------------------------------------------------------ client

class SourceAddressAdapter(HTTPAdapter):
    """Connects from a given local address, so that each client is its own
    "address" for the per-address throttling."""

    def __init__(self, source, **kw):
        self.source = source
        super().__init__(**kw)

    def init_poolmanager(self, connections, maxsize, block=False, **pool_kwargs):
        pool_kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)


def next_address():
    """A loopback address no other client of this run has used: 127.0.x.y."""
    n = next(_addresses)
    x, y = divmod(n, 250)
    if x > 250:
        raise RuntimeError("out of loopback addresses")
    return "127.0.%d.%d" % (x + 1, y + 1)


class Client(requests.Session):
    """A browser-like session. Paths are relative to the stack's URL, and
    redirects are not followed unless follow=True, so tests see the 303."""

    def __init__(self, base, source=None):
        super().__init__()
        self.base = base
        self.source = source or next_address()
        self.mount("http://", SourceAddressAdapter(self.source))

    def request(self, method, url, *args, **kw):
        if url.startswith("/"):
            url = self.base + url
        kw.setdefault("timeout", 30)
        return super().request(method, url, *args, **kw)

    def get(self, url, follow=False, **kw):
        return self.request("GET", url, allow_redirects=follow, **kw)

    def post(self, url, data=None, follow=False, **kw):
        return self.request("POST", url, data=data, allow_redirects=follow, **kw)

    # -- forms

    def token(self, page="/login"):
        """The CSRF token the forms of a page carry."""
        r = self.get(page)
        assert r.status_code == 200, "GET %s answered %d" % (page, r.status_code)
        return csrf_of(r.text)

    def form(self, path, data, page="/login", **kw):
        """POSTs a form the way a browser does: with the token of a page
        just fetched in the hidden field csrf."""
        data = dict(data)
        data["csrf"] = self.token(page)
        return self.post(path, data=data, **kw)

    def json_token(self):
        """The token a JSON client gets from a page's JSON twin."""
        r = self.get("/index.json")
        assert r.status_code == 200, r.text
        return r.json()["csrf"]

    # -- cookies

    @property
    def session_cookie(self):
        return self.cookies.get("tertulia_session")


def clients(base):
    """A factory of clients of base, and what closes them: (make, close).
    make() gives a new Client with its own cookies and its own source
    address (127.0.x.y)."""
    made = []

    def make():
        c = Client(base)
        made.append(c)
        return c

    def close():
        for c in made:
            c.close()

    return make, close


def set_cookies(response):
    """The raw Set-Cookie header lines of a response."""
    return response.raw.headers.getlist("Set-Cookie")


def cookie_line(response, name):
    """The Set-Cookie line for one cookie, or None."""
    for line in set_cookies(response):
        if line.split("=", 1)[0].strip() == name:
            return line
    return None


def cookie_attrs(line):
    """{"value": ..., "path": "/", "httponly": True, ...} of a Set-Cookie
    line; attribute names lowercased."""
    parts = [p.strip() for p in line.split(";")]
    name, value = parts[0].split("=", 1)
    attrs = {"name": name, "value": value}
    for p in parts[1:]:
        if "=" in p:
            k, v = p.split("=", 1)
            attrs[k.strip().lower()] = v.strip()
        else:
            attrs[p.lower()] = True
    return attrs


# ------------------------------------------------------------------ pages

def csrf_of(text):
    m = re.search(r'name="csrf" value="([0-9a-f]{64})"', text)
    assert m, "no CSRF token in the page"
    return m.group(1)


def _input_tag(text, name):
    for tag in re.findall(r"<input\b[^>]*>", text):
        if re.search(r'\bname="%s"' % re.escape(name), tag):
            return tag
    return None


def input_value(text, name):
    """The value attribute of the form input named name (None without one;
    "" for an empty value)."""
    tag = _input_tag(text, name)
    assert tag is not None, "no input named %r in the page" % name
    m = re.search(r'\bvalue="([^"]*)"', tag)
    return htmllib.unescape(m.group(1)) if m else None


def field_errors(text):
    """{field: message} of the messages shown next to the fields."""
    return {m.group(1): htmllib.unescape(m.group(2)).strip() for m in re.finditer(
        r'<p class="field-error" id="([A-Za-z0-9_]+)-error"[^>]*>(.*?)</p>', text, re.S)}


def html_lang(text):
    m = re.search(r'<html lang="([^"]*)"', text)
    return m.group(1) if m else None


def visible_text(text):
    """The page's text without tags, whitespace collapsed, entities decoded."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", htmllib.unescape(text)).strip()


# ------------------------------------------------------------------ texts

def _load_hdf(path):
    """The flat {"error.404.title": "Page not found", ...} of a language
    file (the subset of HDF those files use: nesting with braces)."""
    out, stack = {}, []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.endswith("{"):
                stack.append(line[:-1].strip())
            elif line == "}":
                stack.pop()
            elif "=" in line:
                k, v = line.split("=", 1)
                out[".".join(stack + [k.strip()])] = v.strip()
    return {k[2:] if k.startswith("L.") else k: v for k, v in out.items()}


TEXTS = {lang: _load_hdf(os.path.join(ROOT, "templates", "lang", lang + ".hdf"))
         for lang in ("en", "es")}


def text(lang, key, n=None):
    """An interface text, with {n} filled in."""
    s = TEXTS[lang][key]
    return s.replace("{n}", str(n)) if n is not None else s


# ------------------------------------------------------------------ accounts

class Account:
    def __init__(self, username, email, password):
        self.username, self.email, self.password = username, email, password

    def __repr__(self):
        return "Account(%r)" % self.username


def unique_name(prefix="u"):
    return "%s%s_%d" % (prefix, RUN, next(_names))


def new_account(prefix="u"):
    name = unique_name(prefix)
    return Account(name, "%s@example.org" % name.lower(),
                   "long enough pass %s" % secrets.token_hex(4))


def register(client, account=None, **kw):
    """Registers an account through the form; asserts it worked."""
    account = account or new_account()
    r = client.form("/register", {"username": account.username, "email": account.email,
                                  "password": account.password}, page="/register", **kw)
    assert r.status_code == 303, "register answered %d: %s" % (
        r.status_code, field_errors(r.text) or r.text[:300])
    return account


def login(client, username, password, **kw):
    """Logs in through the form and returns the answer (not asserted)."""
    return client.form("/login", {"username": username, "password": password}, **kw)


def login_ok(client, username, password=DEMO_PASSWORD):
    r = login(client, username, password)
    assert r.status_code == 303, "login as %s answered %d: %s" % (
        username, r.status_code, field_errors(r.text))
    assert client.session_cookie
    return r
