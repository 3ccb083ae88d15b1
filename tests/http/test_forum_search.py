"""Forum search over HTTP (/search): ranked results with highlighted
snippets, filters, pages, Spanish and English words and stopwords, bad
queries, and the JSON twin."""

import html as htmllib
import re
from urllib.parse import quote

import pytest

import forum_http as fh
import tertulia_http as th
from tertulia_http import field_errors, text


def post_results(page_html):
    """[(url, title, snippet html)] of the posts found."""
    return [(htmllib.unescape(m.group(1)), htmllib.unescape(m.group(2)), m.group(3))
            for m in re.finditer(r'<a class="result-title" href="([^"]*)">([^<]*)</a>\s*'
                                 r'<p class="snippet">(.*?)</p>', page_html, re.S)]


def search(session, query, **params):
    url = "/search?q=" + quote(query)
    for k, v in params.items():
        url += "&%s=%s" % (k, quote(str(v)))
    return session.get(url)


@pytest.fixture(scope="module")
def john(stack):
    c = th.Client(stack.url)
    th.login_ok(c, "john")
    yield c
    c.close()


WORD = "quokka%s" % th.RUN


@pytest.fixture(scope="module")
def two_categories(john):
    """A thread holding WORD in help and another in recipes."""
    help_id = fh.create_thread(john, "help", "Help with the %s" % WORD,
                               "My %s does not start." % WORD)
    recipes_id = fh.create_thread(john, "recipes", "Recipe for %s" % WORD,
                                  "Cook the %s slowly." % WORD)
    return help_id, recipes_id


def test_spanish_word_is_found_with_a_highlight(client):
    r = search(client(), "cafetera")
    assert r.status_code == 200
    found = [f for f in post_results(r.text) if f[1] == "La cafetera KX-200 no calienta el agua"]
    assert len(found) == 1, "the demo post about the cafetera was not found"
    url, title, snippet = found[0]
    assert re.fullmatch(r"/t/2#p\d+", url)
    assert "<mark>cafetera</mark>" in snippet
    assert "KX-200 enciende" in htmllib.unescape(snippet)
    # and the title among the discussions
    assert (2, "La cafetera KX-200 no calienta el agua") in fh.thread_rows(r.text)


def test_english_word_is_found_with_a_highlight(client):
    r = search(client(), "bluetooth")
    found = {t: snippet for _, t, snippet in post_results(r.text)}
    assert "<mark>Bluetooth</mark> is on" in found["How do I pair the SmartScale with my phone?"]


def test_every_word_of_the_query_is_highlighted(client):
    r = search(client(), "tare button")
    found = post_results(r.text)
    assert found
    snippet = found[0][2]
    assert "<mark>tare</mark>" in snippet and "<mark>button</mark>" in snippet


def test_snippet_is_plain_text_not_markdown(client):
    # the opening post says "mi cafetera **KX-200** enciende"
    snippet = [f for f in post_results(search(client(), "cafetera").text)
               if f[0].startswith("/t/2#")][0][2]
    assert "**" not in snippet and "<strong>" not in snippet


@pytest.mark.parametrize("query", ["the", "el", "THE", "de la", "and the"])
def test_stopwords_alone_find_nothing(client, query):
    c = client()
    r = search(c, query)
    assert r.status_code == 200
    assert post_results(r.text) == [] and fh.thread_rows(r.text) == []
    assert text("en", "search.none") in th.visible_text(r.text)
    data = c.get("/search.json?q=" + quote(query)).json()
    assert not data.get("posts") and not data.get("threads")


def test_type_filters(client, two_categories):
    c = client()
    help_id, recipes_id = two_categories
    both = search(c, WORD)
    assert {t for t, _ in fh.thread_rows(both.text)} == {help_id, recipes_id}
    assert len(post_results(both.text)) == 2

    threads = search(c, WORD, type="thread")
    assert threads.status_code == 200
    assert {t for t, _ in fh.thread_rows(threads.text)} == {help_id, recipes_id}
    assert post_results(threads.text) == []
    assert fh.selected_option(threads.text, "type") == "thread"

    posts = search(c, WORD, type="post")
    assert fh.thread_rows(posts.text) == []
    assert {u.split("#")[0] for u, _, _ in post_results(posts.text)} == {
        "/t/%d" % help_id, "/t/%d" % recipes_id}


def test_category_filter(client, two_categories):
    c = client()
    help_id, recipes_id = two_categories
    r = search(c, WORD, c="help")
    assert r.status_code == 200
    assert [t for t, _ in fh.thread_rows(r.text)] == [help_id]
    assert [u.split("#")[0] for u, _, _ in post_results(r.text)] == ["/t/%d" % help_id]
    assert fh.selected_option(r.text, "c") == "help"
    r = search(c, WORD, c="recipes", type="post")
    assert [u.split("#")[0] for u, _, _ in post_results(r.text)] == ["/t/%d" % recipes_id]
    assert search(c, WORD, c="cafe").text.count("<mark>") == 0


