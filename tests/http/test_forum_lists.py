"""The forum's lists over HTTP: the home page, category pages with their
sorts and pages, and the categories admin page."""

import html as htmllib
import re

import pytest

import forum_http as fh
import tertulia_http as th
from tertulia_http import field_errors, text


def home_categories(page_html):
    """[(slug, name, thread count, post count)] of the home page."""
    out = []
    for m in re.finditer(r'<a class="category-name" href="/c/([a-z0-9-]+)">([^<]*)</a>\s*'
                         r'<p>[^<]*</p>\s*<p class="meta">(\d+) [^·<]*· (\d+) ', page_html):
        out.append((m.group(1), htmllib.unescape(m.group(2)), int(m.group(3)), int(m.group(4))))
    return out


def new_form_value(page_html, name):
    """The value of a field of the new-category form (the edit forms of the
    categories above it use other ids)."""
    m = re.search(r'<input id="%s" name="%s"[^>]*\bvalue="([^"]*)"' % (name, name), page_html)
    assert m, "no field %s in the new-category form" % name
    return htmllib.unescape(m.group(1))


def create_category(admin, slug, name_en=None, name_es=None, **fields):
    data = {"slug": slug, "name_en": name_en or "Cat %s" % slug,
            "name_es": name_es or "Cat es %s" % slug}
    data.update(fields)
    return fh.post_action(admin, "/admin/categories", data, page="/admin/categories")


@pytest.fixture(scope="module")
def writers(stack):
    """Logged-in clients of demo members (old accounts: no daily limits)."""
    out = {}
    for name in ("admin", "john", "maria", "lucia", "oliver"):
        c = th.Client(stack.url)
        th.login_ok(c, name)
        out[name] = c
    yield out
    for c in out.values():
        c.close()


def fresh_category(writers, prefix):
    slug = "%s-%s" % (prefix, th.RUN)
    r = create_category(writers["admin"], slug)
    assert r.status_code == 303, field_errors(r.text)
    return slug


# ------------------------------------------------------------ home

def test_home_lists_the_demo_categories_with_counts(client):
    c = client()
    page = c.get("/")
    assert page.status_code == 200
    shown = home_categories(page.text)
    twin = c.get("/index.json").json()["categories"]
    demo = [s for s in shown if s[0] in fh.DEMO_CATEGORIES]
    assert [(s[0], s[1]) for s in demo] == [
        (slug, names[0]) for slug, names in fh.DEMO_CATEGORIES.items()]
    assert [(t["slug"], t["name"], t["thread_count"], t["post_count"]) for t in twin] == shown
    # every demo category has threads and posts
    for slug, _, threads, posts in demo:
        assert threads >= 1 and posts > threads, slug


def test_home_lists_the_latest_threads(client):
    c = client()
    page = c.get("/").text
    rows = fh.thread_rows(page)
    latest = c.get("/index.json").json()["latest"]
    assert 1 <= len(rows) <= 10
    assert rows == [(t["id"], t["title"]) for t in latest]
    stamps = [t["last_post_at"]["iso"] for t in latest]
    assert stamps == sorted(stamps, reverse=True)


def test_home_in_spanish(client):
    c = client()
    c.headers["Accept-Language"] = "es-ES,es;q=0.9"
    page = c.get("/")
    assert th.html_lang(page.text) == "es"
    names = {s[0]: s[1] for s in home_categories(page.text)}
    for slug, (_, es) in fh.DEMO_CATEGORIES.items():
        assert names[slug] == es
    assert text("es", "forum.categories") in page.text


def test_counts_follow_writes_and_deletes(stack, writers, client):
    slug = fresh_category(writers, "counts")
    john, maria = writers["john"], writers["maria"]
    t1 = fh.create_thread(john, slug)
    t2 = fh.create_thread(maria, slug)
    r1 = fh.create_reply(maria, t1, "Reply one.")
    fh.create_reply(john, t1, "Reply two.")
    fh.create_reply(john, t2, "Reply three.")

    def shown():
        return {s[0]: s[2:] for s in home_categories(client().get("/").text)}[slug]

    assert shown() == (2, 5)
    assert fh.post_action(maria, "/posts/%d/delete" % r1).status_code == 303
    assert shown() == (2, 4)
    opening = fh.posts(maria.get("/t/%d" % t2).text)[0]["id"]
    assert fh.post_action(maria, "/posts/%d/delete" % opening).status_code == 303
    assert shown() == (1, 2)
    # what is shown is what is there
    real = stack.sql("SELECT COUNT(DISTINCT t.id), COUNT(p.id) FROM threads t JOIN categories c "
                     "ON c.id = t.category_id JOIN posts p ON p.thread_id = t.id "
                     "WHERE c.slug = '%s' AND t.status = 'visible' AND p.status = 'visible'"
                     % slug)
    assert tuple(int(v) for v in real[0]) == shown()


# ------------------------------------------------------------ category pages

