"""Moderation of reviews and ideas: members flag them, the rules hold or
refuse them when they are written, and moderators act on them from the same
queue as posts."""

import functools
import re

import pytest

import tertulia_http as th
from tertulia_http import text
from ideas_http import new_idea, try_idea
from reviews_http import import_products, new_review, new_sku, product_json, write_review
from mod_helpers import act, act_ok, logged, members, moderator, trusted_members, watched  # noqa: F401

FOUR_LINKS = ("See https://a.example/1, https://a.example/2, https://a.example/3 "
              "and https://a.example/4")


# ------------------------------------------------------------------ helpers

def new_product(stack):
    """A product of its own for a test (so that no other test's summary
    moves): its SKU. The queue shows its name, "Kettle SKU", as a review's
    context."""
    sku = new_sku("M")
    import_products(stack, [(sku, "Kettle %s" % sku, "For a moderation test.", "Testing", "1")])
    return sku


# A review of the kettle, unless the test writes another: try_review gives
# the answer to the form, review the accepted review's id.
try_review = functools.partial(write_review, title="Does the job", body="Boils water fast.")
review = functools.partial(new_review, title="Does the job", body="Boils water fast.")


def shown_reviews(c, sku):
    return {rv["id"]: rv for rv in product_json(c, sku).get("reviews", [])}


def flag(c, kind, id_, reason="spam", note=None):
    data = {"reason": reason}
    if note:
        data["note"] = note
    return c.form("/%s/%d/flag" % (kind, id_), data, page="/")


def queued(mod, kind, id_):
    page = 1
    while True:
        data = mod.get("/mod.json", params={"type": kind, "page": page}).json()
        for e in data.get("queue", []):
            if e["target_id"] == id_:
                return e
        if not data.get("next_page"):
            return None
        page = data["next_page"]


# ================================================================== reviews

def test_member_flags_a_review(stack, members, moderator):
    sku = new_product(stack)
    (author, _), (flagger, _) = members(2)
    rid = review(author, sku)
    page = flagger.get("/p/%s" % sku).text
    assert 'action="/reviews/%d/flag"' % rid in page  # the form is offered
    assert 'action="/reviews/%d/flag"' % rid not in author.get("/p/%s" % sku).text
    r = flag(flagger, "reviews", rid, "off_topic", "About another product")
    assert r.status_code == 303
    assert flag(flagger, "reviews", rid, "spam").status_code == 409
    assert flag(author, "reviews", rid, "spam").status_code == 403

    mod, _ = moderator
    e = queued(mod, "review", rid)
    assert e["cause"] == "flags"
    assert e["item"]["context"] == "Kettle %s" % sku
    assert [(f["reason"], f["note"]) for f in e["flags"]] == [("off_topic", "About another product")]
    page = th.visible_text(mod.get("/mod/item/review/%d" % rid).text)
    assert "Boils water fast." in page and "Kettle %s" % sku in page


def test_stats_count_actions_by_product(stack, as_demo, members, moderator):
    sku = new_product(stack)
    (author, _), (flagger, _) = members(2)
    rid = review(author, sku)
    assert flag(flagger, "reviews", rid, "spam").status_code == 303
    act_ok(moderator[0], ["review:%d" % rid], "hide", from_queue=True)
    rows = as_demo("marketing").get("/mod/stats.json").json()["by_product"]
    assert [(p["product_name"], p["action"], p["n"]) for p in rows if p["product"] == sku] == [
        ("Kettle %s" % sku, "hide", 1)]
    assert "Kettle %s" % sku in as_demo("marketing").get("/mod/stats").text


