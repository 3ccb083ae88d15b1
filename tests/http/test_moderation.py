"""Moderation: members' flags, the automatic holds applied when content is
written, the queue at /mod, and what moderators do to content and to
members, one item or many at once."""

import functools
import html as htmllib
import re

import pytest

import tertulia_http as th
from tertulia_http import text
from mod_helpers import (REASON, act, act_ok, at_once, flag, flag_ok, item, log_rows, logged,  # noqa: F401
                         members, moderator, new_thread, posts_seen, queue, queued, reply,
                         send, trusted_members, try_reply, user_id, visitor, watched)

FOUR_LINKS = ("Deals today: https://shop.example/a, https://shop.example/b, "
              "http://shop.example/c and www.shop.example")
THREE_LINKS = ("Useful pages: https://docs.example/a, https://docs.example/b "
               "and https://docs.example/c")


def textarea(page, name="body"):
    """What a form's textarea holds (what the person typed, shown again)."""
    m = re.search(r'<textarea[^>]*\bname="%s"[^>]*>(.*?)</textarea>' % name, page, re.S)
    assert m, "no textarea %s in the page" % name
    return htmllib.unescape(m.group(1))


def ids(entries):
    return [e["target_id"] for e in entries if e["target_type"] == "post"]


# ================================================================== flags

@pytest.mark.parametrize("reason", ["spam", "abuse", "off_topic", "other"])
def test_member_flags_a_post_with_a_reason(members, moderator, reason):
    (author, _), (flagger, flagger_account) = members(2)
    tid, pid = new_thread(author)
    note = "It advertises a shop, not a question" if reason == "other" else None
    r = flag_ok(flagger, pid, reason, note)
    assert r.headers["Location"] == "/t/%d#p%d" % (tid, pid)

    mod, _ = moderator
    flags = item(mod, pid)["flags"]
    assert [(f["reason"], f.get("note", "")) for f in flags] == [(reason, note or "")]
    assert flags[0]["flagger"] == flagger_account.username
    page = th.visible_text(mod.get("/mod/item/post/%d" % pid).text)
    assert text("en", "mod.r_" + reason) in page
    if note:
        assert note in page
    assert queued(mod, pid)["cause"] == "flags"


def test_flag_answers_json(members):
    (author, _), (flagger, _) = members(2)
    _, pid = new_thread(author)
    r = flagger.post("/posts/%d/flag" % pid, data={"reason": "spam"},
                     headers={"Accept": "application/json",
                              "X-CSRF-Token": flagger.json_token()})
    assert r.status_code == 200, r.text
    assert r.json()["ok"] is True and r.json()["id"] == pid


def test_flagging_the_same_post_twice_is_409(members, moderator):
    (author, _), (flagger, _) = members(2)
    _, pid = new_thread(author)
    flag_ok(flagger, pid, "spam")
    r = flag(flagger, pid, "abuse")
    assert r.status_code == 409
    assert text("en", "mod.err.flagged_twice") in th.visible_text(r.text)
    r = flagger.post("/posts/%d/flag" % pid, data={"reason": "spam"},
                     headers={"Accept": "application/json",
                              "X-CSRF-Token": flagger.json_token()})
    assert r.status_code == 409
    assert r.json()["ok"] is False
    assert text("en", "mod.err.flagged_twice") in r.json()["errors"]["request"]
    mod, _ = moderator
    assert [f["reason"] for f in item(mod, pid)["flags"]] == ["spam"]


def test_flagging_ones_own_post_is_403(member, moderator):
    c, _ = member
    _, pid = new_thread(c)
    r = flag(c, pid, "spam")
    assert r.status_code == 403
    assert text("en", "mod.err.own_flag") in th.visible_text(r.text)
    assert "flags" not in item(moderator[0], pid)


def test_flagging_an_unknown_post_is_404(member):
    c, _ = member
    assert flag(c, 999999999, "spam").status_code == 404


def test_flag_without_a_known_reason_is_400(members, moderator):
    (author, _), (flagger, _) = members(2)
    _, pid = new_thread(author)
    assert flag(flagger, pid, None).status_code == 400
    assert flag(flagger, pid, "").status_code == 400
    assert flag(flagger, pid, "rude").status_code == 400
    assert flag(flagger, pid, "other", "x" * 501).status_code == 400
    assert "flags" not in item(moderator[0], pid)
    # nothing was recorded: a proper flag still goes through
    flag_ok(flagger, pid, "spam")


def test_visitor_cannot_flag(members, client):
    (author, _), = members(1)
    _, pid = new_thread(author)
    r = client().post("/posts/%d/flag" % pid, data={"reason": "spam"})
    assert r.status_code == 401, r.status_code      # a POST to log in first
    assert "Location" not in r.headers


