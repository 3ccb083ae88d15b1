"""The marketing insight pages: who may see them, their filters and bad
dates, what they show (figures, charts with their tables, themes with
quotes, the 6 R figures), the CSV export, the weekly digest, member
segments in the settings, scoring on write, and that the rollups kept on
every write equal those `tertuliactl rollup` rebuilds."""

import csv
import datetime
import io
import os
import re
import subprocess
import time

import pytest

import tertulia_http as th
from ideas_http import new_idea, vote
from reviews_http import new_review
from mod_helpers import act_ok, flag_ok, new_thread, reply

LEDGER = {
    # table: (columns, key) as compared between the two paths
    "insight_daily": ("*", "day, kind, category_id, product_id, segment"),
    "insight_items": ("kind, item_id, day, category_id, product_id, segment, label, score, "
                      "rating, verified, flags, thread, answered, solved, reply_seconds, "
                      "HEX(phrases)", "kind, item_id"),
    "insight_themes": ("*", "day, kind, category_id, product_id, label, phrase_hash"),
    "insight_activity": ("*", "day, user_id"),
    "insight_themes_all": ("*", "day, label, phrase_hash"),
    "insight_gaps": ("*", "day, segment, gap"),
    "insight_daily_all": ("*", "day, kind, segment"),
    "insight_votes": ("*", "day, category_id, product_id, segment"),
    "insight_votes_all": ("*", "day, segment"),
}


def today():
    return datetime.datetime.utcnow().date()


def insights(c, path="/insights", **params):
    """The JSON twin of an insight page (asserts 200)."""
    r = c.get(path + ".json", params=params)
    assert r.status_code == 200, (r.status_code, r.text[:400])
    return r.json()


def marketing(as_demo):
    return as_demo("marketing")


def snapshot(stack):
    return {t: stack.sql("SELECT %s FROM %s ORDER BY %s" % (cols, t, key))
            for t, (cols, key) in LEDGER.items()}


def scored(stack, table, item_id):
    rows = stack.sql("SELECT sentiment_label, lang, sentiment_score FROM %s WHERE id = %d"
                     % (table, item_id))
    return rows[0] if rows else None


def set_segment(c, segment):
    page = c.get("/settings").text
    email = th.input_value(page, "email")
    r = c.form("/settings", {"email": email, "lang": "auto", "bio": "", "segment": segment},
               page="/settings")
    assert r.status_code == 303, th.field_errors(r.text)


def segment_votes(d):
    """{segment key: votes} of a page's votes by segment."""
    return {s["key"]: s["votes"] for s in d["votes"]["segments"]}


# ------------------------------------------------------------------ who

@pytest.mark.parametrize("path", ["/insights", "/insights.json", "/insights/export.csv",
                                  "/insights/digest", "/insights/p/KX-200",
                                  "/insights/c/help"])
def test_a_member_without_the_marketing_role_is_refused(member, path):
    c, _ = member
    r = c.get(path)
    assert r.status_code == 403
    assert "<svg" not in r.text


def test_a_visitor_is_sent_to_log_in(client):
    r = client().get("/insights")
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/login?next=")


def test_marketing_and_admin_see_the_page(as_demo):
    for who in ("marketing", "admin"):
        r = as_demo(who).get("/insights")
        assert r.status_code == 200, who
        assert "<svg" in r.text


def test_the_header_links_marketing_to_the_insights(as_demo, member):
    assert 'href="/insights"' in as_demo("marketing").get("/").text
    assert 'href="/insights"' not in member[0].get("/").text


# ------------------------------------------------------------------ the page

