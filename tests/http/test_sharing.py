"""What other sites take from Tertulia: link previews (OpenGraph tags and a
canonical address on every page, a description where the page has one),
Atom feeds of a category's threads and of a product's reviews, and the
sitemaps search engines read. Only what a visitor may see is in them."""
import html
import re
import xml.etree.ElementTree as ET

import tertulia_http as th
from ideas_http import new_idea
from mod_helpers import act_ok, new_thread
from reviews_http import new_review

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def meta(page, prop):
    m = re.search(r'<meta (?:property|name)="%s" content="([^"]*)">' % re.escape(prop), page)
    return html.unescape(m.group(1)) if m else None


def xml_of(r, kind):
    assert r.status_code == 200, r.status_code
    assert r.headers["Content-Type"].startswith(kind), r.headers["Content-Type"]
    return ET.fromstring(r.content)


def test_a_thread_page_previews_as_its_title_and_opening_words(stack, member, client):
    c, _ = member
    tid, _ = new_thread(c, "La cafetera pierde agua", "Desde ayer **gotea** por abajo.\n\nY mancha.",
                        category="help")
    page = client().get("/t/%d" % tid).text
    assert meta(page, "og:title") == "La cafetera pierde agua"
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:description") == "Desde ayer gotea por abajo. Y mancha."
    assert meta(page, "description") == "Desde ayer gotea por abajo. Y mancha."
    assert re.fullmatch(r"https?://[^/]+/t/%d(/.*)?" % tid, meta(page, "og:url"))
    assert '<link rel="canonical" href="%s">' % meta(page, "og:url") in page
    assert meta(page, "og:locale") == "en_US" and meta(page, "og:locale:alternate") == "es_ES"
    es = client()
    es.cookies.set("tertulia_lang", "es")
    assert meta(es.get("/t/%d" % tid).text, "og:locale") == "es_ES"


def test_a_long_opening_is_cut_at_a_character_not_a_byte(stack, member, client):
    c, _ = member
    body = "ñ" * 250
    tid, _ = new_thread(c, "Eñes", body, category="help")
    desc = meta(client().get("/t/%d" % tid).text, "og:description")
    assert desc == "ñ" * 200 + "…"


def test_a_category_has_a_feed_of_its_newest_threads(stack, member, client, as_demo):
    c, _ = member
    title = "Fuga <de> agua & más %s" % th.unique_name("f")
    tid, _ = new_thread(c, title, "Primer mensaje del hilo.", category="help")
    hidden, opener = new_thread(c, "Oculto %s" % th.unique_name("h"), "No debe salir.",
                                category="help")
    act_ok(as_demo("moderadora"), [opener], "hide")
    page = client().get("/c/help").text
    assert '<link rel="alternate" type="application/atom+xml"' in page and 'href="/c/help/feed"' in page
    feed = xml_of(client().get("/c/help/feed"), "application/atom+xml")
    entries = feed.findall(ATOM + "entry")
    titles = [e.find(ATOM + "title").text for e in entries]
    assert title in titles                      # escaped in the XML, whole when read
    assert not any(t.startswith("Oculto") for t in titles)
    entry = entries[titles.index(title)]
    link = entry.find(ATOM + "link").get("href")
    assert re.fullmatch(r"https?://[^/]+/t/%d/.+" % tid, link)
    assert entry.find(ATOM + "summary").text == "Primer mensaje del hilo."
    assert client().get("/c/nosuch/feed").status_code == 404


def test_a_product_has_a_feed_of_its_newest_reviews(stack, member, client):
    c, _ = member
    rid = new_review(c, "KT-17", 2, "Hierve lento", "Tarda mucho en hervir el agua.")
    feed = xml_of(client().get("/p/KT-17/feed"), "application/atom+xml")
    ids = [e.find(ATOM + "id").text for e in feed.findall(ATOM + "entry")]
    assert any(i.endswith("/reviews/%d" % rid) for i in ids)
    assert '<link rel="alternate" type="application/atom+xml"' in client().get("/p/KT-17").text
    assert client().get("/p/NOPE-1/feed").status_code == 404


def test_the_sitemaps_list_what_a_visitor_may_see(stack, member, client, as_demo):
    c, _ = member
    tid, _ = new_thread(c, "Mapa %s" % th.unique_name("m"), "Para el mapa del sitio.",
                        category="cafe")
    hidden, opener = new_thread(c, "Oculto %s" % th.unique_name("m"), "No.", category="cafe")
    act_ok(as_demo("moderadora"), [opener], "hide")
    idea = new_idea(c, "Mapa de ideas %s" % th.unique_name("i"))
    index = xml_of(client().get("/sitemap.xml"), "application/xml")
    locs = [s.find(SM + "loc").text for s in index.findall(SM + "sitemap")]
    assert [re.sub(r"^https?://[^/]+", "", loc) for loc in locs] == [
        "/sitemap-forum.xml", "/products/sitemap.xml", "/ideas/sitemap.xml"]
    urls = []
    for loc in locs:
        path = re.sub(r"^https?://[^/]+", "", loc)
        doc = xml_of(client().get(path), "application/xml")
        urls += [re.sub(r"^https?://[^/]+", "", u.find(SM + "loc").text)
                 for u in doc.findall(SM + "url")]
    assert any(u.startswith("/t/%d/" % tid) for u in urls)
    assert not any(u.startswith("/t/%d/" % hidden) for u in urls)
    assert "/c/cafe" in urls and "/p/KT-17" in urls and "/ideas/%d" % idea in urls
