"""Ideas over HTTP: submitting with similar ideas shown first, voting
(idempotent, exact under concurrency, within a budget), statuses by staff,
merges, official answers, lists, the roadmap, the home page's trending
ideas and search."""

import html as htmllib
import re
import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest

import tertulia_http as th
from ideas_http import idea_json, new_idea, try_vote, vote_count
from mod_helpers import act_ok
from tertulia_http import field_errors, input_value, text, visible_text

JSON = {"Accept": "application/json"}


# ------------------------------------------------------------------ helpers


def post(c, path, data=None, page="/ideas"):
    return c.form(path, data or {}, page=page)


def post_json(c, path, data=None):
    headers = dict(JSON, **{"X-CSRF-Token": c.json_token()})
    return c.post(path, data=data or {}, headers=headers)


def member_client(client):
    c = client()
    return c, th.register(c)


def ideas_in(listing):
    return [i["id"] for i in listing]


def at_once(fn, args):
    """fn(arg) for every arg, all in parallel; the results in order."""
    with ThreadPoolExecutor(max_workers=len(args)) as pool:
        return list(pool.map(fn, args))


def msg(r, key, n=None):
    """An interface text in the language of the page r answered with."""
    return text(th.html_lang(r.text), key, n)


SAID_RE = re.compile(r'<p class="notice notice-ok said" role="status"[^>]*>(.*?)</p>', re.S)


def said_after(c, r):
    """The messages (web/feedback.h) of the page the 303 r leads to."""
    assert r.status_code == 303, (r.status_code, r.text[:300])
    page = c.get(r.headers["Location"]).text
    return [htmllib.unescape(m).strip() for m in SAID_RE.findall(page)]


# ------------------------------------------------------------------ lists

def test_demo_ideas_are_listed_in_every_status(client):
    data = client().get("/ideas.json").json()
    statuses = {i["status"] for i in data["ideas"]}
    assert {"open", "under_review", "planned", "in_progress", "done", "declined"} <= statuses
    # merged duplicates are not listed on their own
    assert "Batidora más silenciosa, por favor" not in [i["title"] for i in data["ideas"]]
    page = client().get("/ideas")
    assert page.status_code == 200
    assert "A quieter mode for the PowerBlend blender" in page.text


@pytest.mark.parametrize("status", ["open", "under_review", "planned", "in_progress", "done",
                                    "declined"])
def test_list_filters_by_status(client, status):
    data = client().get("/ideas.json?status=" + status).json()
    assert data["ideas"], status
    assert {i["status"] for i in data["ideas"]} == {status}


def test_list_filters_by_product_and_category(client):
    c = client()
    blender = c.get("/ideas.json?product=BL-900").json()["ideas"]
    assert blender and {i["product"]["sku"] for i in blender} == {"BL-900"}
    cafe = c.get("/ideas.json?category=cafe").json()["ideas"]
    assert [i["title"] for i in cafe] == ["Dark mode for the Aurora app"]
    both = c.get("/ideas.json?category=cafe&status=open").json()
    assert both.get("ideas", []) == []


def test_the_product_filter_offers_the_products_ideas_are_about(stack, client):
    """Not every product: the filter offers those some idea is about, and
    the one chosen even when it has none (its page says so, filter kept)."""
    quiet = stack.sql("SELECT sku FROM products WHERE id NOT IN (SELECT product_id FROM ideas "
                      "WHERE product_id IS NOT NULL) ORDER BY id LIMIT 1")[0][0]
    page = client().get("/ideas").text
    assert '<option value="BL-900"' in page and '<option value="KT-17"' in page
    assert '<option value="%s"' % quiet not in page
    chosen = client().get("/ideas?product=" + quiet)
    assert chosen.status_code == 200
    assert '<option value="%s" selected>' % quiet in chosen.text