def test_the_page_has_every_section_with_its_numbers(as_demo):
    d = insights(as_demo("marketing"))
    t = d["totals"]
    # the demo community: posts, reviews and ideas of the last weeks
    assert t["posts"] > 0 and t["reviews"] > 0 and t["ideas"] > 0
    assert t["items"] == t["posts"] + t["reviews"] + t["ideas"]
    assert t["positive"] + t["neutral"] + t["negative"] + t["unscored"] == t["items"]
    assert -1 <= t["avg_score"] <= 1
    assert 1 <= t["avg_rating"] <= 5
    assert sum(t["stars%d" % k] for k in range(1, 6)) == t["rated"]
    # a day a row, 30 days by default, summing to the totals
    assert d["granularity"] == "day"
    assert len(d["series"]) == 30
    assert d["series"][-1]["start"] == today().isoformat()
    for k in ("posts", "reviews", "ideas", "negative"):
        assert sum(s[k] for s in d["series"]) == t[k]
    for key in ("volume", "sentiment", "rating", "stars"):
        assert d["charts"][key]["title"]
    assert d["themes"]["negative"]["sample"] == sum(s["negative"] for s in d["series"])
    assert {p["stage"] for p in d["pipeline"]} <= {
        "open", "under_review", "planned", "in_progress", "done", "declined"}
    six = d["six_r"]
    for r in ("relationship", "retention", "reactivation", "referral", "recovery",
              "profitability"):
        assert r in six
    assert six["profitability"]["verified_reviews"] == t["verified"]
    assert six["recovery"]["unhappy"] >= six["recovery"]["answered"]
    assert d["products"], "products ranked by change"


def test_the_chart_is_accessible_svg_with_its_table(as_demo):
    html = as_demo("marketing").get("/insights").text
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    assert len(svgs) == 5
    for svg in svgs:
        assert 'role="img"' in svg
        assert re.search(r"<title id=\"[^\"]+\">[^<]+</title>", svg)
        assert re.search(r"<desc id=\"[^\"]+\">[^<]+</desc>", svg)
        assert 'class="chart-label"' in svg  # axis names
        assert "<script" not in svg
    for table in ("table-volume", "table-sentiment", "table-rating", "table-stars", "table-votes"):
        assert 'id="%s"' % table in html


def test_numbers_and_dates_follow_the_language(as_demo):
    # marketing reads in Spanish, admin in English
    es = insights(as_demo("marketing"))
    en = insights(as_demo("admin"))
    assert es["totals"]["avg_score"] == en["totals"]["avg_score"]
    value = es["totals"]["avg_score"]
    assert es["totals"]["avg_score_text"] == ("%.2f" % value).replace(".", ",")
    assert en["totals"]["avg_score_text"] == "%.2f" % value
    month_es = th.text("es", "month.%d" % today().month)
    assert es["series"][-1]["label"] == "%d %s" % (today().day, month_es)
    page = as_demo("marketing").get("/insights").text
    assert th.text("es", "insights.chart.sentiment") in page
    assert "-1,00" in page  # the sentiment axis, with a decimal comma


def test_a_long_period_is_shown_by_weeks_and_months(as_demo):
    c = as_demo("marketing")
    end = today()
    weeks = insights(c, **{"from": (end - datetime.timedelta(days=120)).isoformat(),
                           "to": end.isoformat()})
    assert weeks["granularity"] == "week"
    assert 17 <= len(weeks["series"]) <= 19
    months = insights(c, **{"from": (end - datetime.timedelta(days=1000)).isoformat(),
                            "to": end.isoformat()})
    assert months["granularity"] == "month"
    assert months["totals"]["items"] >= weeks["totals"]["items"]


# ------------------------------------------------------------------ filters

@pytest.mark.parametrize("params", [
    {"from": "2026-13-01"}, {"from": "2026-02-30"}, {"to": "yesterday"},
    {"from": "2026-05-02", "to": "2026-05-01"}, {"from": "1990-01-01", "to": "2026-01-01"},
    {"from": "2026-01-01'; DROP TABLE posts; --"}])
def test_invalid_dates_are_refused_with_a_clear_message(as_demo, params):
    c = as_demo("admin")
    r = c.get("/insights", params=params)
    assert r.status_code == 400
    assert th.text("en", "insights.err.dates", 3660) in th.visible_text(r.text)
    r = c.get("/insights.json", params=params)
    assert r.status_code == 400
    assert r.json()["errors"]["from"] == th.text("en", "insights.err.dates", 3660)
    assert c.get("/insights/export.csv", params=params).status_code == 400


@pytest.mark.parametrize("field,value", [("category", "no-such-category"),
                                         ("product", "NO-SUCH-SKU"), ("segment", "astronaut")])
def test_unknown_filters_are_refused(as_demo, field, value):
    r = as_demo("admin").get("/insights.json", params={field: value})
    assert r.status_code == 400
    assert field in r.json()["errors"]


def test_unknown_product_or_category_pages_are_not_found(as_demo):
    c = as_demo("marketing")
    assert c.get("/insights/p/NO-SUCH-SKU").status_code == 404
    assert c.get("/insights/c/no-such-category").status_code == 404