def test_author_is_never_told_who_flagged(members, trusted_members, moderator):
    (author, account), = members(1)
    flaggers = trusted_members(3)
    tid, _ = new_thread(author)
    pid = reply(author, tid, "Some words that others do not like.")
    for c, a in flaggers:
        flag_ok(c, pid, "abuse", "Flagged by %s" % a.username)
    assert posts_seen(author, tid)[pid]["status"] == "hidden"  # hidden by the flags

    names = [a.username for _, a in flaggers]
    for path in ("/t/%d" % tid, "/t/%d.json" % tid, "/u/%s" % account.username,
                 "/u/%s.json" % account.username, "/", "/index.json",
                 "/posts/%d/edit" % pid):
        r = author.get(path)
        assert r.status_code == 200, path
        for name in names:
            assert name not in r.text, "%s shows the flagger %s to the author" % (path, name)
    # the moderator does see who flagged
    mod, _ = moderator
    assert sorted(f["flagger"] for f in item(mod, pid)["flags"]) == sorted(names)


def test_three_flags_from_distinct_members_hide_a_post(members, trusted_members, moderator):
    (host, _), (author, _) = members(2)
    flaggers = trusted_members(3)
    tid, _ = new_thread(host)
    body = "Cheap watches, visit my shop %s" % th.unique_name("w")
    pid = reply(author, tid, body)
    for c, _ in flaggers:
        # still there for everyone until the third flag
        assert pid in posts_seen(visitor(host), tid)
        flag_ok(c, pid, "spam")

    assert pid not in posts_seen(visitor(host), tid)
    assert body not in visitor(host).get("/t/%d" % tid).text
    assert pid not in posts_seen(host, tid)
    assert pid not in posts_seen(flaggers[0][0], tid)
    assert visitor(host).get("/t/%d.json" % tid).json()["thread"]["reply_count"] == 0

    mine = posts_seen(author, tid)[pid]
    assert mine["status"] == "hidden"
    assert mine["mod_note"] == text("en", "mod.hidden_by_flags")
    page = th.visible_text(author.get("/t/%d" % tid).text)
    assert body in page
    assert text("en", "mod.hidden_by_flags") in page

    mod, _ = moderator
    e = queued(mod, pid)
    assert e["cause"] == "flags"
    assert e["item"]["status"] == "hidden"
    assert [f["reason"] for f in e["flags"]] == ["spam"] * 3


# ================================================================== holds

def test_new_members_first_posts_are_queued_but_visible(member, moderator):
    c, _ = member
    tid, first = new_thread(c)
    second = reply(c, tid)
    third = reply(c, tid)
    seen = posts_seen(visitor(c), tid)
    assert first in seen and second in seen and third in seen

    entries = {e["target_id"]: e for e in queue(moderator[0], type="post")}
    assert entries[first]["cause"] == "new_member"
    assert entries[second]["cause"] == "new_member"
    assert entries[first]["item"]["status"] == "visible"
    assert third not in entries


def test_post_with_more_than_three_links_is_held(members, moderator):
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    pid = reply(author, tid, FOUR_LINKS)

    assert pid not in posts_seen(visitor(host), tid)
    assert pid not in posts_seen(host, tid)
    assert visitor(host).get("/t/%d.json" % tid).json()["thread"]["reply_count"] == 0
    assert posts_seen(author, tid)[pid]["status"] == "held"
    page = th.visible_text(author.get("/t/%d" % tid).text)
    assert text("en", "thread.held") in page
    assert "shop.example/c" in page

    e = queued(moderator[0], pid)
    assert e["cause"] == "links"
    assert e["item"]["status"] == "held"


def test_post_with_three_links_is_not_held(members, moderator):
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    pid = reply(author, tid, THREE_LINKS)
    assert pid in posts_seen(visitor(host), tid)
    assert queued(moderator[0], pid)["cause"] == "new_member"


def test_held_new_thread_is_hidden_until_approved(member, moderator):
    c, _ = member
    title = "Offers %s" % th.unique_name("o")
    tid, pid = new_thread(c, title=title, body=FOUR_LINKS, category="cafe")
    v = visitor(c)
    assert v.get("/t/%d" % tid).status_code == 404
    before = v.get("/c/cafe.json").json()
    assert tid not in [t["id"] for t in before["threads"]]
    assert c.get("/t/%d" % tid).status_code == 200  # its author still reads it

    mod, mod_account = moderator
    act_ok(mod, ["post:%d:held" % pid], "approve", from_queue=True)
    assert v.get("/t/%d" % tid).status_code == 200
    after = v.get("/c/cafe.json").json()
    assert tid in [t["id"] for t in after["threads"]]
    assert after["category"]["thread_count"] == before["category"]["thread_count"] + 1
    assert after["category"]["post_count"] == before["category"]["post_count"] + 1
    logged(mod, mod_account.username, "approve", "post", pid)