def test_the_product_filter_leaves_out_a_product_whose_ideas_are_hidden(stack, client, member,
                                                                        as_demo):
    quiet = stack.sql("SELECT sku FROM products WHERE active = 1 AND id NOT IN (SELECT product_id "
                      "FROM ideas WHERE product_id IS NOT NULL) ORDER BY id LIMIT 1")[0][0]
    c, _ = member
    idea = new_idea(c, product=quiet)
    assert '<option value="%s"' % quiet in client().get("/ideas").text
    mod = as_demo("moderadora")
    act_ok(mod, ["idea:%d" % idea], "hide")
    assert '<option value="%s"' % quiet not in client().get("/ideas").text
    # chosen all the same, it stays chosen
    assert '<option value="%s" selected>' % quiet in client().get("/ideas?product=" + quiet).text
    act_ok(mod, ["idea:%d" % idea], "restore")
    assert '<option value="%s"' % quiet in client().get("/ideas").text


@pytest.mark.parametrize("query,key", [("status=shipped", "ideas.err.status"),
                                       ("sort=best", "ideas.err.sort"),
                                       ("product=NOPE-1", "ideas.err.product"),
                                       ("category=nope", "ideas.err.category")])
def test_unknown_list_filters_are_refused_with_a_reason(client, query, key):
    r = client().get("/ideas?" + query)
    assert r.status_code == 400
    assert text("en", key) in visible_text(r.text)
    j = client().get("/ideas.json?" + query)
    assert j.status_code == 400
    assert j.json()["ok"] is False


def test_sorts_top_new_and_trending(client, member):
    c, _ = member
    fresh = new_idea(c, title="Trending test %s" % th.RUN)
    voters = [member_client(client)[0] for _ in range(3)]
    for v in voters:
        assert try_vote(v, fresh).status_code == 303
    quiet = 2  # demo: "A quieter mode...", 7 votes, most of them days old
    assert vote_count(c, quiet) > vote_count(c, fresh) == 4
    top = ideas_in(c.get("/ideas.json?sort=top").json()["ideas"])
    assert top.index(quiet) < top.index(fresh)
    trending = ideas_in(c.get("/ideas.json?sort=trending").json()["ideas"])
    assert trending.index(fresh) < trending.index(quiet)
    assert ideas_in(c.get("/ideas.json?sort=new").json()["ideas"])[0] == fresh


def test_list_pages(client, member):
    c, _ = member
    data = c.get("/ideas.json?page=1").json()
    assert data["page"] == 1
    assert len(data["ideas"]) <= 20
    # not a page number: the first page
    for page in ("0", "abc"):
        r = client().get("/ideas.json?page=%s" % page)
        assert r.status_code == 200 and r.json()["page"] == 1, page


def test_roadmap_has_planned_in_progress_and_shipped_columns(client):
    r = client().get("/roadmap")
    assert r.status_code == 200
    page = visible_text(r.text)
    for key in ("ideas.status.planned", "ideas.status.in_progress", "ideas.shipped"):
        assert text("en", key) in page
    data = client().get("/roadmap.json").json()
    assert "Una tostadora que tueste igual por los dos lados" in [i["title"] for i in data["planned"]]
    assert "A quieter mode for the PowerBlend blender" in [i["title"] for i in data["in_progress"]]
    assert "Descaling reminder on the KX-200" in [i["title"] for i in data["done"]]
    assert {i["status"] for i in data["done"]} == {"done"}
    blender = client().get("/roadmap.json?product=BL-900").json()
    assert blender.get("planned", []) == []


def test_pages_in_spanish(client):
    c = client()
    r = c.get("/ideas", headers={"Accept-Language": "es"})
    assert th.html_lang(r.text) == "es"
    page = visible_text(r.text)
    assert text("es", "ideas.intro") in page
    assert text("es", "ideas.status.in_progress") in page
    r = c.get("/roadmap", headers={"Accept-Language": "es"})
    assert text("es", "ideas.shipped") in visible_text(r.text)


# ------------------------------------------------------------------ submitting

def test_visitor_is_sent_to_log_in_to_submit(client):
    r = client().get("/ideas/new")
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/login?next=")