def test_the_period_and_category_filters_count_what_they_say(as_demo, member):
    c, _ = member
    mkt = as_demo("marketing")
    before_help = insights(mkt, category="help")["totals"]["posts"]
    before_cafe = insights(mkt, category="cafe")["totals"]["posts"]
    new_thread(c, "Una pregunta de prueba", "¿Cómo se limpia la jarra?", category="help")
    assert insights(mkt, category="help")["totals"]["posts"] == before_help + 1
    assert insights(mkt, category="cafe")["totals"]["posts"] == before_cafe
    assert insights(mkt, "/insights/c/help")["totals"]["posts"] == before_help + 1
    # a period that ends yesterday does not hold today's post
    y = today() - datetime.timedelta(days=1)
    old = insights(mkt, category="help", to=y.isoformat())["totals"]["posts"]
    assert insights(mkt, category="help", to=y.isoformat())["series"][-1]["start"] == y.isoformat()
    assert old <= before_help


def test_the_product_page_counts_its_reviews_only(as_demo, member):
    c, _ = member
    mkt = as_demo("marketing")
    before = insights(mkt, "/insights/p/RC-8")["totals"]
    other = insights(mkt, "/insights/p/KT-17")["totals"]["reviews"]
    new_review(c, "RC-8", 2, "El arroz se pega", "El arroz se pega al fondo y se quema.")
    after = insights(mkt, "/insights/p/RC-8")
    assert after["totals"]["reviews"] == before["reviews"] + 1
    assert after["totals"]["stars2"] == before["stars2"] + 1
    assert after["totals"]["posts"] == 0
    assert after["product"]["sku"] == "RC-8"
    assert insights(mkt, "/insights/p/KT-17")["totals"]["reviews"] == other


def test_each_product_is_compared_with_its_own_previous_period(as_demo, member):
    c, _ = member
    new_review(c, "KT-17", 4, "Hierve rápido", "Hierve el agua muy rápido y no hace ruido.")
    mkt = as_demo("marketing")
    to = today()
    frm = to - datetime.timedelta(days=6)
    period = {"from": frm.isoformat(), "to": to.isoformat()}
    before = {"from": (frm - datetime.timedelta(days=7)).isoformat(),
              "to": (frm - datetime.timedelta(days=1)).isoformat()}
    ranked = {p["sku"]: p for p in insights(mkt, **period)["products"]}
    assert "KT-17" in ranked or len(ranked) == 10, ranked
    for sku, p in ranked.items():
        now = insights(mkt, "/insights/p/" + sku, **period)["totals"]
        then = insights(mkt, "/insights/p/" + sku, **before)["totals"]
        assert (p["items"], p["scored"], p["prev_scored"]) == (
            now["items"], now["scored"], then["scored"]), sku
        assert p.get("avg_score") == now.get("avg_score"), sku
        assert p.get("prev_avg_score") == then.get("avg_score"), sku
        assert p.get("avg_rating") == now.get("avg_rating"), sku
        assert p.get("prev_avg_rating") == then.get("avg_rating"), sku


def test_the_longest_reads_started_ahead_are_each_taken(stack, as_demo):
    """A figures page starts its three longest reads (the theme candidates,
    the products' changes, the top ideas) on side connections and takes
    their rows later (db_select_ahead). A read whose statement or parameters differ from
    what was started runs again on the page's own connection, and the
    program logs the rows no one took: a page that starts what it does not
    take wastes the server's time."""
    mkt = as_demo("marketing")
    log = os.path.join(stack.var, "log", "insights.err")
    start = os.path.getsize(log)
    frm = (today() - datetime.timedelta(days=20)).isoformat()
    pages = [("/insights", {}), ("/insights", {"from": frm}),
             ("/insights", {"segment": "professional"}), ("/insights", {"category": "cafe"}),
             ("/insights/c/cafe", {}), ("/insights/p/KX-200", {})]
    for path, params in pages:
        for twin in ("", ".json"):
            r = mkt.get(path + twin, params=params)
            assert r.status_code == 200, (path + twin, params, r.status_code)
    ranked = insights(mkt)
    assert ranked["products"] and ranked["votes"]["ideas"]  # both read, and shown
    with open(log, encoding="utf-8", errors="replace") as f:
        f.seek(start)
        written = f.read()
    assert "not taken" not in written, written


