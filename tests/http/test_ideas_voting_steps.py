"""The steps around votes that a member sees: the new-idea form's duplicate
step (nothing is posted while similar ideas exist until the member says
so; each similar idea can get their vote instead; what they typed is kept),
and voting, or taking the vote back, from the list of ideas, which leads
back to the same page of the list with a message."""

import html as htmllib
import re

import pytest

from ideas_http import idea_json, new_idea
import tertulia_http as th
from tertulia_http import text, visible_text

# a title that is like one of the demo's ideas
LIKE_DEMO = "Quieter PowerBlend blender mode"
STATUS_RE = re.compile(r'<p class="notice notice-ok said" role="status"[^>]*>(.*?)</p>', re.S)


def said(page):
    return [htmllib.unescape(m).strip() for m in STATUS_RE.findall(page)]


def newest_idea_id(c):
    return c.get("/ideas.json?sort=new").json()["ideas"][0]["id"]


def forms_of(page):
    """{action: {field: value}} of the page's POST forms."""
    out = {}
    for action, inner in re.findall(r'<form action="([^"]+)" method="post"[^>]*>(.*?)</form>',
                                    page, re.S):
        fields = {}
        for tag in re.findall(r"<input\b[^>]*>", inner):
            name = re.search(r'\bname="([^"]*)"', tag)
            value = re.search(r'\bvalue="([^"]*)"', tag)
            if name:
                fields[name.group(1)] = htmllib.unescape(value.group(1)) if value else ""
        out[htmllib.unescape(action)] = fields
    return out


def in_spanish(c):
    r = c.form("/lang", {"lang": "es", "next": "/"}, page="/")
    assert r.status_code == 303
    c.get("/")      # the switch's own message, used up


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_duplicate_step_says_nothing_is_posted_and_keeps_the_text(client, lang):
    c = client()
    th.register(c)
    if lang == "es":
        in_spanish(c)
    before = newest_idea_id(c)
    body = "Typed with care, %s: a night mode that whispers." % th.unique_name("b")
    r = c.form("/ideas/new", {"title": LIKE_DEMO, "body": body, "step": "submit"},
               page="/ideas/new")
    assert r.status_code == 200
    assert newest_idea_id(c) == before                      # nothing posted
    page = r.text
    # the notice comes first, before the form, and says it was not posted
    notice = page.index(text(lang, "ideas.dup.heading"))
    assert notice < page.index('<form action="/ideas/new"')
    assert 'role="status"' in page[page.rfind("<section", 0, notice):notice]
    assert text(lang, "ideas.dup.title") in re.search(r"<title>(.*?)</title>", page).group(1)
    # each similar idea can get the member's vote instead
    similar = [int(i) for i in re.findall(r'<form action="/ideas/(\d+)/vote"', page)]
    assert similar, visible_text(page)[:500]
    assert visible_text(page).count(text(lang, "ideas.dup.vote_instead")) == len(similar)
    # what was typed is all there, and the form's button now posts it
    form = forms_of(page)["/ideas/new"]
    assert form["title"] == LIKE_DEMO and form["confirm"] == "1"
    assert htmllib.unescape(re.search(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>',
                                      page, re.S).group(1)) == body
    assert text(lang, "ideas.dup.post_anyway") in visible_text(page)
    assert 'name="confirm" value="1"' not in page.replace(
        '<input type="hidden" name="confirm" value="1">', "")   # no unticked box
    # sending the form as it is posts the idea, which says so
    form["body"] = body
    form["step"] = "submit"
    r = c.post("/ideas/new", data=form)
    assert r.status_code == 303, th.field_errors(r.text) or visible_text(r.text)[:300]
    made = int(re.fullmatch(r"/ideas/(\d+)", r.headers["Location"]).group(1))
    assert idea_json(c, made)["idea"]["body"] == body
    assert said(c.get(r.headers["Location"]).text) == [text(lang, "said.idea_posted")]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_voting_for_a_similar_idea_instead(client, lang):
    c = client()
    th.register(c)
    if lang == "es":
        in_spanish(c)
    r = c.form("/ideas/new", {"title": LIKE_DEMO, "body": "Please.", "step": "submit"},
               page="/ideas/new")
    forms = forms_of(r.text)
    target = next(a for a in forms if a.endswith("/vote"))
    idea = int(re.search(r"/ideas/(\d+)/vote", target).group(1))
    votes = idea_json(c, idea)["idea"]["vote_count"]
    v = c.post(target, data=forms[target])
    assert v.status_code == 303
    assert v.headers["Location"] == "/ideas/%d#votes" % idea
    page = c.get(v.headers["Location"])
    assert said(page.text) == [text(lang, "said.vote_added")]
    assert idea_json(c, idea)["idea"]["vote_count"] == votes + 1