def test_similar_ideas_are_shown_before_submitting(member):
    c, _ = member
    before = c.get("/ideas.json?sort=new").json()["ideas"][0]["id"]
    title = "Quieter blender mode %s" % th.RUN
    # the "check for similar ideas" step
    r = c.form("/ideas/new", {"title": title, "body": "", "step": "check"}, page="/ideas/new")
    assert r.status_code == 200
    assert "A quieter mode for the PowerBlend blender" in r.text
    assert input_value(r.text, "title") == title
    # submitting without confirm=1 shows them again, says nothing is
    # posted yet, and creates nothing
    r = c.form("/ideas/new", {"title": title, "body": "Please.", "step": "submit"},
               page="/ideas/new")
    assert r.status_code == 200
    assert "A quieter mode for the PowerBlend blender" in r.text
    assert '<input type="hidden" name="confirm" value="1">' in r.text
    assert text("en", "ideas.dup.heading") in visible_text(r.text)
    assert c.get("/ideas.json?sort=new").json()["ideas"][0]["id"] == before
    # a JSON client is told with a 409, never mistaking it for a created idea
    j = post_json(c, "/ideas/new", {"title": title, "body": "Please."})
    assert j.status_code == 409
    assert j.json()["errors"] == {"confirm": text("en", "ideas.err.confirm")}
    # confirmed: created, with its author's vote
    idea = new_idea(c, title=title, body="Please.")
    data = idea_json(c, idea)
    assert data["idea"]["title"] == title
    assert data["idea"]["vote_count"] == 1
    assert data["me"]["voted"] == 1


def test_similar_json_for_the_live_check(client):
    c = client()
    data = c.get("/ideas/similar.json?q=quieter%20blender").json()
    assert "A quieter mode for the PowerBlend blender" in [s["title"] for s in data["similar"]]
    assert set(data["similar"][0]) == {"id", "title", "status", "vote_count"}
    assert c.get("/ideas/similar.json?q=" + "x" * 151).status_code == 400
    assert c.get("/ideas/similar.json?q=%ff").status_code == 400
    assert c.get("/ideas/similar?q=tostadora").status_code == 200


def test_an_idea_without_similar_ones_is_created_at_once(member):
    c, _ = member
    title = "Zqxvk wbnmq %s" % secrets.token_hex(5)  # words no other idea holds
    r = c.form("/ideas/new", {"title": title, "body": "Unlike anything."}, page="/ideas/new")
    assert r.status_code == 303
    idea = int(r.headers["Location"].rsplit("/", 1)[1])
    assert idea_json(c, idea)["idea"]["title"] == title


def test_idea_with_product_and_category(member):
    c, _ = member
    idea = new_idea(c, product="KT-17", category="recipes")
    data = idea_json(c, idea)["idea"]
    assert data["product"] == {"sku": "KT-17", "name": "KT-17 Electric Kettle"}
    assert data["category_slug"] == "recipes"
    assert idea in ideas_in(c.get("/ideas.json?product=KT-17&sort=new").json()["ideas"])


@pytest.mark.parametrize("fields,field,key,n", [
    ({"title": "", "body": "A body"}, "title", "err.required", None),
    ({"title": "ab", "body": "A body"}, "title", "err.too_short", 3),
    ({"title": "t" * 151, "body": "A body"}, "title", "err.too_long", 150),
    ({"title": "A fine title", "body": ""}, "body", "err.required", None),
    ({"title": "A fine title", "body": "b" * 20001}, "body", "err.too_long", 20000),
    ({"title": "A fine title", "body": "A body", "product": "NOPE-9"}, "product",
     "ideas.err.product", None),
    ({"title": "A fine title", "body": "A body", "category": "nope"}, "category",
     "ideas.err.category", None),
])
def test_bad_idea_fields_are_refused_keeping_the_text(member, fields, field, key, n):
    c, _ = member
    data = dict(fields, confirm="1")
    r = c.form("/ideas/new", data, page="/ideas/new")
    assert r.status_code == 400
    assert field_errors(r.text)[field] == text("en", key, n)
    if fields["title"] and len(fields["title"]) <= 150:
        assert input_value(r.text, "title") == fields["title"]
    if fields["body"] and len(fields["body"]) <= 20000:
        assert fields["body"] in r.text