# ------------------------------------------------------------------ themes

def test_themes_show_counts_two_quotes_and_the_sample(as_demo, member):
    c, _ = member
    mkt = as_demo("marketing")
    for i in range(3):
        new_thread(c, "Zumbido raro %d" % i,
                   "La batidora hace un zumbido metálico horrible. Muy decepcionada, fatal.",
                   category="cafe")
    neg = insights(mkt, category="cafe")["themes"]["negative"]
    assert neg["sample"] >= 3
    assert neg["small"] == 1  # fewer than 30: flagged, and still shown
    theme = [t for t in neg["list"] if t["phrase"] == "zumbido metálico horrible"]
    assert theme, [t["phrase"] for t in neg["list"]]
    assert theme[0]["count"] == 3
    quotes = theme[0]["quotes"]
    assert len(quotes) == 2
    for q in quotes:
        assert "zumbido metálico horrible" in q["text"]
        assert re.fullmatch(r"/t/\d+#p\d+", q["url"])
    page = mkt.get("/insights", params={"category": "cafe"}).text
    assert "zumbido metálico horrible" in page
    assert th.text("es", "insights.small_sample") in page


# ------------------------------------------------------------------ CSV

def test_the_csv_export_has_the_numbers_of_the_charts(as_demo):
    c = as_demo("admin")
    d = insights(c, category="help")
    r = c.get("/insights/export.csv", params={"category": "help"})
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == len(d["series"])
    assert [row["period_start"] for row in rows] == [s["start"] for s in d["series"]]
    for key in ("posts", "reviews", "ideas", "negative", "positive"):
        assert sum(int(row[key]) for row in rows) == d["totals"][key]
    for row, s in zip(rows, d["series"]):
        if s.get("avg_score") is not None:
            assert abs(float(row["avg_sentiment"]) - s["avg_score"]) < 0.001
        else:
            assert row["avg_sentiment"] == ""
    # the page links to the export of what it shows
    assert "/insights/export.csv?from=" in c.get("/insights", params={"category": "help"}).text


# ------------------------------------------------------------------ votes by segment

def test_idea_votes_are_shown_by_the_voters_segment(as_demo, client):
    author, pro, plain = client(), client(), client()
    for c in (author, pro, plain):
        th.register(c)
    set_segment(pro, "professional")
    mkt, admin = as_demo("marketing"), as_demo("admin")     # Spanish, English
    day = today().isoformat()
    scope = {"from": day, "to": day, "category": "help"}
    before = segment_votes(insights(admin, **scope))
    idea = new_idea(author, "Báscula con %s" % th.unique_name("modo"), "Que pese en gramos y onzas.",
                    category="help")                        # its author's own vote: no segment
    vote(pro, idea)
    vote(plain, idea)
    d = insights(admin, **scope)
    after = segment_votes(d)
    assert after["professional"] == before.get("professional", 0) + 1
    assert after[""] == before.get("", 0) + 2
    assert d["votes"]["total"] == sum(after.values())
    # every configured segment has its row, "no segment" last, named
    keys = [s["key"] for s in d["votes"]["segments"]]
    assert keys[-1] == "" and {"first_time_buyer", "home_cook", "professional"} <= set(keys)
    names = {s["key"]: s["name"] for s in d["votes"]["segments"]}
    assert names[""] == th.text("en", "insights.votes_no_segment")
    assert names["professional"] == th.text("en", "insights.segment_names.professional")
    # the idea among the period's most voted, with its votes by segment
    top = {i["id"]: i for i in d["votes"]["ideas"]}
    assert idea in top, d["votes"]["ideas"]
    by = {b["key"]: b["votes"] for b in top[idea]["by"]}
    assert top[idea]["votes"] == 3 and by["professional"] == 1 and by[""] == 2
    assert [b["key"] for b in top[idea]["by"]] == keys
    # the segment filter: that segment's votes alone
    only = insights(admin, segment="professional", **scope)
    assert [s["key"] for s in only["votes"]["segments"]] == ["professional"]
    assert only["votes"]["total"] == after["professional"]
    # a vote keeps the segment its member had when voting
    set_segment(pro, "home_cook")
    assert segment_votes(insights(admin, **scope)) == after
    # in Spanish, with its chart and the table beside it
    page = mkt.get("/insights", params=scope).text
    assert 'id="chart-votes-title"' in page and 'id="table-votes"' in page
    assert th.text("es", "insights.votes_no_segment") in th.visible_text(page)
    assert th.text("es", "insights.chart.votes") in page
    table = page[page.index('id="table-idea-votes"'):]
    assert "/ideas/%d" % idea in table[:table.index("</table>")]
    # the whole community's most voted of the day are ranked another way
    # (votes first, then their ideas): the idea is there too, unless five
    # ideas had more votes today
    everyone = insights(admin, **{"from": day, "to": day})["votes"].get("ideas", [])
    assert idea in [i["id"] for i in everyone] or (
        len(everyone) == 5 and everyone[-1]["votes"] >= 3), everyone
    assert [i["votes"] for i in everyone] == sorted((i["votes"] for i in everyone), reverse=True)
    # a hidden idea's votes do not count; restored, they do again
    mod = as_demo("moderadora")
    act_ok(mod, ["idea:%d" % idea], "hide")
    hidden = insights(admin, **scope)
    assert sum(segment_votes(hidden).values()) == sum(after.values()) - 3
    assert idea not in [i["id"] for i in hidden["votes"].get("ideas", [])]
    assert idea not in [i["id"] for i in insights(admin, **{"from": day, "to": day})["votes"].get(
        "ideas", [])]
    act_ok(mod, ["idea:%d" % idea], "restore")
    assert segment_votes(insights(admin, **scope)) == after