def a_word(prefix):
    return "%s%s" % (prefix, th.unique_name("").replace("_", "x"))


def test_watched_word_block_refuses_the_reply_and_keeps_the_text(members, watched):
    word = a_word("blk")
    watched("block", word=word)
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    for body in ("This has %s inside." % word, "SHOUTING %s NOW" % word.upper()):
        r = try_reply(author, tid, body)
        assert r.status_code == 400
        assert text("en", "err.blocked_word") in th.visible_text(r.text)
        assert textarea(r.text) == body
    assert [p for p in posts_seen(author, tid).values() if word in p["html"].lower()] == []
    # a word that merely contains it is fine
    reply(author, tid, "This has x%s inside." % word)


def test_watched_word_block_refuses_a_new_thread_and_keeps_the_text(member, watched):
    word = a_word("blk")
    watched("block", word=word)
    c, _ = member
    title, body = "A question %s" % th.unique_name("q"), "Why is %s here?" % word
    r = c.form("/t/new", {"category": "cafe", "title": title, "body": body}, page="/t/new")
    assert r.status_code == 400
    assert text("en", "err.blocked_word") in th.visible_text(r.text)
    assert th.input_value(r.text, "title") == title
    assert textarea(r.text) == body


def test_watched_word_block_applies_to_thread_titles(member, watched):
    word = a_word("blk")
    watched("block", word=word)
    c, _ = member
    title = "All about %s" % word
    r = c.form("/t/new", {"category": "cafe", "title": title, "body": "Nothing wrong here."},
               page="/t/new")
    assert r.status_code == 400
    assert th.input_value(r.text, "title") == title
    assert title not in visitor(c).get("/c/cafe").text


def test_watched_word_block_applies_to_edits(member, watched):
    word = a_word("blk")
    c, _ = member
    tid, pid = new_thread(c, body="Clean text to begin with.")
    watched("block", word=word)
    r = c.form("/posts/%d/edit" % pid, {"body": "Now with %s." % word},
               page="/posts/%d/edit" % pid)
    assert r.status_code == 400
    assert text("en", "err.blocked_word") in th.visible_text(r.text)
    assert textarea(r.text) == "Now with %s." % word
    title = "Renamed to %s" % word
    r = c.form("/posts/%d/edit" % pid, {"body": "Clean text.", "title": title},
               page="/posts/%d/edit" % pid)
    assert r.status_code == 400
    assert th.field_errors(r.text).get("title") == text("en", "err.blocked_word")
    assert th.input_value(r.text, "title") == title
    assert word not in visitor(c).get("/t/%d" % tid).text
    assert word not in visitor(c).get("/c/cafe").text


def test_watched_word_replace_stores_the_replacement(stack, members, watched):
    word = a_word("rpl")
    watched("replace", "[kind word]", word=word)
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    pid = reply(author, tid, "You are a %s, really." % word)
    seen = posts_seen(visitor(host), tid)[pid]
    assert word not in seen["html"]
    assert "[kind word]" in seen["html"]
    assert stack.sql("SELECT body FROM posts WHERE id = %d" % pid) == [
        ["You are a [kind word], really."]]


def test_watched_word_hold_holds_the_post(members, moderator, watched):
    word = a_word("hld")
    watched("hold", word=word)
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    pid = reply(author, tid, "Have you heard of %s?" % word)
    assert pid not in posts_seen(visitor(host), tid)
    assert posts_seen(author, tid)[pid]["status"] == "held"
    assert text("en", "thread.held") in th.visible_text(author.get("/t/%d" % tid).text)
    e = queued(moderator[0], pid)
    assert e["cause"] == "watched_word"
    assert word in e["detail"]


SPANISH = "No me gusta nada esta cafetera: la tapa de %s se rompe y gotea."
ENGLISH = "I do not like this kettle at all: the lid of %s breaks and it leaks."


def test_spanish_watched_word_holds_only_spanish_posts(members, moderator, watched):
    word = a_word("es")
    watched("hold", word=word, lang="es")
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    spanish = reply(author, tid, SPANISH % word)
    english = reply(author, tid, ENGLISH % word)
    seen = posts_seen(visitor(host), tid)
    assert spanish not in seen
    assert english in seen
    e = queued(moderator[0], spanish)
    assert e["cause"] == "watched_word" and word in e["detail"]
    # the English one is only a new member's post
    assert queued(moderator[0], english)["cause"] == "new_member"


def test_english_watched_word_blocks_only_english_posts(members, watched):
    word = a_word("en")
    watched("block", word=word, lang="en")
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    r = try_reply(author, tid, ENGLISH % word)
    assert r.status_code == 400
    assert text("en", "err.blocked_word") in th.visible_text(r.text)
    assert reply(author, tid, SPANISH % word) in posts_seen(visitor(host), tid)