def test_three_flags_hide_a_review_and_its_rating(stack, members, trusted_members):
    sku = new_product(stack)
    (author, _), = members(1)
    flaggers = trusted_members(3)
    rid = review(author, sku, rating=1)
    assert product_json(th.Client(author.base), sku)["product"]["summary"]["count"] == 1
    for c, _ in flaggers:
        assert flag(c, "reviews", rid, "abuse").status_code == 303
    v = th.Client(author.base)
    assert rid not in shown_reviews(v, sku)
    assert product_json(v, sku)["product"]["summary"]["count"] == 0
    mine = product_json(author, sku)["mine"]
    assert mine["status"] == "hidden"


def test_moderator_hides_and_restores_a_review(stack, members, moderator):
    sku = new_product(stack)
    (author, _), = members(1)
    rid = review(author, sku, rating=5)
    mod, account = moderator
    act_ok(mod, ["review:%d" % rid], "hide", reason="Fake review from a competitor")
    v = th.Client(author.base)
    assert rid not in shown_reviews(v, sku)
    assert product_json(v, sku)["product"]["summary"]["count"] == 0
    assert product_json(author, sku)["mine"]["status"] == "hidden"
    page = th.visible_text(author.get("/reviews/%d" % rid).text)  # the author's own review
    assert "Fake review from a competitor" in page and "Boils water fast." in page
    logged(mod, account.username, "hide", "review", rid, "Fake review from a competitor")

    act_ok(mod, ["review:%d" % rid], "restore", reason="The buyer proved the purchase")
    assert rid in shown_reviews(v, sku)
    assert product_json(v, sku)["product"]["summary"]["count"] == 1
    logged(mod, account.username, "restore", "review", rid, "The buyer proved the purchase")


def test_moderator_edits_a_review_keeping_a_revision(stack, members, moderator):
    sku = new_product(stack)
    (author, _), = members(1)
    rid = review(author, sku, body="Call 555-0100 for a cheaper one", rating=3)
    mod, account = moderator
    act_ok(mod, ["review:%d" % rid], "edit", reason="Removed a phone number",
           body="Call for a cheaper one")
    shown = shown_reviews(th.Client(author.base), sku)[rid]
    assert "555-0100" not in shown["html"] and "Call for a cheaper one" in shown["html"]
    assert shown["rating"] == 3 and shown["title"] == "Does the job"
    assert stack.sql("SELECT old_body FROM review_revisions WHERE review_id = %d" % rid) == [
        ["Call 555-0100 for a cheaper one"]]
    logged(mod, account.username, "edit", "review", rid, "Removed a phone number")


def test_new_members_first_review_is_queued(stack, member, moderator):
    sku = new_product(stack)
    c, _ = member
    rid = review(c, sku)
    assert rid in shown_reviews(th.Client(c.base), sku)
    e = queued(moderator[0], "review", rid)
    assert e["cause"] == "new_member"
    assert e["item"]["product_id"] == product_json(c, sku)["product"]["id"]


def test_review_with_many_links_is_held_until_approved(stack, member, moderator):
    sku = new_product(stack)
    c, _ = member
    rid = review(c, sku, body=FOUR_LINKS)
    v = th.Client(c.base)
    assert rid not in shown_reviews(v, sku)
    assert product_json(v, sku)["product"]["summary"]["count"] == 0
    assert product_json(c, sku)["mine"]["status"] == "held"
    mod, _ = moderator
    assert queued(mod, "review", rid)["cause"] == "links"
    act_ok(mod, ["review:%d:held" % rid], "approve", from_queue=True)
    assert rid in shown_reviews(v, sku)
    assert product_json(v, sku)["product"]["summary"]["count"] == 1


def test_watched_words_apply_to_reviews(stack, members, moderator, watched):
    sku = new_product(stack)
    blocked, held = watched("block"), watched("hold")
    (a, _), (b, _) = members(2)
    body = "It is %s, honestly." % blocked
    r = try_review(a, sku, body=body)
    assert r.status_code == 400
    assert th.field_errors(r.text).get("body") == text("en", "err.blocked_word")
    assert body in r.text
    r = try_review(a, sku, title="Pure %s" % blocked)
    assert r.status_code == 400
    assert th.field_errors(r.text).get("title") == text("en", "err.blocked_word")
    assert product_json(th.Client(a.base), sku)["product"]["summary"]["count"] == 0

    rid = review(b, sku, body="Reminds me of %s." % held)
    assert rid not in shown_reviews(th.Client(b.base), sku)
    e = queued(moderator[0], "review", rid)
    assert e["cause"] == "watched_word" and held in e["detail"]