# ------------------------------------------------------------------ digest

def test_the_weekly_digest(as_demo, member):
    c, _ = member
    title = "Nadie contesta %s" % th.unique_name("q")
    created = int(time.time())
    tid, _ = new_thread(c, title, "¿Alguien sabe por qué parpadea la pantalla?", category="help")
    mkt = as_demo("marketing")
    r = mkt.get("/insights/digest.json")
    assert r.status_code == 200
    dg = r.json()["digest"]
    assert dg["to"] == today().isoformat()
    assert dg["from"] == (today() - datetime.timedelta(days=6)).isoformat()
    assert dg["week"]["items"] >= 1
    # the ten threads waiting longest, oldest first: ours unless ten older
    # ones still wait (other tests leave unanswered threads behind)
    waiting = dg["unanswered"]
    assert waiting == sorted(waiting, key=lambda u: (u["created_at"]["iso"], u["id"]))
    if tid not in [u["id"] for u in waiting]:
        assert len(waiting) == 10
        assert waiting[-1]["created_at"]["iso"] <= time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                 time.gmtime(created))
    assert "ideas" in dg and "week_before" in dg
    page = mkt.get("/insights/digest")
    assert page.status_code == 200
    shown = th.visible_text(page.text)
    for u in waiting:
        assert u["title"] in shown
    assert mkt.get("/insights/digest", params={"to": "2026-02-31"}).status_code == 400


# ------------------------------------------------------------------ segments

def test_members_choose_a_segment_and_the_pages_filter_by_it(as_demo, member):
    c, account = member
    page = c.get("/settings").text
    assert 'name="segment"' in page
    assert th.text("en", "insights.segment_names.professional") in page
    r = c.form("/settings", {"email": account.email, "lang": "auto", "bio": "",
                             "segment": "professional"}, page="/settings")
    assert r.status_code == 303
    assert re.search(r'<option value="professional" selected>', c.get("/settings").text)
    mkt = as_demo("marketing")
    before = insights(mkt, segment="professional")["totals"]["posts"]
    everyone = insights(mkt)["totals"]["posts"]
    new_thread(c, "Desde la cocina profesional", "Uso la batidora doce horas al día.")
    assert insights(mkt, segment="professional")["totals"]["posts"] == before + 1
    assert insights(mkt, segment="home_cook")["totals"]["posts"] <= everyone
    # the segment filter is offered with its name
    assert th.text("es", "insights.segment_names.professional") in mkt.get("/insights").text


def test_a_segment_not_in_the_list_is_refused_in_settings(member):
    c, account = member
    r = c.form("/settings", {"email": account.email, "lang": "auto", "bio": "",
                             "segment": "astronaut"}, page="/settings")
    assert r.status_code == 400
    assert th.field_errors(r.text)["segment"] == th.text("en", "insights.err.segment")


# ------------------------------------------------------------------ scoring