def test_category_page_shows_its_threads_like_its_twin(client):
    c = client()
    page = c.get("/c/help")
    assert page.status_code == 200
    twin = c.get("/c/help.json")
    assert twin.status_code == 200
    data = twin.json()
    assert data["category"]["slug"] == "help"
    assert data["category"]["name"] == "Help and support"
    assert re.search(r"<h1>Help and support</h1>", page.text)
    assert fh.thread_rows(page.text) == [(t["id"], t["title"]) for t in data["threads"]]
    # the demo's thread is listed, on the first page or a later one (the
    # other tests add threads to this category)
    titles, page_no, more = [], 1, True
    while more and page_no <= 50:
        got = c.get("/c/help.json?page=%d" % page_no).json()
        titles += [t["title"] for t in got["threads"]]
        more, page_no = bool(got.get("next_page")), page_no + 1
    assert "La cafetera KX-200 no calienta el agua" in titles
    assert data["sort"] == "latest"
    # the new-thread button carries the category
    assert 'href="/t/new?c=help"' in page.text


@pytest.fixture(scope="module")
def sorted_category(stack, writers):
    """A category with four threads whose order differs by each sort:
    A: oldest activity but 2 replies; B: 1 reply and 2 likes; C: newest and
    unanswered; D: pinned, old and unanswered."""
    slug = fresh_category(writers, "sorts")
    john, maria, lucia = writers["john"], writers["maria"], writers["lucia"]
    ids = {name: fh.create_thread(john, slug, "Sort %s %s" % (name, th.RUN))
           for name in "ABCD"}
    fh.create_reply(maria, ids["A"], "First reply to A.")
    fh.create_reply(lucia, ids["A"], "Second reply to A.")
    fh.create_reply(maria, ids["B"], "Only reply to B.")
    opening_b = fh.posts(john.get("/t/%d" % ids["B"]).text)[0]["id"]
    for who in (maria, lucia):
        assert fh.post_action(who, "/posts/%d/like" % opening_b).status_code == 303
    # created: D 9h ago, A 8h, B 7h, C 1h; last activity: A 2h, B 3h, C 1h... D 9h
    for name, created, active in (("D", 9, 9), ("A", 8, 2), ("B", 7, 3), ("C", 1, 1)):
        stack.sql("UPDATE threads SET created_at = UTC_TIMESTAMP() - INTERVAL %d HOUR, "
                  "last_post_at = UTC_TIMESTAMP() - INTERVAL %d HOUR WHERE id = %d"
                  % (created, active, ids[name]))
    stack.sql("UPDATE threads SET pinned = 1 WHERE id = %d" % ids["D"])
    return slug, ids


@pytest.mark.parametrize("sort,order", [
    (None, "DCAB"),
    ("latest", "DCAB"),
    ("new", "DCBA"),
    ("top", "DBAC"),
    ("unanswered", "DC"),
])
def test_category_sorts_pinned_first(sorted_category, client, sort, order):
    slug, ids = sorted_category
    c = client()
    query = "?sort=%s" % sort if sort else ""
    page = c.get("/c/%s%s" % (slug, query))
    assert page.status_code == 200
    want = [ids[name] for name in order]
    assert [t for t, _ in fh.thread_rows(page.text)] == want
    twin = c.get("/c/%s.json%s" % (slug, query)).json()
    assert [t["id"] for t in twin["threads"]] == want
    assert twin["sort"] == (sort or "latest")
    # the chosen sort is marked in the tabs
    assert re.search(r'href="/c/%s\?sort=%s" aria-current="page"' % (slug, sort or "latest"),
                     page.text)
    # the pinned thread says so
    assert text("en", "forum.pinned") in page.text.split('href="/t/%d/' % ids["D"])[1][:400]


def test_unanswered_lists_only_threads_without_replies(sorted_category, client):
    slug, ids = sorted_category
    listed = client().get("/c/%s.json?sort=unanswered" % slug).json()["threads"]
    assert listed and all(t["reply_count"] == 0 for t in listed)


@pytest.mark.parametrize("query", ["?sort=oldest", "?sort=", "?sort=LATEST", "?sort=top;"])
def test_category_bad_query_is_refused(client, query):
    r = client().get("/c/help%s" % query)
    if query == "?sort=":
        assert r.status_code == 200  # empty: the default order
    else:
        assert r.status_code == 400, query


@pytest.mark.parametrize("query", ["?page=abc", "?page=0", "?page=-2", "?page=1e3", "?page="])
def test_category_page_that_is_not_a_number_is_the_first(client, query):
    r = client().get("/c/help.json%s" % query)
    assert r.status_code == 200, query
    assert r.json()["page"] == 1


@pytest.mark.parametrize("path", ["/c/no-such-category", "/c/no-such-category.json",
                                  "/c/help-me", "/c/-"])
def test_unknown_category_is_not_found(client, path):
    assert client().get(path).status_code == 404