def test_invalid_utf8_title_is_refused(member):
    c, _ = member
    r = c.post("/ideas/new", data=b"csrf=" + c.token("/ideas/new").encode()
               + b"&title=bad%ff%fe&body=x&confirm=1",
               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400
    assert field_errors(r.text)["title"] == text("en", "err.utf8")


def test_double_submit_makes_one_idea(member):
    c, _ = member
    page = c.get("/ideas/new")
    nonce = input_value(page.text, "nonce")
    data = {"csrf": th.csrf_of(page.text), "nonce": nonce, "confirm": "1",
            "title": "Once only %s" % th.RUN, "body": "Sent twice."}
    a = c.post("/ideas/new", data=data)
    b = c.post("/ideas/new", data=data)
    assert a.status_code == b.status_code == 303
    assert a.headers["Location"] == b.headers["Location"]


def test_markdown_is_rendered_safely(member):
    c, _ = member
    idea = new_idea(c, body="**bold** <script>alert(1)</script> [x](javascript:alert(2))")
    page = c.get("/ideas/%d" % idea).text
    assert "<strong>bold</strong>" in page
    assert "<script>alert(1)" not in page
    assert "javascript:alert" not in page


# ------------------------------------------------------------------ voting

def test_vote_and_unvote_are_idempotent(client, member):
    author, _ = member
    idea = new_idea(author)
    c, _ = member_client(client)
    assert vote_count(c, idea) == 1

    r = try_vote(c, idea)
    assert r.status_code == 303
    assert r.headers["Location"] == "/ideas/%d#votes" % idea
    assert said_after(c, r) == [text("en", "said.vote_added")]
    assert vote_count(c, idea) == 2
    # voting twice changes nothing, and the page says so
    r = try_vote(c, idea)
    assert r.status_code == 303
    assert r.headers["Location"] == "/ideas/%d#votes" % idea
    assert vote_count(c, idea) == 2
    assert said_after(c, r) == [text("en", "said.vote_already")]
    assert idea_json(c, idea)["me"]["voted"] == 1

    r = try_vote(c, idea, undo=True)
    assert said_after(c, r) == [text("en", "said.vote_removed")]
    assert vote_count(c, idea) == 1
    r = try_vote(c, idea, undo=True)
    assert said_after(c, r) == [text("en", "said.vote_none")]
    assert vote_count(c, idea) == 1
    # what was said is said once: the idea's address carries nothing
    assert "?" not in r.headers["Location"]
    assert SAID_RE.search(c.get("/ideas/%d" % idea).text) is None


def test_vote_through_json(client, member):
    author, _ = member
    idea = new_idea(author)
    c, _ = member_client(client)
    r = post_json(c, "/ideas/%d/vote" % idea)
    assert r.status_code == 200
    assert r.json() == {"ok": True, "id": idea, "url": "/ideas/%d#votes" % idea,
                        "message": text("en", "said.vote_added")}
    again = post_json(c, "/ideas/%d/vote" % idea)
    assert again.status_code == 200
    assert again.json()["message"] == text("en", "said.vote_already")
    assert vote_count(c, idea) == 2
    r = post_json(c, "/ideas/%d/unvote" % idea)
    assert r.status_code == 200 and r.json()["message"] == text("en", "said.vote_removed")
    assert vote_count(c, idea) == 1


def test_the_author_supports_their_own_idea(member):
    c, _ = member
    idea = new_idea(c)
    assert idea_json(c, idea)["me"]["voted"] == 1
    # one vote reads in the singular, in both languages
    for lang in ("en", "es"):
        page = c.get("/ideas/%d" % idea, headers={"Accept-Language": lang}).text
        assert '</strong> <span>%s</span>' % text(lang, "ideas.vote_one") in page
    assert said_after(c, try_vote(c, idea)) == [text("en", "said.vote_already")]
    assert vote_count(c, idea) == 1
    # and may take it back like any voter
    assert said_after(c, try_vote(c, idea, undo=True)) == [text("en", "said.vote_removed")]
    assert vote_count(c, idea) == 0


def test_voting_needs_a_member_and_a_real_idea(client, member):
    c, _ = member
    visitor = client()
    r = visitor.post("/ideas/1/vote", data={"csrf": "0" * 64})
    assert r.status_code == 401
    assert vote_count(c, 1) == idea_json(visitor, 1)["idea"]["vote_count"]
    assert post(c, "/ideas/999999/vote").status_code == 404
    # without the CSRF token nothing happens
    before = vote_count(c, 7)
    assert c.post("/ideas/7/vote", data={}).status_code == 403
    assert vote_count(c, 7) == before


def test_closed_ideas_take_no_new_votes(member):
    c, _ = member
    done = 4  # demo: "Descaling reminder on the KX-200", done
    before = vote_count(c, done)
    r = try_vote(c, done)
    assert r.status_code == 409
    assert field_errors(r.text)["vote"] == text("en", "ideas.err.closed")
    assert vote_count(c, done) == before


def test_voters_are_shown_to_staff_only(client, member, as_demo):
    author, account = member
    idea = new_idea(author)
    assert "voters" not in idea_json(author, idea)
    assert "voters" not in idea_json(client(), idea)
    staff = idea_json(as_demo("staff"), idea)
    assert [v["username"] for v in staff["voters"]] == [account.username]
    assert account.username in visible_text(as_demo("staff").get("/ideas/%d" % idea).text)


def test_verified_buyers_are_counted_beside_the_votes(client, as_demo):
    # demo: the blender idea; marketing bought a BL-900 and voted for it
    data = idea_json(client(), 2)["idea"]
    assert data["product"]["sku"] == "BL-900"
    assert data["verified_votes"] == 1
    c, _ = member_client(client)
    idea = new_idea(c, product="KT-17")
    assert idea_json(c, idea)["idea"]["verified_votes"] == 0
    # john has an order of the KT-17 in the demo; maria has none
    assert try_vote(as_demo("john"), idea).status_code == 303
    assert try_vote(as_demo("maria"), idea).status_code == 303
    data = idea_json(c, idea)["idea"]
    assert (data["vote_count"], data["verified_votes"]) == (3, 1)
    page = visible_text(c.get("/ideas/%d" % idea).text)
    # one buyer: the singular, "Of these, 1 is a verified buyer of"
    assert "%s 1 %s" % (text("en", "ideas.verified_before"),
                        text("en", "count.verified_buyers.one")) in page


# ------------------------------------------------------------------ concurrency

def test_twenty_members_voting_at_once_give_twenty(client, member):
    author, _ = member
    idea = new_idea(author)
    assert try_vote(author, idea, undo=True).status_code == 303
    voters = [member_client(client)[0] for _ in range(20)]
    tokens = [v.token("/ideas") for v in voters]

    def vote(i):
        return voters[i].post("/ideas/%d/vote" % idea, data={"csrf": tokens[i]}).status_code

    assert at_once(vote, range(20)) == [303] * 20
    assert vote_count(author, idea) == 20


def test_one_member_voting_ten_times_at_once_counts_once(client, member):
    author, _ = member
    idea = new_idea(author)
    c, _ = member_client(client)
    token = c.token("/ideas")

    def vote(_):
        return c.post("/ideas/%d/vote" % idea, data={"csrf": token}).status_code

    assert at_once(vote, range(10)) == [303] * 10
    assert vote_count(author, idea) == 2


# ------------------------------------------------------------------ statuses

def test_staff_change_the_status_with_a_public_note(member, as_demo):
    author, _ = member
    idea = new_idea(author)
    staff = as_demo("staff")
    page = "/ideas/%d" % idea
    r = post(staff, page + "/status", {"status": "under_review", "note": "Looking into it."}, page)
    assert r.status_code == 303
    r = post(staff, page + "/status", {"status": "planned", "note": "Planned for spring."}, page)
    assert r.status_code == 303
    data = idea_json(author, idea)
    assert data["idea"]["status"] == "planned"
    history = [(h["from_status"], h["to_status"], h["note"], h["by_user"]) for h in data["history"]]
    assert history == [("open", "under_review", "Looking into it.", "staff"),
                       ("under_review", "planned", "Planned for spring.", "staff")]
    assert all(h["created_at"]["iso"] for h in data["history"])
    shown = visible_text(author.get(page).text)
    assert "Planned for spring." in shown
    assert text("en", "ideas.status.planned") in shown


def test_a_member_cannot_change_a_status(member):
    c, _ = member
    idea = new_idea(c)
    r = post(c, "/ideas/%d/status" % idea, {"status": "planned", "note": "Mine!"})
    assert r.status_code == 403
    assert text("en", "ideas.err.staff_only") in visible_text(r.text)
    assert idea_json(c, idea)["idea"]["status"] == "open"


@pytest.mark.parametrize("fields,key", [
    ({"status": "shipped", "note": "Soon."}, "ideas.err.status"),
    ({"status": "open", "note": "Still open."}, "ideas.err.same_status"),
    ({"status": "planned", "note": ""}, "err.required"),
])
def test_bad_status_changes_are_refused(member, as_demo, fields, key):
    author, _ = member
    idea = new_idea(author)
    staff = as_demo("staff")
    r = post(staff, "/ideas/%d/status" % idea, fields, "/ideas/%d" % idea)
    assert r.status_code == 400
    assert text("en", key) in field_errors(r.text).values()
    assert idea_json(author, idea)["idea"]["status"] == "open"
    assert idea_json(author, idea).get("history", []) == []


def test_closing_an_idea_keeps_its_votes_and_stops_new_ones(client, member, as_demo):
    author, _ = member
    idea = new_idea(author)
    staff = as_demo("staff")
    assert post(staff, "/ideas/%d/status" % idea, {"status": "declined", "note": "No."},
                "/ideas/%d" % idea).status_code == 303
    c, _ = member_client(client)
    assert try_vote(c, idea).status_code == 409
    assert vote_count(c, idea) == 1
    assert idea in ideas_in(c.get("/ideas.json?status=declined&sort=new").json()["ideas"])


# ------------------------------------------------------------------ comments and answers

def test_comments_and_official_answers(member, as_demo):
    author, account = member
    idea = new_idea(author)
    page = "/ideas/%d" % idea
    r = post(author, page + "/comment", {"body": "More *details* here."}, page)
    assert r.status_code == 303
    assert re.fullmatch(r"/ideas/%d\?page=1#c\d+" % idea, r.headers["Location"])
    staff = as_demo("staff")
    r = post(staff, page + "/comment", {"body": "We hear you.", "official": "1"}, page)
    assert r.status_code == 303
    data = idea_json(author, idea)
    assert [(m["author"], m["official"]) for m in data["comments"]] == [
        (account.username, 0), ("staff", 1)]
    assert "<em>details</em>" in data["comments"][0]["html"]
    assert [m["author"] for m in data["official"]] == ["staff"]
    shown = author.get(page).text
    assert text("en", "ideas.official") in visible_text(shown)
    assert "post-official" in shown


def test_only_staff_answer_officially(member):
    c, _ = member
    idea = new_idea(c)
    r = post(c, "/ideas/%d/comment" % idea, {"body": "I am official.", "official": "1"})
    assert r.status_code == 403
    assert idea_json(c, idea).get("comments", []) == []


def test_empty_comment_is_refused_and_long_one_kept(member):
    c, _ = member
    idea = new_idea(c)
    page = "/ideas/%d" % idea
    r = post(c, page + "/comment", {"body": ""}, page)
    assert r.status_code == 400
    assert field_errors(r.text)["body"] == text("en", "err.required")
    long = "x" * 20001
    r = post(c, page + "/comment", {"body": long}, page)
    assert r.status_code == 400
    assert field_errors(r.text)["body"] == text("en", "err.too_long", 20000)
    assert long in r.text
    assert c.get("/ideas/999999").status_code == 404
    assert post(c, "/ideas/999999/comment", {"body": "hello"}).status_code == 404


# ------------------------------------------------------------------ merging

def test_merge_carries_votes_over_without_double_counting(stack, client, as_demo):
    u1, _ = member_client(client)
    u2, _ = member_client(client)
    u3, _ = member_client(client)
    a = new_idea(u1)  # u1's own vote
    b = new_idea(u3)  # u3's own vote
    assert try_vote(u2, a).status_code == 303
    assert try_vote(u2, b).status_code == 303
    assert post(u1, "/ideas/%d/comment" % a, {"body": "Comment on A."}).status_code == 303
    assert (vote_count(u1, a), vote_count(u1, b)) == (2, 2)

    mod = as_demo("moderadora")
    r = post(mod, "/ideas/%d/merge" % a, {"into": str(b), "reason": "Same idea"}, "/ideas/%d" % a)
    assert r.status_code == 303
    assert r.headers["Location"] == "/ideas/%d" % b
    assert vote_count(u1, b) == 3
    assert int(stack.sql("SELECT COUNT(*) FROM idea_votes WHERE idea_id = %d" % b)[0][0]) == 3
    assert stack.sql("SELECT COUNT(*) FROM idea_votes WHERE idea_id = %d" % a) == [["0"]]
    # every former voter of A now counts on B
    for c in (u1, u2, u3):
        assert idea_json(c, b)["me"]["voted"] == 1
    # the duplicate sends people to the survivor, which lists it
    dup = u1.get("/ideas/%d" % a)
    assert dup.status_code == 303 and dup.headers["Location"] == "/ideas/%d" % b
    data = idea_json(u1, b)
    assert [m["id"] for m in data["merged"]] == [a]
    assert "Comment on A." in [visible_text(m["html"]) for m in data["comments"]]
    assert data["idea"]["comment_count"] == 1   # the duplicate's comment, counted
    assert a not in ideas_in(u1.get("/ideas.json?sort=new").json()["ideas"])
    # the audit log says who merged what into what, and why
    rows = stack.sql("SELECT a.action, a.target_type, a.target_id, u.username, a.reason, a.detail "
                     "FROM audit_log a JOIN users u ON u.id = a.actor_id "
                     "WHERE a.action = 'merge' AND a.target_id = %d" % a)
    assert rows == [["merge", "idea", str(a), "moderadora", "Same idea", "into idea %d" % b]]


def test_a_hidden_idea_merged_elsewhere_is_listed_only_to_moderators(client, member, as_demo):
    # X merged into Y, then hidden: Y's page and its twin no longer name it
    # to visitors or members (its author included), as X's own page would not.
    c, _ = member
    secret = "Merged then hidden %s" % th.unique_name("x")
    x, y = new_idea(c, title=secret), new_idea(c)
    mod = as_demo("moderadora")
    assert post(mod, "/ideas/%d/merge" % x, {"into": str(y)}, "/ideas/%d" % x).status_code == 303
    readers = {"visitor": client(), "author": c, "member": member_client(client)[0]}
    for who, reader in readers.items():
        assert [m["id"] for m in idea_json(reader, y)["merged"]] == [x], who
    act_ok(mod, ["idea:%d" % x], "hide")
    for who, reader in readers.items():
        assert "merged" not in idea_json(reader, y) or idea_json(reader, y)["merged"] == [], who
        page = reader.get("/ideas/%d" % y)
        assert page.status_code == 200
        assert secret not in page.text and 'href="/ideas/%d"' % x not in page.text, who
    # moderators see hidden content everywhere, this list too
    assert [m["id"] for m in idea_json(mod, y)["merged"]] == [x]
    assert secret in mod.get("/ideas/%d" % y).text
    act_ok(mod, ["idea:%d" % x], "restore")
    assert [m["id"] for m in idea_json(client(), y)["merged"]] == [x]


def test_staff_may_merge_and_members_may_not(client, member, as_demo):
    c, _ = member
    a, b = new_idea(c), new_idea(c)
    r = post(c, "/ideas/%d/merge" % a, {"into": str(b)}, "/ideas/%d" % a)
    assert r.status_code == 403
    assert text("en", "ideas.err.merge_role") in visible_text(r.text)
    assert c.get("/ideas/%d" % a).status_code == 200
    r = post(as_demo("staff"), "/ideas/%d/merge" % a, {"into": str(b)}, "/ideas/%d" % a)
    assert r.status_code == 303


def test_bad_merges_are_refused_with_a_message(member, as_demo):
    c, _ = member
    a, b, x = new_idea(c), new_idea(c), new_idea(c)
    mod = as_demo("moderadora")

    def merge(src, into):
        return post(mod, "/ideas/%d/merge" % src, {"into": str(into)})

    r = merge(a, a)
    assert r.status_code == 400
    assert field_errors(r.text)["into"] == msg(r, "ideas.err.merge_self")
    r = merge(a, 999999)
    assert r.status_code == 400
    assert field_errors(r.text)["into"] == msg(r, "ideas.err.merge_target", 999999)
    r = post(mod, "/ideas/%d/merge" % a, {"into": "abc"}, "/ideas/%d" % a)
    assert r.status_code == 400 and "into" in field_errors(r.text)
    assert merge(a, b).status_code == 303
    # into an idea that was itself merged
    r = merge(x, a)
    assert r.status_code == 400
    assert field_errors(r.text)["into"] == msg(r, "ideas.err.merge_merged", a)
    # an idea already merged cannot be merged again
    r = merge(a, x)
    assert r.status_code == 400
    assert msg(r, "ideas.err.merged") in visible_text(r.text)
    assert vote_count(c, x) == 1 and vote_count(c, b) == 1


def test_voting_on_a_merged_idea_is_refused(member, as_demo):
    c, _ = member
    a, b = new_idea(c), new_idea(c)
    assert post(as_demo("staff"), "/ideas/%d/merge" % a, {"into": str(b)},
                "/ideas/%d" % a).status_code == 303
    r = try_vote(c, a, undo=True)
    assert r.status_code == 409
    assert text("en", "ideas.err.merged_vote", b) in visible_text(r.text)


# ------------------------------------------------------------------ home and search

def test_home_shows_trending_ideas(client):
    c = client()
    data = c.get("/index.json").json()
    assert data["trending_ideas"]
    assert all(i["status"] not in ("done", "declined") for i in data["trending_ideas"])
    page = visible_text(c.get("/").text)
    assert text("en", "ideas.trending") in page
    assert data["trending_ideas"][0]["title"] in page


def test_search_finds_ideas(client):
    c = client()
    only = c.get("/search.json?q=tostadora&type=idea").json()
    assert "Una tostadora que tueste igual por los dos lados" in [i["title"] for i in only["ideas"]]
    assert "threads" not in only and "posts" not in only
    everything = c.get("/search.json?q=blender").json()
    assert "A quieter mode for the PowerBlend blender" in [i["title"] for i in everything["ideas"]]
    # merged duplicates are not found on their own
    merged = c.get("/search.json?q=batidora%20silenciosa&type=idea").json()
    assert "Batidora más silenciosa, por favor" not in [i["title"] for i in merged.get("ideas", [])]
    page = c.get("/search?q=descongelar&type=idea")
    assert page.status_code == 200
    assert text("en", "ideas.search_heading") in visible_text(page.text)
    assert "<mark>descongelar</mark>" in page.text


# ------------------------------------------------------------------ vote budget

@pytest.fixture(scope="module")
def budget_stack(own_stack):
    """A small stack of its own whose configuration sets ideas.vote_budget = 2."""
    return own_stack(workers=1, demo=True, extra_config={"ideas.vote_budget": "2"})


def test_vote_budget_from_configuration(budget_stack):
    s = budget_stack
    made = []

    def someone():
        cl = th.Client(s.url)
        th.register(cl)
        made.append(cl)
        return cl

    def idea_by_someone():
        return new_idea(someone())

    others = [idea_by_someone() for _ in range(3)]
    c = someone()
    mine = new_idea(c)  # its author's vote is one of two
    assert idea_json(c, mine)["me"]["votes_left"] == 1
    assert text("en", "ideas.budget_left") in visible_text(c.get("/ideas/%d" % mine).text)
    assert try_vote(c, others[0]).status_code == 303
    r = try_vote(c, others[1])
    assert r.status_code == 409
    assert field_errors(r.text)["vote"] == text("en", "ideas.err.budget", 2)
    assert vote_count(c, others[1]) == 1
    # voting again for an idea one voted for is still "already voted"
    assert said_after(c, try_vote(c, others[0])) == [text("en", "said.vote_already")]
    # a vote comes back when its idea is done or declined
    staff = th.Client(s.url)
    made.append(staff)
    th.login_ok(staff, "staff")
    assert post(staff, "/ideas/%d/status" % others[0], {"status": "done", "note": "Shipped."},
                "/ideas/%d" % others[0]).status_code == 303
    assert try_vote(c, others[1]).status_code == 303
    # and one taken back frees one too
    assert try_vote(c, mine, undo=True).status_code == 303
    assert try_vote(c, others[2]).status_code == 303
    assert idea_json(c, mine)["me"] == {"voted": 0, "budget": 2, "open_votes": 2, "votes_left": 0}
    # parallel votes of one member cannot overrun the budget
    assert try_vote(c, others[2], undo=True).status_code == 303
    extra = [idea_by_someone() for _ in range(4)]
    token = c.token("/ideas")
    codes = at_once(lambda i: c.post("/ideas/%d/vote" % i, data={"csrf": token}).status_code,
                    extra)
    assert sorted(codes) == [303, 409, 409, 409]
    assert sum(vote_count(c, i) for i in extra) == 4 + 1
    for cl in made:
        cl.close()