def test_posts_reviews_and_ideas_are_scored_when_written(stack, member):
    c, _ = member
    tid, pid = new_thread(c, "Muy decepcionada con la cafetera",
                          "No funciona nada bien, el agua sale fría. Fatal.")
    assert scored(stack, "posts", pid)[:2] == ["negative", "es"]
    rid = reply(c, tid, "Great news: it works perfectly now, I love it!")
    assert scored(stack, "posts", rid)[:2] == ["positive", "en"]
    review = new_review(c, "HB-30", 5, "Excelente", "Me encanta, potente y silenciosa.")
    assert scored(stack, "reviews", review)[:2] == ["positive", "es"]
    idea = new_idea(c, "A bigger water tank", "The tank is too small and it is annoying.")
    assert scored(stack, "ideas", idea)[:2] == ["negative", "en"]


def test_an_edit_is_scored_again(stack, member):
    c, _ = member
    tid, pid = new_thread(c, "Mi tostadora", "Me encanta, es perfecta.")
    assert scored(stack, "posts", pid)[0] == "positive"
    r = c.form("/posts/%d/edit" % pid, {"title": "Mi tostadora",
                                        "body": "Se rompió a la semana, horrible."},
               page="/posts/%d/edit" % pid)
    assert r.status_code == 303
    assert scored(stack, "posts", pid)[0] == "negative"


@pytest.mark.parametrize("body,label", [
    ("😀😀😀", "positive"),                                   # emoji only
    ("The coffee is great pero el servicio es fatal", None),  # two languages
    ("x" * 10 + " " + "muy bueno " * 1995, "positive"),      # 20,000 characters
])
def test_hard_texts_get_a_score(stack, member, body, label):
    c, _ = member
    assert len(body) <= 20000
    _, pid = new_thread(c, "Prueba %s" % th.unique_name("s"), body)
    got = scored(stack, "posts", pid)
    assert got[0] in ("negative", "neutral", "positive")
    assert got[1] in ("en", "es")
    assert -1 <= float(got[2]) <= 1
    if label:
        assert got[0] == label


def test_an_empty_text_is_refused_and_nothing_is_counted(stack, member, as_demo):
    c, _ = member
    mkt = as_demo("marketing")
    before = insights(mkt)["totals"]["posts"]
    r = c.form("/t/new", {"category": "help", "title": "Vacío", "body": "   "},
               page="/t/new?c=help")
    assert r.status_code == 400
    assert insights(mkt)["totals"]["posts"] == before


# ------------------------------------------------------------------ rollups

def test_the_rollups_kept_on_write_equal_a_rebuild(stack, as_demo, client):
    # start from a rebuilt state, then change things through the web
    stack.ctl("rollup")
    a, b = client(), client()
    th.register(a)
    th.register(b)
    mod = as_demo("moderadora")
    tid, opener = new_thread(a, "La jarra gotea", "La jarra gotea y mancha la encimera. Fatal.",
                             category="help")
    r1 = reply(b, tid, "A mí me pasó lo mismo, muy decepcionante.")   # answers the thread
    r2 = reply(a, tid, "Gracias, probaré a cambiar la junta.")
    r = a.form("/posts/%d/edit" % r2, {"body": "¡Funcionó! La junta nueva es perfecta."},
               page="/posts/%d/edit" % r2)
    assert r.status_code == 303
    flag_ok(b, opener)                                      # a flag on the opening post
    act_ok(mod, [r1], "hide")                               # a reply hidden ...
    act_ok(mod, ["post:%d:hidden" % r1], "restore")         # ... and restored
    assert a.form("/t/%d/solve" % tid, {"post": str(r1)}, page="/t/%d" % tid).status_code == 303
    r = mod.form("/t/%d/move" % tid, {"category": "cafe", "reason": "Belongs in the café"},
                 page="/t/%d" % tid)
    assert r.status_code == 303                             # the whole thread moves
    tid2, opener2 = new_thread(b, "Spam thread", "Buy cheap watches now!!!", category="cafe")
    reply(a, tid2, "Esto es spam, creo.")
    act_ok(mod, [opener2], "hide")                          # a thread hidden with its replies
    review = new_review(a, "SS-10", 2, "Se descalibra", "Pesa mal y se descalibra, fatal.")
    new_review(a, "SS-10", 4, "Ya va mejor", "Con pilas nuevas pesa bien.")   # an edit
    idea = new_idea(b, "Tapa antigoteo para la jarra", "Una tapa que no gotee al servir.")
    other = new_idea(a, "Jarra con tapa que no gotee", "Lo mismo: que no gotee.", category="help")
    set_segment(a, "home_cook")
    vote(a, idea)                                           # a vote (b's own is there)
    vote(a, idea, undo=True)                                # ... taken back
    vote(a, idea)                                           # ... and cast again
    act_ok(mod, ["idea:%d" % other], "hide")                # its votes leave ...
    act_ok(mod, ["idea:%d" % other], "restore")             # ... and come back
    r = mod.form("/ideas/%d/merge" % other, {"into": str(idea), "reason": "Same idea"},
                 page="/ideas/%d" % other)
    assert r.status_code == 303                             # votes move to the survivor
    assert review
    incremental = snapshot(stack)
    out = stack.ctl("rollup")
    assert "rollups rebuilt" in out.stdout
    rebuilt = snapshot(stack)
    for table in LEDGER:
        assert incremental[table] == rebuilt[table], table
    # and they are not empty: the operations above are in them
    assert any(row[0] == "post" and int(row[1]) == opener for row in rebuilt["insight_items"])
    assert not any(row[0] == "post" and int(row[1]) == opener2 for row in rebuilt["insight_items"])
    assert any(row[1] == "home_cook" for row in rebuilt["insight_votes_all"])


