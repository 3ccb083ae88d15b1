"""Finding what a person can reach: the pages linked from the home page (and
the routes without parameters), their forms and their query parameters, as
seen by one client (a visitor, a member, a moderator...). Used by
test_hostile_input.py and tests/security/scan.py, so that a form or a
parameter added later is covered without being listed anywhere.

    site = crawl(client)
    site.pages      {url: html} of the pages visited (200 text/html)
    site.forms      [Form], one per distinct (method, route, field names)
    site.params     {(path, name)}: query parameters seen in links and GET forms
"""

import html.parser
from urllib.parse import parse_qsl, urljoin, urlsplit

import routes

# Never followed or submitted by a crawler: they would end its session.
SESSION_ENDERS = ("/logout", "/settings/logout-everywhere")


class Field:
    def __init__(self, name, kind, value="", options=None, checked=False):
        self.name, self.kind, self.value = name, kind, value
        self.options = options or []   # select: the option values
        self.checked = checked         # checkbox/radio

    @property
    def is_text(self):
        """A field a person types into (or a hidden one carrying data)."""
        return self.kind in ("text", "search", "email", "url", "tel", "password", "textarea",
                             "hidden", "number") and self.name != "csrf"

    def __repr__(self):
        return "%s:%s" % (self.name, self.kind)


class Form:
    def __init__(self, page, action, method):
        self.page = page            # the URL of the page it was found on
        self.action = action        # path (and query) it submits to
        self.method = method.upper()
        self.fields = []

    @property
    def path(self):
        return urlsplit(self.action).path

    @property
    def route(self):
        r = routes.route_of(self.path, self.method)
        return r.pattern if r else self.path

    @property
    def key(self):
        return (self.method, self.route, tuple(sorted({f.name for f in self.fields})))

    def text_fields(self):
        return [f for f in self.fields if f.is_text]

    def defaults(self):
        """[(name, value)] a browser would send untouched: inputs' values,
        checked boxes, each select's selected (else first) option."""
        out = []
        for f in self.fields:
            if f.kind in ("checkbox", "radio"):
                if f.checked:
                    out.append((f.name, f.value or "on"))
            elif f.kind == "select":
                if f.value is not None:
                    out.append((f.name, f.value))
                elif f.options:
                    out.append((f.name, f.options[0]))
            elif f.kind in ("submit", "button", "image", "reset", "file"):
                continue
            else:
                out.append((f.name, f.value or ""))
        # one radio of a group: the checked one, else the first
        seen = {n for n, _ in out}
        for f in self.fields:
            if f.kind == "radio" and f.name not in seen:
                out.append((f.name, f.value))
                seen.add(f.name)
        return out

    def __repr__(self):
        return "Form(%s %s %s)" % (self.method, self.action, self.fields)


class _Parser(html.parser.HTMLParser):
    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms, self.links = [], []
        self.form = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self.form = Form(self.page, urljoin(self.page, a.get("action") or self.page),
                             a.get("method") or "get")
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and a.get("name"):
            self.form.fields.append(Field(a["name"], (a.get("type") or "text").lower(),
                                          a.get("value") or "", checked="checked" in a))
        elif tag == "button" and a.get("name"):
            self.form.fields.append(Field(a["name"], "submit", a.get("value") or ""))
        elif tag == "textarea" and a.get("name"):
            self.textarea = Field(a["name"], "textarea", "")
            self.form.fields.append(self.textarea)
        elif tag == "select" and a.get("name"):
            self.select = Field(a["name"], "select", None)
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            self.select.options.append(value)
            if "selected" in a:
                self.select.value = value

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data


def parse(page, text):
    """(forms, links) of a page's HTML; links are absolute paths of this
    site (other sites, fragments and static files left out)."""
    p = _Parser(page)
    p.feed(text)
    p.close()
    links = []
    for href in p.links:
        parts = urlsplit(urljoin(page, href))
        if parts.scheme not in ("", "http", "https") or (parts.netloc and href.startswith("http")):
            continue
        url = parts.path + ("?" + parts.query if parts.query else "")
        if url.startswith("/") and not url.startswith("/static/"):
            links.append(url)
    forms = []
    for f in p.forms:
        parts = urlsplit(f.action)
        f.action = parts.path + ("?" + parts.query if parts.query else "")
        if f.action.startswith("/"):
            forms.append(f)
    return forms, links


class Site:
    def __init__(self):
        self.pages = {}
        self.forms = []
        self.params = set()
        self.statuses = {}   # url: status of every GET made


def _group(url):
    """Pages are grouped by route and query parameter names: a few of each
    group are enough (thread 1 and thread 2 are the same page). An :s
    that is not the last part names a kind (/mod/item/post/1 and
    /mod/item/review/1 are different pages) and is kept."""
    parts = urlsplit(url)
    r = routes.route_of(parts.path)
    names = tuple(sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)}))
    if r is None:
        return (parts.path, names)
    segs, vals = r.pattern.split("/"), parts.path.split("/")
    key = "/".join(v if p == ":s" and i < len(segs) - 1 else p
                   for i, (p, v) in enumerate(zip(segs, vals)))
    return (key, names)


def crawl(client, start=("/",), per_group=2, max_pages=200):
    """Visits the pages reachable by client from start (and every GET route
    without :id or :s), a few of each kind. Never follows a link that ends
    the session."""
    site = Site()
    seeds = list(start) + [r.pattern for r in routes.routes()
                           if "GET" in r.methods and ":" not in r.pattern
                           and "R_NOSESSION" not in r.flags]
    queue, seen, groups = [], set(), {}
    for s in seeds:
        if s not in seen:
            seen.add(s)
            queue.append(s)
    form_keys = set()
    while queue and len(site.pages) < max_pages:
        url = queue.pop(0)
        g = _group(url)
        if groups.get(g, 0) >= per_group:
            continue
        groups[g] = groups.get(g, 0) + 1
        r = client.get(url)
        site.statuses[url] = r.status_code
        if r.status_code != 200 or not r.headers.get("Content-Type", "").startswith("text/html"):
            continue
        site.pages[url] = r.text
        parts = urlsplit(url)
        for k, _ in parse_qsl(parts.query, keep_blank_values=True):
            site.params.add((parts.path, k))
        forms, links = parse(url, r.text)
        for f in forms:
            if f.path in SESSION_ENDERS:
                continue
            if f.method == "GET":
                for field in f.fields:
                    if field.kind not in ("submit", "button"):
                        site.params.add((f.path, field.name))
                continue
            if f.key not in form_keys:
                form_keys.add(f.key)
                site.forms.append(f)
        for link in links:
            if link not in seen and urlsplit(link).path not in SESSION_ENDERS:
                seen.add(link)
                queue.append(link)
    return site