def test_a_json_client_is_still_told_with_a_409(client):
    c = client()
    th.register(c)
    r = c.post("/ideas/new", data={"title": LIKE_DEMO, "body": "Please.",
                                   "csrf": c.json_token()},
               headers={"Accept": "application/json"})
    assert r.status_code == 409
    assert r.json()["errors"] == {"confirm": text("en", "ideas.err.confirm")}


# ------------------------------------------------------------------ the list

def row_form(page, idea):
    """(action, fields) of the vote form in the list's row of idea."""
    forms = forms_of(page)
    for action in ("/ideas/%d/vote" % idea, "/ideas/%d/unvote" % idea):
        if action in forms:
            return action, forms[action]
    raise AssertionError("no vote form for idea %d" % idea)


def row_votes(page, idea):
    m = re.search(r'<li class="idea-row" id="idea-%d">\s*<div class="idea-votes"[^>]*>'
                  r'<strong>(\d+)</strong>' % idea, page)
    assert m, "no row for idea %d" % idea
    return int(m.group(1))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_voting_from_the_list_and_taking_it_back(client, lang):
    author = client()
    th.register(author)
    idea = new_idea(author, title="Listed %s" % th.unique_name("i"))
    c = client()
    th.register(c)
    if lang == "es":
        in_spanish(c)
    here = "/ideas?sort=new&status=open"
    page = c.get(here).text
    assert row_votes(page, idea) == 1
    action, fields = row_form(page, idea)
    assert action == "/ideas/%d/vote" % idea and fields["next"] == here
    r = c.post(action, data=fields)
    # back to the same page of the list, at the idea's row, with a message
    assert r.status_code == 303 and r.headers["Location"] == here + "#idea-%d" % idea
    page = c.get(r.headers["Location"]).text
    assert said(page) == [text(lang, "said.vote_added")]
    assert row_votes(page, idea) == 2
    action, fields = row_form(page, idea)
    assert action == "/ideas/%d/unvote" % idea
    assert 'aria-pressed="true"' in page[page.index(action):page.index(action) + 2000]
    # and taken back from there too
    r = c.post(action, data=fields)
    assert r.headers["Location"] == here + "#idea-%d" % idea
    page = c.get(r.headers["Location"]).text
    assert said(page) == [text(lang, "said.vote_removed")]
    assert row_votes(page, idea) == 1
    assert row_form(page, idea)[0] == "/ideas/%d/vote" % idea


def test_the_list_sends_back_only_to_ideas_pages(client):
    author = client()
    th.register(author)
    idea = new_idea(author)
    c = client()
    th.register(c)
    token = c.token("/ideas")
    for away in ("https://elsewhere.example/", "//elsewhere.example/ideas", "/settings",
                 "/ideasx", "/ideas\\..\\x"):
        r = c.post("/ideas/%d/vote" % idea, data={"csrf": token, "next": away})
        assert r.status_code == 303
        assert r.headers["Location"] == "/ideas/%d#votes" % idea, away


def test_visitors_see_no_vote_buttons_on_the_list(client):
    page = client().get("/ideas").text
    assert 'class="idea-row"' in page
    assert not [a for a in forms_of(page) if re.fullmatch(r"/ideas/\d+/(un)?vote", a)]
