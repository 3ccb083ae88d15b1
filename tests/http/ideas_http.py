"""Helpers of the tests that propose ideas and vote for them: the idea
form posted as a browser posts it, an idea's JSON twin, votes."""

import re

import tertulia_http as th


def try_idea(c, title=None, body="Would make mornings better.", **extra):
    """POSTs the new idea form (confirming past similar ideas); returns the
    answer. The title is a new one unless given."""
    data = {"title": title or "Idea %s" % th.unique_name("t"), "body": body, "confirm": "1"}
    data.update(extra)
    return c.form("/ideas/new", data, page="/ideas/new")


def new_idea(c, title=None, body="Would make mornings better.", **extra):
    """Creates an idea through the form (confirming past similar ideas);
    returns its id."""
    r = try_idea(c, title, body, **extra)
    assert r.status_code == 303, (r.status_code, th.field_errors(r.text) or r.text[:400])
    m = re.fullmatch(r"/ideas/(\d+)", r.headers["Location"])
    assert m, r.headers["Location"]
    return int(m.group(1))


def idea_json(c, idea_id):
    """The JSON twin of an idea's page (asserts 200)."""
    r = c.get("/ideas/%d.json" % idea_id)
    assert r.status_code == 200, r.text[:300]
    return r.json()


def vote_count(c, idea_id):
    return idea_json(c, idea_id)["idea"]["vote_count"]


def try_vote(c, idea_id, undo=False):
    """Votes for an idea through its button (undo: takes the vote back);
    returns the answer."""
    return c.form("/ideas/%d/%s" % (idea_id, "unvote" if undo else "vote"), {}, page="/ideas")


def vote(c, idea_id, undo=False):
    """Votes for an idea (undo: takes the vote back), which must be
    accepted."""
    r = try_vote(c, idea_id, undo)
    assert r.status_code == 303, (r.status_code, th.field_errors(r.text) or r.text[:300])
