"""Paged lists, every one of them: a page past the end leads to the last
page (a list cut by position shows it, a list read by offset redirects to
it, its query kept), and a page that is not a number is the first page,
never a 404 or a 400."""

from urllib.parse import parse_qsl, urlsplit

import pytest

import tertulia_http as th

NOT_NUMBERS = ("abc", "0", "-3", "1.5", "")

# (who reads it, path and query of a page-able list besides ?page=)
OFFSET_LISTS = [
    (None, "/c/help?sort=new"),
    (None, "/ideas?sort=new&status=open"),
    (None, "/products?category=Coffee"),
    (None, "/p/AF-35?sort=newest&star=5"),
    ("maria", "/notifications/following"),
    ("moderadora", "/mod/log?action=hide"),
    ("moderadora", "/mod?type=post"),
    ("admin", "/admin?q=m"),
]
SPAN_LISTS = [
    (None, "/t/4"),
    (None, "/ideas/1"),
]


@pytest.fixture
def reader(client, as_demo):
    def make(who):
        return as_demo(who) if who else client()
    return make


def with_page(path, page):
    return path + ("&" if "?" in path else "?") + "page=" + page


@pytest.mark.parametrize("who,path", OFFSET_LISTS + SPAN_LISTS)
def test_a_page_that_is_not_a_number_is_the_first(reader, who, path):
    c = reader(who)
    first = c.get(path)
    assert first.status_code == 200, path
    for page in NOT_NUMBERS:
        r = c.get(with_page(path, page))
        assert r.status_code == 200, "%s page=%r answered %d" % (path, page, r.status_code)
        assert th.text("en", "error.400.text") not in th.visible_text(r.text)


@pytest.mark.parametrize("who,path", OFFSET_LISTS)
def test_a_page_past_the_end_leads_to_the_last_with_the_same_query(reader, who, path):
    c = reader(who)
    r = c.get(with_page(path, "99"))
    assert r.status_code == 303, "%s?page=99 answered %d" % (path, r.status_code)
    to = urlsplit(r.headers["Location"])
    asked = urlsplit(path)
    assert to.netloc == "" and to.path == asked.path
    query = dict(parse_qsl(to.query))
    # the filters and the order come along; the page is one that exists
    assert {k: v for k, v in query.items() if k != "page"} == dict(parse_qsl(asked.query))
    last = c.get(r.headers["Location"])
    assert last.status_code == 200
    assert int(query["page"]) >= 1
    # and that page is the last: the one after it would be sent back again
    after = c.get(with_page(path, str(int(query["page"]) + 1)))
    assert after.status_code == 303 and after.headers["Location"] == r.headers["Location"]


@pytest.mark.parametrize("who,path", SPAN_LISTS)
def test_a_page_past_the_end_of_a_thread_or_idea_shows_the_last(reader, who, path):
    c = reader(who)
    twin = c.get(urlsplit(path).path + ".json?page=99")
    assert twin.status_code == 200
    d = twin.json()
    assert d["page"] == d["pages"]
    assert c.get(with_page(path, "99")).status_code == 200


def test_search_pages_are_never_refused(client):
    c = client()
    for page in NOT_NUMBERS + ("99", "100000"):
        r = c.get("/search?q=cafetera&type=post&page=" + page)
        assert r.status_code == 200, "page=%r answered %d" % (page, r.status_code)
