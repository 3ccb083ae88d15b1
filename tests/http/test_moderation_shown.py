"""The write-time rules read what a post shows its readers, not its Markdown
source: links whose address is written with entities or escapes are links,
and a watched word written with an entity or split by emphasis is the word
readers see."""

import re

import pytest

import tertulia_http as th
from tertulia_http import text
from mod_helpers import (members, moderator, new_thread, posts_seen, queued, reply,  # noqa: F401
                         try_reply, visitor, watched)


def six(form):
    return " ".join(form % i for i in range(1, 7))


# Six live links each, in the ways the Markdown source hides "http://"
SIX_LINKS = {
    "entity": six("[x](http&#58;//spam.example/%d)"),
    "hex entity": six("[x](http&#x3a;//spam.example/%d)"),
    "escaped colon": six("[x](http\\://spam.example/%d)"),
    "slash entities": six("[x](http:&#47;&#47;spam.example/%d)"),
    "reference": six("[x][%d]") + "\n\n" + "\n".join(
        "[%d]: http&#58;//spam.example/%d" % (i, i) for i in range(1, 7)),
    "autolinks": six("<https://spam.example/%d>"),
    "images": six("![x](http&#58;//spam.example/%d.png)"),
}


@pytest.mark.parametrize("form", sorted(SIX_LINKS))
def test_links_hidden_in_the_source_still_count(members, moderator, form):
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    pid = reply(author, tid, SIX_LINKS[form])
    # the page would hold six links to spam.example: the post waits
    mine = posts_seen(author, tid)[pid]
    assert len(re.findall(r'(?:href|src)="https?://spam\.example/', mine["html"], re.I)) == 6
    assert mine["status"] == "held"
    assert pid not in posts_seen(visitor(host), tid)
    assert "spam.example" not in visitor(host).get("/t/%d" % tid).text
    e = queued(moderator[0], pid)
    assert e["cause"] == "links"
    assert e["item"]["status"] == "held"


def test_links_to_this_site_do_not_count(members, moderator):
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    pid = reply(author, tid, six("[see](/t/%d)"))
    assert pid in posts_seen(visitor(host), tid)


def word_forms(word):
    """The word as the source can hide it; each shows the word itself."""
    code = ord(word[3])
    return {
        "entity": "%s&#%d;%s" % (word[:3], code, word[4:]),
        "hex entity": "%s&#x%x;%s" % (word[:3], code, word[4:]),
        "emphasis": "%s**%s**" % (word[:3], word[3:]),
        "mixed emphasis": "*%s*_%s_" % (word[:3], word[3:]),
        "raw html": "%s<b></b>%s" % (word[:3], word[3:]),
    }


def a_word(prefix):
    return "%s%s" % (prefix, th.unique_name("").replace("_", "x"))


@pytest.mark.parametrize("form", ["entity", "hex entity", "emphasis", "mixed emphasis",
                                  "raw html"])
def test_blocked_word_hidden_in_the_source_is_refused(members, watched, form):
    word = a_word("blk")
    watched("block", word=word)
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    body = "Buy %s today." % word_forms(word)[form]
    r = try_reply(author, tid, body)
    assert r.status_code == 400
    assert text("en", "err.blocked_word") in th.visible_text(r.text)
    assert [p for p in posts_seen(author, tid).values()
            if word in th.visible_text(p["html"]).lower()] == []
    # the same letters apart are two words, and pass
    reply(author, tid, "Buy %s %s today." % (word[:3], word[3:]))


@pytest.mark.parametrize("form", ["entity", "emphasis"])
def test_held_word_hidden_in_the_source_holds_the_post(members, moderator, watched, form):
    word = a_word("hld")
    watched("hold", word=word)
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    pid = reply(author, tid, "Have you heard of %s?" % word_forms(word)[form])
    assert posts_seen(author, tid)[pid]["status"] == "held"
    assert pid not in posts_seen(visitor(host), tid)
    e = queued(moderator[0], pid)
    assert e["cause"] == "watched_word"


@pytest.mark.parametrize("form", ["entity", "emphasis"])
def test_replaced_word_the_source_hides_holds_the_post(members, moderator, watched, form):
    # the replacement is made in the source, where this word cannot be
    # found: readers would see it, so the post waits for a moderator
    word = a_word("rpl")
    watched("replace", "[kind word]", word=word)
    (host, _), (author, _) = members(2)
    tid, _ = new_thread(host)
    pid = reply(author, tid, "You are a %s, really." % word_forms(word)[form])
    assert pid not in posts_seen(visitor(host), tid)
    assert word not in visitor(host).get("/t/%d" % tid).text
    assert queued(moderator[0], pid)["cause"] == "watched_word"
    # written plainly it is still replaced, and the post shows
    pid = reply(author, tid, "You are a **%s**, really." % word)
    seen = posts_seen(visitor(host), tid)[pid]
    assert word not in seen["html"] and "[kind word]" in seen["html"]
