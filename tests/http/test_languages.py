"""Languages: the member's setting, else the tertulia_lang cookie, else
Accept-Language, else English."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

import tertulia_http as th
from tertulia_http import text


def lang_of(r):
    assert r.headers.get("Content-Language") == th.html_lang(r.text), \
        "header and page disagree"
    return th.html_lang(r.text)


def test_english_by_default(client):
    r = client().get("/login")
    assert lang_of(r) == "en"
    assert text("en", "login.heading") in th.visible_text(r.text)


@pytest.mark.parametrize("header,want", [
    ("es", "es"), ("es-ES,es;q=0.9,en;q=0.8", "es"), ("en-GB,en;q=0.9,es;q=0.8", "en"),
    ("fr-FR,fr;q=0.9,es;q=0.8", "es"), ("de", "en"), ("ES-mx", "es"),
])
def test_accept_language(client, header, want):
    r = client().get("/login", headers={"Accept-Language": header})
    assert lang_of(r) == want
    assert text(want, "login.heading") in th.visible_text(r.text)


def test_language_switch_for_a_visitor(client):
    c = client()
    r = c.form("/lang", {"lang": "es", "next": "/register"})
    assert r.status_code == 303
    assert r.headers["Location"] == "/register"
    attrs = th.cookie_attrs(th.cookie_line(r, "tertulia_lang"))
    assert attrs["value"] == "es" and int(attrs["max-age"]) > 86400
    # the choice beats the browser's Accept-Language
    page = c.get("/register", headers={"Accept-Language": "en"})
    assert lang_of(page) == "es"
    assert text("es", "register.heading") in th.visible_text(page.text)
    assert c.form("/lang", {"lang": "en"}).status_code == 303
    assert lang_of(c.get("/register", headers={"Accept-Language": "es"})) == "en"


def test_language_switch_refuses_other_languages(client):
    r = client().form("/lang", {"lang": "fr"})
    assert r.status_code == 400
    assert not th.cookie_line(r, "tertulia_lang")


def test_language_switch_of_a_member_is_kept_in_the_account(client, member):
    c, account = member
    assert c.form("/lang", {"lang": "es", "next": "/"}).status_code == 303
    # another browser, in English, logging in to the same account
    other = client()
    th.login_ok(other, account.username, account.password)
    assert lang_of(other.get("/settings", headers={"Accept-Language": "en"})) == "es"


def test_member_setting_beats_cookie_and_browser(client):
    # the demo member maria writes in Spanish
    c = client()
    c.cookies.set("tertulia_lang", "en", path="/")
    th.login_ok(c, "maria")
    assert lang_of(c.get("/settings", headers={"Accept-Language": "en"})) == "es"


def error_pages(client, member, lang):
    m, _ = member
    headers = {"Accept-Language": lang}
    return {
        404: client().get("/no/such/page", headers=headers),
        403: m.get("/admin", headers=headers),  # the member's setting: "as my browser"
        405: client().get("/logout", headers=headers),
    }


@pytest.mark.parametrize("lang", ["en", "es"])
def test_error_pages_in_both_languages(client, member, lang):
    for status, r in error_pages(client, member, lang).items():
        assert r.status_code == status
        assert r.headers["Content-Language"] == lang
        page = th.visible_text(r.text)
        assert text(lang, "error.%d.title" % status) in page
        assert text(lang, "error.%d.text" % status) in page
        other = "es" if lang == "en" else "en"
        assert text(other, "error.%d.title" % status) not in page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_form_errors_in_both_languages(client, lang):
    c = client()
    account = th.new_account()
    r = c.form("/register", {"username": account.username, "email": account.email,
                             "password": "short"}, page="/register",
               headers={"Accept-Language": lang})
    assert r.status_code == 400
    assert th.field_errors(r.text) == {"password": text(lang, "err.pw_short", 10)}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_error_pages_declare_their_language(client, member, lang):
    # <html lang> tells screen readers how to pronounce the page
    for status, r in error_pages(client, member, lang).items():
        assert th.html_lang(r.text) == lang, "%d page: <html lang=%r>" % (
            status, th.html_lang(r.text))


def test_language_switch_works_on_the_404_page(client):
    c = client()
    page = c.get("/no/such/page")
    assert page.status_code == 404
    # the footer's language switch, as a browser would submit it
    footer = page.text[page.text.index('<form class="lang-switch"'):]
    token = re.search(r'name="csrf" value="([^"]*)"', footer).group(1)
    r = c.post("/lang", data={"lang": "es", "next": "/", "csrf": token})
    assert r.status_code == 303, "the switch on the 404 page carries csrf=%r" % token


def test_404_page_shows_who_is_logged_in(member):
    c, account = member
    page = c.get("/no/such/page")
    assert page.status_code == 404
    assert 'href="/u/%s"' % account.username in page.text
    assert text("en", "site.logout") in th.visible_text(page.text)


def address(url):
    """(path, [(name, value)]) of a local address, its query decoded."""
    parts = urlsplit(url)
    assert not parts.scheme and not parts.netloc, url
    return parts.path, parse_qsl(parts.query, keep_blank_values=True)


def switch_language(c, page, lang):
    """Submits the footer's language switch of page as a browser would:
    the (c, 303 answer) of the POST."""
    r = c.get(page)
    assert r.status_code == 200, "%s answered %d" % (page, r.status_code)
    footer = r.text[r.text.index('<form class="lang-switch"'):]
    data = {"csrf": th.csrf_of(footer), "lang": lang,
            "next": th.input_value(footer, "next")}
    return c.post("/lang", data=data)


@pytest.mark.parametrize("page", [
    "/search?q=cafetera+%22olla%22&type=post",
    "/search?q=caf%C3%A9&type=thread&page=2",
    "/c/help?sort=new&page=1",
    "/ideas?sort=new&status=open",
    "/p/AF-35?sort=newest&star=5",
])
def test_language_switch_comes_back_to_the_same_page_and_query(client, page):
    c = client()
    r = switch_language(c, page, "es")
    assert r.status_code == 303
    assert address(r.headers["Location"]) == address(page)
    back = c.get(r.headers["Location"])
    assert lang_of(back) == "es"
    # and back to English, from the Spanish page, to the same place
    assert address(switch_language(c, page, "en").headers["Location"]) == address(page)


def test_language_switch_keeps_a_query_that_tries_to_break_out(client):
    c = client()
    page = '/search?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E%27&type=post'
    r = c.get(page)
    footer = r.text[r.text.index('<form class="lang-switch"'):]
    # written escaped into the form: nothing of it becomes markup
    assert "<script>alert(1)" not in r.text
    assert 'name="next" value="/search?q=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E' \
        '%27&amp;type=post"' in footer
    assert address(switch_language(c, page, "es").headers["Location"]) == (
        "/search", [("q", '"><script>alert(1)</script>\''), ("type", "post")])


@pytest.mark.parametrize("next_", ["//evil.example/x", "https://evil.example/",
                                   "/\\evil.example", "javascript:alert(1)",
                                   "/search?q=a\r\nSet-Cookie: x=1"])
def test_language_switch_goes_nowhere_but_this_site(client, next_):
    r = client().form("/lang", {"lang": "es", "next": next_})
    assert r.status_code in (303, 400)
    if r.status_code == 303:
        assert r.headers["Location"] == "/"


# ------------------------------------------------------------ completeness

# Words of the interface that a Spanish page never shows (content aside:
# the demo's members write in both languages, so only the site's own words
# are listed, as they appear between tags), the moderation's action codes
# among them.
ENGLISH_ON_SPANISH = ["Previous", "Next", "Page", "Log out", "Settings", "Reply", "Replies",
                      "Votes", "Flags", "Search", "of the first", "into idea", "(item ",
                      "hide", "approve", "merge", "restore", "suspend", "silence", "warn"]
# A status or action written as its code ("visible -> hidden", "under_review"),
# a number as the database gives it (6.5000000000), a day as ISO (2026-12-07)
# outside a form's field.
RAW_CODE = re.compile(r"\b[a-z]+ -> [a-z]+\b|\b[a-z]+_[a-z_]+\b|\b\d+\.\d{5,}\b|"
                      r"\b\d{4}-\d\d(-\d\d)?\b")
# The pages that still show codes or English, named so: a profile, the days
# of joining as ISO.
NOT_YET = ("/u/",)


def test_both_language_files_hold_the_same_keys():
    en, es = set(th.TEXTS["en"]), set(th.TEXTS["es"])
    assert not en - es, "missing from es.hdf: %s" % sorted(en - es)
    assert not es - en, "missing from en.hdf: %s" % sorted(es - en)


def test_every_count_has_its_singular_and_plural():
    for lang in ("en", "es"):
        keys = {k.rsplit(".", 1)[0] for k in th.TEXTS[lang] if k.startswith("count.")}
        assert keys, "no L.count in %s.hdf" % lang
        for k in keys:
            assert th.TEXTS[lang].get(k + ".one") and th.TEXTS[lang].get(k + ".other"), \
                "%s.hdf: %s lacks .one or .other" % (lang, k)


def plural_words(lang):
    """The plural forms of the language file's counts: L.count.X.other and
    the plural beside each X_one, where it differs from its singular."""
    t = th.TEXTS[lang]
    words = {t[k] for k in t if k.startswith("count.") and k.endswith(".other")
             and t[k] != t[k[:-len("other")] + "one"]}
    for k in t:
        if k.endswith("_one"):
            base = k[:-4]
            for many in (base + "s", base + "es"):
                if many in t and t[many] != t[k]:
                    words.add(t[many])
    return words


def interface_text(html):
    """The visible text of a page without what people wrote in it (posts,
    reviews, ideas, titles), which may be in either language."""
    html = re.sub(r'<(div|p|blockquote)\b[^>]*class="[^"]*(post-body|mod-content|review-body|'
                  r'idea-body|snippet|bio)[^"]*"[^>]*>.*?</\1>', " ", html, flags=re.S)
    html = re.sub(r"<a\b[^>]*>.*?</a>", " ", html, flags=re.S)  # titles and names
    html = re.sub(r"<(h1|h2|h3)\b[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<(select|textarea)\b.*?</\1>", " ", html, flags=re.S)  # a form's values
    return th.visible_text(html)


@pytest.fixture(scope="module")
def crawled(stack):
    """{(role, lang): {url: html}} of the main pages, as a visitor, a
    member, a moderator and marketing see them in each language."""
    import crawl
    make, close = th.clients(stack.url)
    out = {}
    try:
        for who in (None, "maria", "moderadora", "marketing"):
            for lang in ("en", "es"):
                c = make()
                c.headers["Accept-Language"] = lang
                if who:
                    th.login_ok(c, who)
                    assert c.post("/lang", data={"lang": lang, "csrf": c.token("/")}) \
                        .status_code == 303
                pages = crawl.crawl(c, per_group=1, max_pages=80).pages
                # every product's page: its reviews are where counts of
                # people and stars are written
                for p in c.get("/products.json").json()["products"]:
                    url = "/p/%s" % p["sku"]
                    pages.setdefault(url, c.get(url).text)
                out[(who or "visitor", lang)] = pages
    finally:
        close()
    return out


def test_pages_show_no_raw_code_and_no_english_in_spanish(crawled):
    wrong = []
    for (who, lang), pages in crawled.items():
        for url, html in pages.items():
            if url.split("?")[0].startswith(NOT_YET):
                continue
            shown = interface_text(html)
            for m in RAW_CODE.finditer(shown):
                wrong.append("%s %s %s: code %r" % (who, lang, url, m.group(0)))
            if lang == "es":
                for w in ENGLISH_ON_SPANISH:
                    if re.search(r"(?<!\w)%s(?!\w)" % re.escape(w), shown):
                        wrong.append("%s es %s: English %r" % (who, url, w))
    assert not wrong, "\n".join(sorted(set(wrong))[:40])


def test_no_count_is_written_without_its_plural_form(crawled):
    wrong = []
    for (who, lang), pages in crawled.items():
        words = plural_words(lang)
        for url, html in pages.items():
            shown = th.visible_text(html)
            for w in words:
                m = re.search(r"(?<![\d.,])1 %s(?!\w)" % re.escape(w), shown)
                if m:
                    wrong.append("%s %s %s: ...%s..." % (who, lang, url,
                                                       shown[max(0, m.start() - 40):m.end() + 20]))
    assert not wrong, "\n".join(sorted(set(wrong)))