def test_watched_word_for_every_language_applies_to_both(members, moderator, watched):
    word = a_word("any")
    watched("hold", word=word)
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    spanish = reply(author, tid, SPANISH % word)
    english = reply(author, tid, ENGLISH % word)
    # a text whose language cannot be told meets every word
    bare = reply(author, tid, word)
    seen = posts_seen(visitor(host), tid)
    for pid in (spanish, english, bare):
        assert pid not in seen
        assert queued(moderator[0], pid)["cause"] == "watched_word"


def test_spanish_word_with_an_undetermined_text_still_applies(members, moderator, watched):
    word = a_word("es")
    watched("hold", word=word, lang="es")
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    pid = reply(author, tid, "%s!!" % word)
    assert pid not in posts_seen(visitor(host), tid)


def test_words_page_shows_and_keeps_the_language(moderator, watched):
    mod, _ = moderator
    word = a_word("lng")
    watched("hold", word=word, lang="es")
    listed = [w for w in mod.get("/mod/words.json").json()["words"] if w["word"] == word]
    assert [w["lang"] for w in listed] == ["es"]
    for ui, name in (("en", "Spanish"), ("es", "Español")):
        page = mod.get("/mod/words", headers={"Accept-Language": ui}).text
        row = re.search(r"<tr><td>%s</td><td>([^<]*)</td>" % word, page)
        assert row, "no row for %s" % word
        assert row.group(1) == text(ui, "mod.lang_es") == name
        assert text(ui, "mod.lang_hint") in htmllib.unescape(page)
    # the same word for English is another word; the language is kept when
    # the form is refused
    r = mod.form("/mod/words", {"word": word, "lang": "es", "action": "replace"},
                 page="/mod/words")
    assert r.status_code == 400
    assert re.search(r'<option value="es" selected>', r.text)
    watched("block", word=word, lang="en")
    langs = sorted(w["lang"] for w in mod.get("/mod/words.json").json()["words"]
                   if w["word"] == word)
    assert langs == ["en", "es"]


def test_words_page_refuses_an_unknown_language(moderator):
    mod, _ = moderator
    r = mod.form("/mod/words", {"word": a_word("xx"), "lang": "fr", "action": "hold"},
                 page="/mod/words")
    assert r.status_code == 400
    assert "lang" in th.field_errors(r.text)


def test_words_page_refuses_a_duplicate_and_a_replace_without_replacement(moderator, watched):
    mod, _ = moderator
    word = a_word("dup")
    watched("hold", word=word)
    r = mod.form("/mod/words", {"word": word, "lang": "any", "action": "block"},
                 page="/mod/words")
    assert r.status_code == 409
    assert th.field_errors(r.text).get("word") == text("en", "mod.err.word_taken")
    r = mod.form("/mod/words", {"word": a_word("rep"), "lang": "any", "action": "replace"},
                 page="/mod/words")
    assert r.status_code == 400
    assert th.field_errors(r.text).get("replacement") == text("en", "err.required")


def test_removed_watched_word_no_longer_applies(members, moderator):
    mod, _ = moderator
    word = a_word("gone")
    r = mod.form("/mod/words", {"word": word, "lang": "any", "action": "block"},
                 page="/mod/words")
    assert r.status_code == 303
    wid = [w["id"] for w in mod.get("/mod/words.json").json()["words"] if w["word"] == word][0]
    assert mod.form("/mod/words/%d/delete" % wid, {}, page="/mod/words").status_code == 303
    assert word not in mod.get("/mod/words").text
    (author, _), = members(1)
    new_thread(author, body="Mentioning %s is fine now." % word)


# ================================================================== the queue

@pytest.mark.parametrize("path", ["/mod", "/mod.json", "/mod/words", "/mod/item/post/1",
                                  "/mod/log", "/mod/log.csv"])
def test_member_cannot_open_moderation_pages(member, path):
    c, _ = member
    assert c.get(path).status_code == 403


def test_member_cannot_act_or_add_words(members):
    (author, _), (other, _) = members(2)
    _, pid = new_thread(author)
    r = send(other, "/mod/action", [("item", "post:%d" % pid), ("action", "hide"),
                                     ("reason", REASON)])
    assert r.status_code == 403
    r = other.form("/mod/words", {"word": a_word("x"), "lang": "any", "action": "block"})
    assert r.status_code == 403
    assert pid in posts_seen(visitor(author), _tid_of(author, pid))


def _tid_of(c, pid):
    r = c.get("/posts/%d/edit.json" % pid)
    assert r.status_code == 200, r.text
    return r.json()["post"]["thread_id"]


def test_visitor_is_sent_to_log_in_for_the_queue(client):
    r = client().get("/mod")
    assert r.status_code == 303
    assert r.headers["Location"] == "/login?next=%2Fmod"


