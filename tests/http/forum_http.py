"""Helpers of the forum's HTTP tests: writing threads and replies through
the forms a browser shows, and reading posts, thread lists, search results
and JSON-LD back out of the pages."""

import html as htmllib
import json
import re
from urllib.parse import quote

import tertulia_http as th

DEMO_CATEGORIES = {
    # slug: (English name, Spanish name)
    "announcements": ("Announcements", "Anuncios"),
    "help": ("Help and support", "Ayuda y soporte"),
    "recipes": ("Recipes and tips", "Recetas y trucos"),
    "cafe": ("Café", "Café"),
}


# ------------------------------------------------------------------ writing

def form_fields(client, page):
    """(csrf, nonce) of the form on page (GET), as a browser would send them."""
    r = client.get(page)
    assert r.status_code == 200, "GET %s answered %d" % (page, r.status_code)
    return th.csrf_of(r.text), th.input_value(r.text, "nonce")


def send_form(client, path, fields, raw=None, **kw):
    """POSTs fields to path. raw: {name: percent-encoded value} sent byte for
    byte instead of those fields (for invalid UTF-8 and control characters)."""
    if raw is None:
        return client.post(path, data=fields, **kw)
    parts = ["%s=%s" % (k, quote(v, safe="")) for k, v in fields.items() if k not in raw]
    parts += ["%s=%s" % (k, v) for k, v in raw.items()]
    kw["headers"] = dict(kw.get("headers") or {},
                         **{"Content-Type": "application/x-www-form-urlencoded"})
    return client.post(path, data="&".join(parts), **kw)


def post_thread(client, category, title, body, nonce=None, raw=None, **kw):
    """POSTs the new-thread form with the token and nonce /t/new gives."""
    csrf, fresh = form_fields(client, "/t/new?c=%s" % quote(category or "", safe=""))
    return send_form(client, "/t/new", {"csrf": csrf, "nonce": nonce or fresh,
                                        "category": category, "title": title, "body": body},
                     raw, **kw)


def redirect_id(response, pattern):
    """The number the 303 of a successful POST carries in its Location, which
    must match pattern (a regex whose last group is the id)."""
    assert response.status_code == 303, "answered %d: %s" % (
        response.status_code, th.field_errors(response.text) or response.text[:400])
    m = re.fullmatch(pattern, response.headers["Location"])
    assert m, response.headers["Location"]
    return int(m.group(m.lastindex))


def thread_id_of(response):
    """The id a successful create redirected to (/t/ID)."""
    return redirect_id(response, r"/t/(\d+)")


def create_thread(client, category="help", title=None, body=None):
    """Creates a thread through the form; returns its id."""
    title = title or "Thread %s" % th.unique_name("t")
    return thread_id_of(post_thread(client, category, title, body or "Opening post of " + title))


def post_reply(client, thread_id, body, quote_id=None, nonce=None, raw=None, **kw):
    """POSTs the reply form of a thread page with its token and nonce."""
    csrf, fresh = form_fields(client, "/t/%d" % thread_id)
    fields = {"csrf": csrf, "nonce": nonce or fresh, "body": body}
    if quote_id is not None:
        fields["quote"] = str(quote_id)
    return send_form(client, "/t/%d/reply" % thread_id, fields, raw, **kw)


def reply_id_of(response, thread_id):
    """The post id a successful reply redirected to (/t/ID[?page=N]#pPOST)."""
    return redirect_id(response, r"/t/%d(\?page=\d+)?#p(\d+)" % thread_id)


def create_reply(client, thread_id, body, quote_id=None):
    return reply_id_of(post_reply(client, thread_id, body, quote_id), thread_id)


def post_action(client, path, data=None, page="/", **kw):
    """POSTs a button form (like, delete, solve) with the token of page."""
    data = dict(data or {})
    data["csrf"] = client.token(page)
    return client.post(path, data=data, **kw)


# ------------------------------------------------------------------ reading

POST_START = re.compile(r'<li class="post[^"]*" id="p(\d+)" value="(\d+)">')


def posts(page_html):
    """[{id, position, author, staff, edited, body_html, text, likes, html}]
    of the posts of a thread page, in order."""
    end = page_html.find('<section class="reply-box"')
    page_html = page_html[:end if end >= 0 else len(page_html)]
    starts = list(POST_START.finditer(page_html))
    out = []
    for i, m in enumerate(starts):
        chunk = page_html[m.end():starts[i + 1].start() if i + 1 < len(starts) else len(page_html)]
        author = re.search(r'class="post-author"[^>]*>([^<]*)</a>', chunk)
        # rendered Markdown never holds </div>: raw HTML does not pass
        body = re.search(r'<div class="post-body">(.*?)</div>', chunk, re.S)
        likes = re.search(r'<span class="likes">(\d+)', chunk)
        out.append({
            "id": int(m.group(1)),
            "position": int(m.group(2)),
            "author": htmllib.unescape(author.group(1)) if author else None,
            "staff": "badge-staff" in chunk,
            "edited": "(%s)" % th.text("en", "thread.edited") in chunk,
            "body_html": body.group(1) if body else "",
            "text": th.visible_text(body.group(1)) if body else "",
            "likes": int(likes.group(1)) if likes else 0,
            "html": chunk,
        })
    return out


def post_of(page_html, post_id):
    for p in posts(page_html):
        if p["id"] == post_id:
            return p
    return None


def thread_rows(page_html):
    """[(thread id, title)] of a thread list (home, category, search)."""
    return [(int(m.group(1)), htmllib.unescape(m.group(2))) for m in re.finditer(
        r'<a class="thread-title" href="/t/(\d+)/[^"]*">([^<]*)</a>', page_html)]


def jsonld(page_html):
    """The parsed JSON-LD of a page (json.loads of its ld+json script)."""
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    assert len(found) == 1, "%d JSON-LD scripts in the page" % len(found)
    return json.loads(found[0])


def textarea(page_html, name):
    """The text of the textarea named name, or None."""
    m = re.search(r'<textarea\b[^>]*\bname="%s"[^>]*>(.*?)</textarea>' % re.escape(name),
                  page_html, re.S)
    return htmllib.unescape(m.group(1)) if m else None


def selected_option(page_html, name):
    """The value of the selected option of the select named name, or None."""
    m = re.search(r'<select\b[^>]*\bname="%s"[^>]*>(.*?)</select>' % re.escape(name),
                  page_html, re.S)
    assert m, "no select %r" % name
    sel = re.search(r'<option value="([^"]*)" selected', m.group(1))
    return htmllib.unescape(sel.group(1)) if sel else None


# ------------------------------------------------------------------ database

def one(stack, query):
    """The single value a query returns (a string), or None for no row."""
    rows = stack.sql(query)
    assert len(rows) <= 1, rows
    return rows[0][0] if rows else None


def count(stack, query):
    return int(one(stack, query))