def test_watched_words_apply_to_pros_and_cons(stack, members, moderator, watched):
    sku = new_product(stack)
    blocked, held = watched("block"), watched("hold")
    replaced = watched("replace", "[kind word]")
    (a, _), (b, _), (c, _) = members(3)
    for field in ("pros", "cons"):
        typed = "Light, but %s." % blocked
        r = try_review(a, sku, **{field: typed})
        assert r.status_code == 400
        assert th.field_errors(r.text).get(field) == text("en", "err.blocked_word")
        assert typed in r.text, "the text typed is shown again"
    assert product_json(th.Client(a.base), sku)["product"]["summary"]["count"] == 0

    rid = review(b, sku, cons="The lid reminds me of %s." % held)
    assert rid not in shown_reviews(th.Client(b.base), sku)
    e = queued(moderator[0], "review", rid)
    assert e["cause"] == "watched_word" and held in e["detail"]

    rid = review(c, sku, pros="Quick, %s." % replaced)
    shown = shown_reviews(th.Client(c.base), sku)[rid]
    assert shown["pros"] == "Quick, [kind word]."


def test_editing_a_review_meets_the_watched_words(stack, member, watched):
    sku = new_product(stack)
    c, _ = member
    rid = review(c, sku, body="Clean words first.")
    word = watched("block")
    r = try_review(c, sku, body="Now with %s." % word)
    assert r.status_code == 400
    assert shown_reviews(th.Client(c.base), sku)[rid]["html"] == "<p>Clean words first.</p>\n"


# ================================================================== ideas

def test_member_flags_an_idea(members, moderator):
    (author, _), (flagger, _) = members(2)
    iid = new_idea(author)
    assert 'action="/ideas/%d/flag"' % iid in flagger.get("/ideas/%d" % iid).text
    assert 'action="/ideas/%d/flag"' % iid not in author.get("/ideas/%d" % iid).text
    assert flag(flagger, "ideas", iid, "spam", "Advertises a shop").status_code == 303
    assert flag(flagger, "ideas", iid, "abuse").status_code == 409
    assert flag(author, "ideas", iid, "spam").status_code == 403
    assert flag(flagger, "ideas", 999999999, "spam").status_code == 404
    e = queued(moderator[0], "idea", iid)
    assert e["cause"] == "flags"
    assert [(f["reason"], f["note"]) for f in e["flags"]] == [("spam", "Advertises a shop")]


def test_moderator_hides_and_restores_an_idea(members, moderator):
    (author, _), = members(1)
    title = "Idea %s" % th.unique_name("h")
    iid = new_idea(author, title=title)
    mod, account = moderator
    act_ok(mod, ["idea:%d" % iid], "hide", reason="Duplicate of a planned idea")
    v = th.Client(author.base)
    assert v.get("/ideas/%d" % iid).status_code == 404
    assert title not in v.get("/ideas?sort=new").text
    assert stack_note(mod, iid) == "Duplicate of a planned idea"
    logged(mod, account.username, "hide", "idea", iid, "Duplicate of a planned idea")
    act_ok(mod, ["idea:%d" % iid], "restore", reason="Not a duplicate after all")
    assert v.get("/ideas/%d" % iid).status_code == 200


def stack_note(mod, iid):
    """The moderator's note on an idea, as the moderation page shows it."""
    return mod.get("/mod/item/idea/%d.json" % iid).json()["entry"]["item"].get("mod_note")