def test_queue_is_oldest_first(stack, members, moderator):
    (a, _), (b, _), (c, _) = members(3)
    _, newest = new_thread(a)
    _, oldest = new_thread(b)
    _, middle = new_thread(c)
    # as if written two hours and one hour ago
    stack.sql("UPDATE mod_queue SET created_at = created_at - INTERVAL 2 HOUR "
              "WHERE target_type = 'post' AND target_id = %d" % oldest)
    stack.sql("UPDATE mod_queue SET created_at = created_at - INTERVAL 1 HOUR "
              "WHERE target_type = 'post' AND target_id = %d" % middle)
    order = [i for i in ids(queue(moderator[0])) if i in (oldest, middle, newest)]
    assert order == [oldest, middle, newest]


def test_a_new_flag_keeps_a_waiting_items_place_in_the_queue(stack, members, moderator):
    (a, _), (b, _), (flagger, _) = members(3)
    _, waiting = new_thread(a)
    _, later = new_thread(b)
    # queued two hours and one hour ago
    stack.sql("UPDATE mod_queue SET created_at = created_at - INTERVAL 2 HOUR "
              "WHERE target_type = 'post' AND target_id = %d" % waiting)
    stack.sql("UPDATE mod_queue SET created_at = created_at - INTERVAL 1 HOUR "
              "WHERE target_type = 'post' AND target_id = %d" % later)
    flag_ok(flagger, waiting, "spam")
    order = [i for i in ids(queue(moderator[0])) if i in (waiting, later)]
    assert order == [waiting, later]


def test_queue_filters_by_kind_and_flag_reason(members, moderator):
    (author, _), (flagger, _) = members(2)
    tid, spam = new_thread(author)
    abuse = reply(author, tid)
    flag_ok(flagger, spam, "spam")
    flag_ok(flagger, abuse, "abuse")
    mod, _ = moderator
    by_spam = queue(mod, reason="spam")
    assert spam in ids(by_spam) and abuse not in ids(by_spam)
    assert all(any(f["reason"] == "spam" for f in e["flags"]) for e in by_spam)
    by_abuse = ids(queue(mod, reason="abuse", type="post"))
    assert abuse in by_abuse and spam not in by_abuse
    posts = queue(mod, type="post")
    assert spam in ids(posts) and all(e["target_type"] == "post" for e in posts)
    assert spam not in ids(queue(mod, type="review"))
    assert mod.get("/mod?type=thing").status_code == 400
    assert mod.get("/mod?reason=rude").status_code == 400
    assert mod.get("/mod?type=post|review").status_code == 400
    assert mod.get("/mod?reason=spam|abuse").status_code == 400