def test_a_rebuild_mends_stray_rows_and_waits_for_no_reader(stack):
    # the site stays live while the rollups are made again: a reader in the
    # middle of a transaction on them must not hold the rebuild up (a
    # TRUNCATE would wait for it), and readers see whole days throughout
    stack.ctl("rollup")
    good = snapshot(stack)
    stack.sql("INSERT INTO insight_daily (day, kind, category_id, product_id, segment, items) "
              "VALUES ('1999-01-01', 'post', 1, 0, '', 7)")             # content long gone
    stack.sql("UPDATE insight_daily_all SET items = items + 100 LIMIT 1")  # a wrong sum
    reader = subprocess.Popen(
        ["mariadb", "--no-defaults", "-S", stack.socket, "-uroot", "tertulia", "-e",
         "BEGIN; SELECT COUNT(*) FROM insight_daily; SELECT COUNT(*) FROM insight_items; "
         "SELECT SLEEP(60); COMMIT;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, MYSQL_PWD=stack.conf_get("db.admin.password")))
    try:
        for _ in range(100):
            if stack.sql("SELECT COUNT(*) FROM information_schema.processlist "
                         "WHERE info LIKE 'SELECT SLEEP(%'")[0][0] == "1":
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the reader did not start: %r" % stack.sql(
                "SELECT command, state, info FROM information_schema.processlist"))
        started = time.monotonic()
        out = stack.ctl("rollup")
        assert "rollups rebuilt" in out.stdout
        assert reader.poll() is None, "the reader ended before the rebuild did"
        assert time.monotonic() - started < 30
    finally:
        reader.kill()
        reader.wait()
    assert snapshot(stack) == good


def test_a_rebuild_follows_an_item_whose_day_changed(stack, member):
    # an item counted on one day, then dated back (as the demo does with
    # its history): the rebuild counts it on its new day, once
    c, _ = member
    _, pid = new_thread(c, "Fechada hacia atrás", "Un mensaje que cambia de día.")
    stack.ctl("rollup")
    stack.sql("UPDATE posts SET created_at = created_at - INTERVAL 3 DAY WHERE id = %d" % pid)
    out = stack.ctl("rollup")
    assert "rollups rebuilt" in out.stdout
    assert stack.sql("SELECT day = UTC_DATE() - INTERVAL 3 DAY FROM insight_items "
                     "WHERE kind = 'post' AND item_id = %d" % pid) == [["1"]]


def test_the_insights_account_only_reads(stack):
    grants = "\n".join(row[0] for row in stack.sql("SHOW GRANTS FOR 'tertulia_insights'@'%'"))
    assert "SELECT" in grants
    for line in grants.splitlines():
        for verb in ("INSERT", "DELETE", "CREATE", "DROP", "ALTER"):
            assert verb not in line, line
        if "UPDATE" in line:  # the session touch every program makes
            assert "`sessions`" in line and "last_seen_at" in line, line