def test_search_json_twin_has_the_same_results(client, two_categories):
    c = client()
    page = search(c, WORD)
    data = c.get("/search.json?q=" + quote(WORD))
    assert data.status_code == 200
    data = data.json()
    assert [(t["id"], t["title"]) for t in data["threads"]] == fh.thread_rows(page.text)
    assert [(p["url"], p["title"]) for p in data["posts"]] == [
        (u, t) for u, t, _ in post_results(page.text)]
    for p in data["posts"]:
        marked = [s["text"] for s in p["snippet"] if s.get("mark")]
        assert marked and all(w.lower() == WORD for w in marked)
    assert data["q"] == WORD


def test_search_pages(stack, john, client):
    word = "wombat%s" % th.RUN
    tid = fh.create_thread(john, "cafe", "Paging %s" % th.RUN, "Post 1 on %s." % word)
    for n in range(2, 26):
        fh.create_reply(john, tid, "Post %d on %s." % (n, word))
    c = client()
    first = search(c, word, type="post")
    assert len(post_results(first.text)) == 20
    assert re.search(r'rel="next" href="/search\?q=%s&amp;type=post&amp;[^"]*page=2"' % word,
                     first.text)
    second = search(c, word, type="post", page=2)
    assert second.status_code == 200
    assert len(post_results(second.text)) == 5
    assert re.search(r'rel="prev" href="/search\?q=%s&amp;type=post&amp;[^"]*page=1"' % word,
                     second.text)
    urls = [u for u, _, _ in post_results(first.text) + post_results(second.text)]
    assert len(set(urls)) == 25
    twin = c.get("/search.json?q=%s&type=post&page=2" % word).json()
    assert len(twin["posts"]) == 5 and twin["prev_page"] == 1 and "next_page" not in twin


def test_deleted_and_hidden_posts_are_not_found(stack, john, client):
    word = "platypus%s" % th.RUN
    tid = fh.create_thread(john, "cafe", "Hiding %s" % th.RUN, "Opening words.")
    pid = fh.create_reply(john, tid, "A %s reply to delete." % word)
    assert len(post_results(search(client(), word).text)) == 1
    assert fh.post_action(john, "/posts/%d/delete" % pid).status_code == 303
    assert post_results(search(client(), word).text) == []

    hidden = fh.create_thread(john, "cafe", "Hidden %s" % word, "Also %s here." % word)
    stack.sql("UPDATE threads SET status = 'hidden' WHERE id = %d" % hidden)
    r = search(client(), word)
    assert post_results(r.text) == [] and fh.thread_rows(r.text) == []


def test_query_is_shown_escaped(client):
    q = '"><script>alert(1)</script>'
    r = search(client(), q)
    assert r.status_code == 200
    assert "<script>alert(1)" not in r.text
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in r.text


def test_query_of_200_characters_is_accepted_and_201_refused(client):
    c = client()
    ok = search(c, "ñ" * 200)
    assert ok.status_code == 200
    r = search(c, "x" * 201)
    assert r.status_code == 400
    assert field_errors(r.text) == {"q": text("en", "err.query", 200)}
    assert c.get("/search.json?q=" + "x" * 201).status_code == 400


@pytest.mark.parametrize("params", ["q=caf%FF", "q=cafetera&type=everything",
                                    "q=cafetera&c=no-such-category"])
def test_bad_search_parameters(client, params):
    assert client().get("/search?" + params).status_code == 400


@pytest.mark.parametrize("page", ["0", "abc"])
def test_a_page_that_is_not_one_is_the_first(client, page):
    # as on every paged list
    first = post_results(search(client(), "cafetera").text)
    r = client().get("/search?q=cafetera&page=" + page)
    assert r.status_code == 200 and post_results(r.text) == first


def test_empty_search_shows_the_form(client):
    r = client().get("/search")
    assert r.status_code == 200
    assert '<input id="q" name="q" type="search"' in r.text
    assert post_results(r.text) == []


def test_a_word_is_marked_where_it_stands_alone_not_inside_others(john, client):
    fh.create_thread(john, "help", "Cal en la cafetera %s" % th.unique_name("c"),
                     "La descalcificación con agua caliente quita la cal. CAL, cal.")
    found = [f for f in post_results(search(client(), "cal").text)
             if "descalcificación" in htmllib.unescape(f[2])]
    assert found, "the post is not found"
    snippet = found[0][2]
    assert "<mark>cal</mark>." in snippet and "<mark>CAL</mark>," in snippet
    assert "des<mark>" not in snippet and "<mark>cal</mark>iente" not in snippet
    assert snippet.count("<mark>") == 3