def test_ideas_are_not_edited_by_moderators(members, moderator):
    (author, _), = members(1)
    iid = new_idea(author, body="The original idea text.")
    r = act(moderator[0], ["idea:%d" % iid], "edit", body="Something else")
    assert r.status_code == 400
    assert text("en", "mod.err.no_edit") in th.visible_text(r.text)
    assert "The original idea text." in th.Client(author.base).get("/ideas/%d" % iid).text


def test_idea_with_many_links_is_held_until_approved(member, moderator):
    c, _ = member
    iid = new_idea(c, body=FOUR_LINKS)
    v = th.Client(c.base)
    assert v.get("/ideas/%d" % iid).status_code == 404
    page = th.visible_text(c.get("/ideas/%d" % iid).text)
    assert "a.example/4" in page  # its author still reads it
    mod, account = moderator
    assert queued(mod, "idea", iid)["cause"] == "links"
    act_ok(mod, ["idea:%d:held" % iid], "approve", from_queue=True)
    assert v.get("/ideas/%d" % iid).status_code == 200
    logged(mod, account.username, "approve", "idea", iid)


def test_watched_words_apply_to_ideas(member, moderator, watched):
    c, _ = member
    blocked, replaced = watched("block"), watched("replace", "[nice word]")
    title = "Please fix %s" % blocked
    r = try_idea(c, title=title)
    assert r.status_code == 400
    assert th.field_errors(r.text).get("title") == text("en", "err.blocked_word")
    assert th.input_value(r.text, "title") == title
    iid = new_idea(c, body="What a %s kettle." % replaced)
    html = th.Client(c.base).get("/ideas/%d.json" % iid).json()["idea"]["html"]
    assert replaced not in html and "[nice word]" in html


def test_new_members_first_idea_is_queued(member, moderator):
    c, _ = member
    iid = new_idea(c)
    assert th.Client(c.base).get("/ideas/%d" % iid).status_code == 200
    assert queued(moderator[0], "idea", iid)["cause"] == "new_member"


def test_bulk_action_across_kinds(stack, members, moderator):
    sku = new_product(stack)
    (spammer, _), = members(1)
    rid = review(spammer, sku)
    iid = new_idea(spammer)
    mod, _ = moderator
    r = act_ok(mod, ["review:%d" % rid, "idea:%d" % iid], "delete", reason="Spam wave",
               confirm="1")
    assert r.headers["Location"] == "/mod?done=2&conflicts=0"
    v = th.Client(spammer.base)
    assert rid not in shown_reviews(v, sku)
    assert v.get("/ideas/%d" % iid).status_code == 404


# ================================================================== comments

SPANISH = "No me gusta nada esta cafetera: la tapa de %s se rompe y gotea."
ENGLISH = "I do not like this kettle at all: the lid of %s breaks and it leaks."


def try_comment(c, iid, body):
    page = "/ideas/%d" % iid
    return c.form(page + "/comment", {"body": body}, page=page)


def comment(c, iid, body):
    """Comments on idea iid; returns the comment's id."""
    r = try_comment(c, iid, body)
    assert r.status_code == 303, (r.status_code, th.field_errors(r.text) or r.text[:300])
    return int(re.search(r"#c(\d+)$", r.headers["Location"]).group(1))


def comments_seen(c, iid):
    return {m["id"]: m for m in c.get("/ideas/%d.json" % iid).json().get("comments", [])}