def test_queue_entry_shows_context_flags_and_author_history(members, moderator):
    (author, account), (flagger, _) = members(2)
    title = "Context thread %s" % th.unique_name("c")
    tid, first = new_thread(author, title=title, body="The opening words of the thread.")
    pid = reply(author, tid, "The reply that gets flagged.")
    mod, _ = moderator
    act_ok(mod, [first], "warn")  # a past action on the account
    flag_ok(flagger, pid, "abuse", "Insults another member")

    e = queued(mod, pid, type="post")
    assert e["item"]["title"] == title
    assert e["item"]["context"] == "Café"
    assert [b["html"] for b in e["item"]["before"]] == ["<p>The opening words of the thread.</p>\n"]
    assert [(f["reason"], f["note"]) for f in e["flags"]] == [("abuse", "Insults another member")]
    assert e["author"]["username"] == account.username
    assert e["author"]["posts"] == 2
    assert e["author"]["actions"] == 1
    assert "joined_at" in e["author"]

    # and the queue page shows it all
    # (its place among entries of every kind: reviews and ideas share the pages)
    position = [(q["target_type"], q["target_id"]) for q in queue(mod)].index(("post", pid))
    html = mod.get("/mod?page=%d" % (position // 25 + 1)).text
    shown = th.visible_text(html)
    assert title in shown
    assert "The reply that gets flagged." in shown
    assert text("en", "mod.r_abuse") in shown and "Insults another member" in shown
    assert account.username in shown
    assert text("en", "mod.cause_flags") in shown
    assert 'value="post:%d:visible"' % pid in html


# ================================================================== actions

def test_approve_makes_a_held_post_visible(members, moderator):
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    pid = reply(author, tid, FOUR_LINKS)
    mod, account = moderator
    r = act_ok(mod, [pid], "approve", from_queue=True)
    assert r.headers["Location"].startswith("/mod?done=1")
    v = visitor(host)
    assert posts_seen(v, tid)[pid]["status"] == "visible"
    assert v.get("/t/%d.json" % tid).json()["thread"]["reply_count"] == 1
    assert queued(mod, pid) is None
    row = logged(mod, account.username, "approve", "post", pid)
    assert "held" in row["detail"] and "visible" in row["detail"]


def test_hide_removes_a_post_and_tells_its_author_why(members, moderator):
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    body = "Something rude %s" % th.unique_name("r")
    pid = reply(author, tid, body)
    mod, account = moderator
    act_ok(mod, [pid], "hide", reason="Personal attack on another member")
    assert pid not in posts_seen(visitor(host), tid)
    assert body not in visitor(host).get("/t/%d" % tid).text
    mine = posts_seen(author, tid)[pid]
    assert mine["status"] == "hidden"
    page = th.visible_text(author.get("/t/%d" % tid).text)
    assert "Personal attack on another member" in page and body in page
    logged(mod, account.username, "hide", "post", pid, "Personal attack on another member")


def test_delete_removes_a_post_and_its_author_keeps_the_text(members, moderator):
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    body = "Off-topic rant %s" % th.unique_name("d")
    pid = reply(author, tid, body)
    mod, account = moderator
    act_ok(mod, [pid], "delete", reason="Spam link farm")
    assert pid not in posts_seen(visitor(host), tid)
    assert posts_seen(author, tid)[pid]["status"] == "deleted"
    page = th.visible_text(author.get("/t/%d" % tid).text)
    assert "Spam link farm" in page and body in page
    assert text("en", "thread.deleted") in page
    logged(mod, account.username, "delete", "post", pid, "Spam link farm")


def test_restore_brings_a_deleted_post_back(members, moderator):
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    pid = reply(author, tid)
    mod, account = moderator
    act_ok(mod, [pid], "delete")
    act_ok(mod, [pid], "restore", reason="Deleted by mistake")
    v = visitor(host)
    assert posts_seen(v, tid)[pid]["status"] == "visible"
    assert v.get("/t/%d.json" % tid).json()["thread"]["reply_count"] == 1
    page = th.visible_text(author.get("/t/%d" % tid).text)
    assert REASON not in page  # the removal note is gone with the removal
    logged(mod, account.username, "restore", "post", pid, "Deleted by mistake")


def test_edit_changes_the_text_and_keeps_a_revision(stack, members, moderator):
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    pid = reply(author, tid, "Call me at 555-0100 for a deal")
    mod, account = moderator
    act_ok(mod, [pid], "edit", reason="Removed a phone number", body="Call me for a deal")
    seen = posts_seen(visitor(host), tid)[pid]
    assert seen["html"] == "<p>Call me for a deal</p>\n"
    assert "edited_at" in seen
    assert stack.sql("SELECT old_body FROM post_revisions WHERE post_id = %d" % pid) == [
        ["Call me at 555-0100 for a deal"]]
    logged(mod, account.username, "edit", "post", pid, "Removed a phone number")


def test_edit_without_a_new_text_is_400(members, moderator):
    (author, _), = members(1)
    tid, pid = new_thread(author, body="Original words")
    assert act(moderator[0], [pid], "edit").status_code == 400
    assert posts_seen(visitor(author), tid)[pid]["html"] == "<p>Original words</p>\n"


def test_warn_is_recorded_against_the_author(stack, members, moderator):
    (author, account), = members(1)
    _, pid = new_thread(author)
    mod, mod_account = moderator
    act_ok(mod, [pid], "warn", reason="Please keep it civil")
    row = logged(mod, mod_account.username, "warn", "user", user_id(stack, account.username),
                 "Please keep it civil")
    assert str(pid) in row["detail"]
    assert item(mod, pid)["author"]["actions"] == 1
    assert posts_seen(visitor(author), _tid_of(author, pid))[pid]["status"] == "visible"


def test_silenced_member_reads_but_cannot_post(stack, members, moderator):
    (author, account), = members(1)
    tid, pid = new_thread(author)
    mod, mod_account = moderator
    act_ok(mod, [pid], "silence", reason="Cooling off", days="3")
    logged(mod, mod_account.username, "silence", "user", user_id(stack, account.username),
           "Cooling off")

    page = author.get("/t/%d" % tid)
    assert page.status_code == 200
    assert text("en", "err.silenced") in th.visible_text(page.text)  # told, not offered a form
    assert 'action="/t/%d/reply"' % tid not in page.text
    assert author.get("/index.json").json()["me"]["name"] == account.username
    r = try_reply(author, tid, "Let me answer anyway")
    assert r.status_code == 403
    assert text("en", "err.silenced") in th.visible_text(r.text)
    r = author.form("/t/new", {"category": "cafe", "title": "New thread while silenced",
                               "body": "Body"}, page="/t/new")
    assert r.status_code == 403
    assert text("en", "err.silenced") in th.visible_text(r.text)
    r = author.form("/posts/%d/edit" % pid, {"body": "Edited while silenced"},
                    page="/posts/%d/edit" % pid)
    assert r.status_code == 403

    assert "silenced_at" in item(mod, pid)["author"]  # the queue says so

    # the silence ends by itself
    stack.sql("UPDATE users SET silenced_until = UTC_TIMESTAMP() - INTERVAL 1 MINUTE "
              "WHERE username = '%s'" % account.username)
    reply(author, tid, "Back again, and polite")
    assert "silenced_at" not in item(mod, pid)["author"]


def test_silenced_member_cannot_publish_a_profile_bio(stack, client, members):
    # The bio is public text on /u/NAME: silencing stops it as it stops posts,
    # while the member's other settings stay theirs to change.
    (c, account), = members(1)
    settings = {"email": account.email, "lang": "auto", "bio": "Home cook in Sevilla"}
    assert c.form("/settings", settings, page="/settings").status_code == 303
    stack.sql("UPDATE users SET silenced_until = UTC_TIMESTAMP() + INTERVAL 1 DAY "
              "WHERE username = '%s'" % account.username)

    def bio():
        return client().get("/u/%s.json" % account.username).json()["user"]["bio"]

    for new_bio in ("Cheap pills at pills.example", ""):
        r = c.form("/settings", dict(settings, bio=new_bio), page="/settings")
        assert r.status_code == 403
        assert text("en", "err.silenced_bio") in th.visible_text(r.text)
        assert bio() == "Home cook in Sevilla"
    # the same bio with another language is a setting, not a publication;
    # the refusal then comes in the member's language
    assert c.form("/settings", dict(settings, lang="es"), page="/settings").status_code == 303
    r = c.form("/settings", dict(settings, lang="es", bio="Ofertas en pills.example"),
               page="/settings")
    assert r.status_code == 403
    assert text("es", "err.silenced_bio") in th.visible_text(r.text)
    r = c.post("/settings", data={"email": account.email, "lang": "es", "bio": "x"},
               headers={"X-CSRF-Token": c.json_token(), "Accept": "application/json"})
    assert r.status_code == 403 and r.json()["ok"] is False
    assert bio() == "Home cook in Sevilla"

    stack.sql("UPDATE users SET silenced_until = UTC_TIMESTAMP() - INTERVAL 1 MINUTE "
              "WHERE username = '%s'" % account.username)
    r = c.form("/settings", dict(settings, bio="Back, and polite"), page="/settings")
    assert r.status_code == 303
    assert bio() == "Back, and polite"


def test_suspended_member_is_logged_out_and_cannot_log_in(stack, client, members, moderator):
    (author, account), = members(1)
    tid, pid = new_thread(author)
    mod, mod_account = moderator
    act_ok(mod, [pid], "suspend", reason="Repeated harassment", days="2")
    logged(mod, mod_account.username, "suspend", "user", user_id(stack, account.username),
           "Repeated harassment")

    assert "me" not in author.get("/index.json").json()
    assert author.get("/settings").status_code == 303
    assert try_reply(author, tid, "Still here?").status_code == 401   # logged out
    c = client()
    r = th.login(c, account.username, account.password)
    assert r.status_code == 403
    assert text("en", "err.suspended") in th.visible_text(r.text)
    assert not c.session_cookie

    # the suspension ends by itself
    stack.sql("UPDATE users SET suspended_until = UTC_TIMESTAMP() - INTERVAL 1 MINUTE "
              "WHERE username = '%s'" % account.username)
    c = client()
    th.login_ok(c, account.username, account.password)
    reply(c, tid, "I am back")


ACTIONS = ["approve", "hide", "delete", "restore", "edit", "warn", "silence", "suspend"]


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_needs_a_reason(stack, members, moderator, action):
    (author, account), = members(1)
    tid, pid = new_thread(author, body="Words that stay as they are")
    mod, mod_account = moderator
    for reason in (None, "", "  ", "ok"):
        r = act(mod, [pid], action, reason=reason, body="New words", days="3")
        assert r.status_code == 400, (action, reason)
    r = act(mod, [pid], action, reason=None, body="New words", days="3")
    assert text("en", "mod.err.action") in th.visible_text(r.text)
    assert posts_seen(visitor(author), tid)[pid]["html"] == "<p>Words that stay as they are</p>\n"
    assert author.get("/index.json").json()["me"]["name"] == account.username
    assert log_count(mod, mod_account.username) == 0


def log_count(mod, actor):
    r = mod.get("/mod/log.json", params={"actor": actor})
    assert r.status_code == 200
    return len(r.json().get("log", []))


def test_action_without_an_item_or_with_an_unknown_one(moderator):
    mod, _ = moderator
    assert send(mod, "/mod/action", [("action", "hide"), ("reason", REASON)],
                page="/mod").status_code == 400
    assert act(mod, ["thing:12"], "hide").status_code == 400
    assert act(mod, ["post:abc"], "hide").status_code == 400
    assert act(mod, ["post:-4"], "hide").status_code == 400
    assert act(mod, ["post:12"], "dance").status_code == 400


def test_action_on_an_item_that_does_not_exist_is_404(moderator):
    assert act(moderator[0], ["post:999999999"], "hide").status_code == 404
    assert act(moderator[0], ["post:999999999"], "warn").status_code == 404


def test_bulk_action_handles_every_selected_item(members, moderator):
    (spammer, _), (flagger, _) = members(2)
    tid, first = new_thread(spammer)
    posts = [first, reply(spammer, tid), reply(spammer, tid)]
    for pid in posts:
        flag_ok(flagger, pid, "spam")
    mod, account = moderator
    # asked first (test_moderation_queue_actions.py), then confirmed
    r = act(mod, ["post:%d" % p for p in posts], "delete", reason="Spam wave", from_queue=True)
    assert r.status_code == 200
    assert [posts_seen(spammer, tid)[p]["status"] for p in posts] == ["visible"] * 3
    r = act_ok(mod, ["post:%d" % p for p in posts], "delete", reason="Spam wave",
               from_queue=True, confirm="1")
    assert r.headers["Location"] == "/mod?done=3&conflicts=0"
    assert visitor(spammer).get("/t/%d" % tid).status_code == 404
    seen = posts_seen(spammer, tid)
    assert [seen[p]["status"] for p in posts] == ["deleted"] * 3
    for pid in posts:
        assert queued(mod, pid) is None
        logged(mod, account.username, "delete", "post", pid, "Spam wave")
    page = th.visible_text(mod.get(r.headers["Location"]).text)
    assert text("en", "mod.done") + " 3" in page


def test_two_moderators_acting_at_once_one_wins(stack, client, members, moderator):
    (author, _), = members(1)
    _, pid = new_thread(author)  # queued: a new member's first post
    first, first_account = moderator
    second = client()
    second_account = th.register(second)
    stack.ctl("user", "role", second_account.username, "+moderator")

    pairs = [("item", "post:%d:visible" % pid), ("action", "hide"), ("reason", REASON),
             ("from_queue", "1")]
    calls = [functools.partial(m.post, "/mod/action", data=pairs + [("csrf", m.token("/mod"))])
             for m in (first, second)]
    answers = at_once(calls)
    codes = sorted(a.status_code for a in answers)
    assert codes == [303, 409], codes
    loser = [a for a in answers if a.status_code == 409][0]
    assert text("en", "mod.err.conflict") in th.visible_text(loser.text)
    hides = [a for who in (first_account, second_account)
             for a in log_rows(first, action="hide", actor=who.username)
             if a["target_id"] == pid]
    assert len(hides) == 1


def test_acting_on_an_item_someone_else_changed_is_409(members, moderator):
    (author, _), = members(1)
    tid, pid = new_thread(author)
    mod, _ = moderator
    act_ok(mod, [pid], "hide")
    # a second moderator's page still showed it visible
    r = act(mod, ["post:%d:visible" % pid], "delete")
    assert r.status_code == 409
    assert posts_seen(author, tid)[pid]["status"] == "hidden"


def test_flags_sent_at_the_same_moment_all_count(members, trusted_members, moderator):
    (host, _), (author, _) = members(2)
    flaggers = trusted_members(3)
    tid, _ = new_thread(host)
    pid = reply(author, tid, "Flagged by three at once")
    answers = at_once([functools.partial(c.post, "/posts/%d/flag" % pid,
                                         data={"reason": "spam", "csrf": c.token("/")})
                       for c, _ in flaggers])
    assert [a.status_code for a in answers] == [303] * 3, [a.text[:200] for a in answers]
    e = queued(moderator[0], pid)
    assert len(e["flags"]) == 3
    assert e["item"]["status"] == "hidden"
    assert pid not in posts_seen(visitor(host), tid)


def test_an_edit_from_a_stale_queue_page_changes_nothing(stack, client, members, moderator):
    (author, _), = members(1)
    tid, pid = new_thread(author, body="Words as written")  # queued: a new member's post
    first, first_account = moderator
    second = client()
    second_account = th.register(second)
    stack.ctl("user", "role", second_account.username, "+moderator")
    act_ok(first, [pid], "edit", body="Words as the first moderator left them", from_queue=True)
    # the second moderator's queue page still listed it
    r = act(second, [pid], "edit", body="Words of the second moderator", from_queue=True)
    assert r.status_code == 409
    assert text("en", "mod.err.conflict") in th.visible_text(r.text)
    seen = posts_seen(visitor(author), tid)[pid]
    assert seen["html"] == "<p>Words as the first moderator left them</p>\n"
    assert [row[0] for row in stack.sql(
        "SELECT old_body FROM post_revisions WHERE post_id = %d ORDER BY id" % pid)] == [
        "Words as written"]
    logged(first, first_account.username, "edit", "post", pid)
    assert log_rows(first, actor=second_account.username) == []