def test_category_pages_of_30(stack, writers, client):
    slug = fresh_category(writers, "pages")
    names = ("john", "maria", "lucia", "oliver")
    made = [fh.create_thread(writers[names[i % 4]], slug, "Paged %02d %s" % (i, th.RUN))
            for i in range(31)]
    c = client()
    first = c.get("/c/%s" % slug).text
    assert len(fh.thread_rows(first)) == 30
    assert 'href="/c/%s?sort=latest&amp;page=2"' % slug in first
    second = c.get("/c/%s?page=2" % slug)
    assert second.status_code == 200
    rows = fh.thread_rows(second.text)
    assert len(rows) == 1
    assert 'href="/c/%s?sort=latest&amp;page=1"' % slug in second.text
    shown = [t for t, _ in fh.thread_rows(first)] + [t for t, _ in rows]
    assert sorted(shown) == sorted(made)
    twin = c.get("/c/%s.json?page=2" % slug).json()
    assert [t["id"] for t in twin["threads"]] == [rows[0][0]]
    assert twin["page"] == 2 and twin["prev_page"] == 1 and "next_page" not in twin
    # a page past the end leads to the last one, with the order asked for
    past = c.get("/c/%s?sort=new&page=7" % slug)
    assert past.status_code == 303
    assert past.headers["Location"] == "/c/%s?sort=new&page=2" % slug
    assert c.get("/c/%s?page=99" % slug).headers["Location"] == "/c/%s?page=2" % slug


# ------------------------------------------------------------ categories admin

def test_categories_admin_is_for_admins(client, member):
    visitor = client()
    r = visitor.get("/admin/categories")
    assert r.status_code == 303 and r.headers["Location"].startswith("/login")
    m, _ = member
    assert m.get("/admin/categories").status_code == 403
    slug = "nope-%s" % th.RUN
    r = fh.post_action(m, "/admin/categories", {"slug": slug, "name_en": "Nope",
                                                "name_es": "No"})
    assert r.status_code == 403
    assert slug not in client().get("/").text


def test_admin_creates_a_category_shown_in_both_languages(stack, writers, client):
    admin = writers["admin"]
    slug = "kitchen-%s" % th.RUN
    r = create_category(admin, slug, "Kitchen gadgets", "Cacharros de cocina",
                        description_en="Small things.", description_es="Cosas pequeñas.",
                        position="5")
    assert r.status_code == 303
    assert r.headers["Location"] == "/admin/categories?saved=%s" % slug
    saved = admin.get(r.headers["Location"])
    assert text("en", "cats.saved") in th.visible_text(saved.text)

    en = client()
    assert (slug, "Kitchen gadgets") in [s[:2] for s in home_categories(en.get("/").text)]
    es = client()
    es.headers["Accept-Language"] = "es"
    assert (slug, "Cacharros de cocina") in [s[:2] for s in home_categories(es.get("/").text)]
    page = es.get("/c/%s" % slug)
    assert page.status_code == 200
    assert "Cosas pequeñas." in page.text
    # members can write in it at once: no command line needed
    fh.create_thread(writers["john"], slug)
    assert fh.count(stack, "SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.actor_id "
                    "WHERE u.username = 'admin' AND a.action = 'category_create'") >= 1


def test_duplicate_slug_is_a_conflict_that_keeps_the_form(writers):
    admin = writers["admin"]
    slug = "dup-%s" % th.RUN
    assert create_category(admin, slug).status_code == 303
    r = create_category(admin, slug, "Second name", "Segundo nombre")
    assert r.status_code == 409
    assert field_errors(r.text) == {"slug": text("en", "err.slug_taken")}
    assert new_form_value(r.text, "slug") == slug
    assert new_form_value(r.text, "name_en") == "Second name"
    assert new_form_value(r.text, "name_es") == "Segundo nombre"


@pytest.mark.parametrize("field,value,key,n", [
    ("slug", "Not a slug", "err.slug", None),
    ("slug", "", "err.required", None),
    ("name_en", "", "err.required", None),
    ("name_es", "x" * 81, "err.too_long", 80),
    ("position", "first", "err.number", None),
])
def test_category_bad_input_keeps_the_form(writers, field, value, key, n):
    admin = writers["admin"]
    data = {"slug": "bad-%s-%s" % (field.replace("_", "-"), th.RUN), "name_en": "Name",
            "name_es": "Nombre", "description_en": "Kept description"}
    data[field] = value
    r = fh.post_action(admin, "/admin/categories", data, page="/admin/categories")
    assert r.status_code == 400
    assert field_errors(r.text) == {field: text("en", key, n)}
    assert new_form_value(r.text, "description_en") == "Kept description"


def test_admin_edits_a_category(writers, client):
    admin = writers["admin"]
    slug = fresh_category(writers, "edit")
    r = fh.post_action(admin, "/admin/categories/%s" % slug,
                       {"name_en": "Renamed", "name_es": "Renombrada", "position": "1"},
                       page="/admin/categories")
    assert r.status_code == 303
    assert (slug, "Renamed") in [s[:2] for s in home_categories(client().get("/").text)]
    r = fh.post_action(admin, "/admin/categories/no-such-%s" % th.RUN,
                       {"name_en": "X1", "name_es": "X2"}, page="/admin/categories")
    assert r.status_code == 404