def test_watched_words_apply_to_idea_comments(members, moderator, watched):
    blocked, held = watched("block"), watched("hold")
    replaced = watched("replace", "[nice word]")
    (author, _), (commenter, _) = members(2)
    iid = new_idea(author)
    body = "That is %s, honestly." % blocked
    r = try_comment(commenter, iid, body)
    assert r.status_code == 400
    assert th.field_errors(r.text).get("body") == text("en", "err.blocked_word")
    assert body in r.text
    assert comments_seen(commenter, iid) == {}

    cid = comment(commenter, iid, "What a %s idea." % replaced)
    html = comments_seen(th.Client(author.base), iid)[cid]["html"]
    assert replaced not in html and "[nice word]" in html

    cid = comment(commenter, iid, "Reminds me of %s." % held)
    visitor = th.Client(author.base)
    assert cid not in comments_seen(visitor, iid)
    assert comments_seen(commenter, iid)[cid]["status"] == "held"
    mod, account = moderator
    e = queued(mod, "idea_comment", cid)
    assert e["cause"] == "watched_word" and held in e["detail"]
    assert e["item"]["status"] == "held"
    assert e["item"]["url"] == "/ideas/%d?page=1#c%d" % (iid, cid)
    act_ok(mod, ["idea_comment:%d:held" % cid], "approve", from_queue=True)
    assert cid in comments_seen(visitor, iid)
    logged(mod, account.username, "approve", "idea_comment", cid)


def test_comment_count_is_what_people_see(members, moderator, watched):
    """A held or hidden comment is not counted on the idea's page or in the
    lists; approving or restoring it counts it again."""
    held = watched("hold")
    (author, _), (commenter, _) = members(2)
    mod, _ = moderator
    iid = new_idea(author)
    visitor = th.Client(author.base)

    def shown():
        page = visitor.get("/ideas/%d.json" % iid).json()["idea"]["comment_count"]
        listed = [i["comment_count"] for i in
                  visitor.get("/ideas.json", params={"sort": "new"}).json()["ideas"]
                  if i["id"] == iid]
        assert listed == [page], (listed, page)
        return page

    first = comment(commenter, iid, "I would use it every day.")
    assert shown() == 1
    second = comment(commenter, iid, "Reminds me of %s." % held)
    assert comments_seen(commenter, iid)[second]["status"] == "held"
    assert shown() == 1
    act_ok(mod, ["idea_comment:%d:held" % second], "approve", from_queue=True)
    assert shown() == 2
    act_ok(mod, ["idea_comment:%d" % first], "hide")
    assert shown() == 1
    act_ok(mod, ["idea_comment:%d" % first], "restore")
    assert shown() == 2
    heading = th.visible_text(visitor.get("/ideas/%d" % iid).text)
    assert re.search(r"Comments \(2\)", heading), heading[:500]


def test_spanish_watched_word_holds_only_spanish_comments(members, watched):
    word = watched("hold", lang="es")
    (author, _), (commenter, _) = members(2)
    iid = new_idea(author)
    spanish = comment(commenter, iid, SPANISH % word)
    english = comment(commenter, iid, ENGLISH % word)
    seen = comments_seen(th.Client(author.base), iid)
    assert spanish not in seen
    assert english in seen


def test_abusive_idea_comment_is_queued_and_visible(members, moderator):
    (author, _), (commenter, _) = members(2)
    iid = new_idea(author)
    cid = comment(commenter, iid, "You are an idiot and nobody wants your idea here.")
    assert cid in comments_seen(th.Client(author.base), iid)
    e = queued(moderator[0], "idea_comment", cid)
    assert e["cause"] == "abusive" and "idiot" in e["detail"]
    # an ordinary comment is not queued: comments have no first-posts rule
    plain = comment(commenter, iid, "I would like this too.")
    assert queued(moderator[0], "idea_comment", plain) is None


def test_spanish_watched_word_holds_only_spanish_reviews(stack, members, watched):
    sku = new_product(stack)
    word = watched("hold", lang="es")
    (a, _), (b, _) = members(2)
    spanish = review(a, sku, title="Cafetera con fallos", body=SPANISH % word, rating=2)
    english = review(b, sku, title="Kettle with faults", body=ENGLISH % word, rating=2)
    shown = shown_reviews(th.Client(a.base), sku)
    assert spanish not in shown
    assert english in shown
