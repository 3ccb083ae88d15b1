"""The forum over HTTP: threads, replies, quotes, edits with revisions,
soft deletes, likes, answers, JSON twins, JSON-LD, posting limits, views,
and bad input to a new thread or a reply (bad fields, missing, hidden or
locked threads, double submits), each refused with a clear error and
nothing typed lost."""

import re
import time

import pytest

import forum_http as fh
import tertulia_http as th
from tertulia_http import field_errors, input_value, text


@pytest.fixture
def author(member):
    """A freshly registered member (client, account) who writes threads."""
    return member


@pytest.fixture
def other(client):
    """Another freshly registered member: (client, account)."""
    c = client()
    return c, th.register(c)


def unique_title(prefix="Thread"):
    return "%s %s" % (prefix, th.unique_name("t"))


# ------------------------------------------------------------ threads

def test_create_thread_redirects_to_it_and_lists_it(stack, author, client):
    c, account = author
    title = unique_title("Kettle question")
    r = fh.post_thread(c, "help", title, "My kettle whistles at night.")
    tid = fh.thread_id_of(r)

    page = c.get("/t/%d" % tid)
    assert page.status_code == 200
    assert re.search(r'<h1 class="thread-heading">%s' % re.escape(title), page.text)
    (opening,) = fh.posts(page.text)
    assert opening["author"] == account.username and opening["position"] == 1
    assert opening["text"] == "My kettle whistles at night."

    visitor = client()
    assert (tid, title) in fh.thread_rows(visitor.get("/c/help").text)
    assert (tid, title) in fh.thread_rows(visitor.get("/").text)
    assert tid in [t["id"] for t in visitor.get("/c/help.json").json()["threads"]]
    assert tid in [t["id"] for t in visitor.get("/index.json").json()["latest"]]
    # the address with the slug works too
    slug = visitor.get("/t/%d.json" % tid).json()["thread"]["slug"]
    assert slug.startswith("kettle-question-")
    assert visitor.get("/t/%d/%s" % (tid, slug)).status_code == 200


def test_new_thread_form_preselects_the_category(author):
    c, _ = author
    r = c.get("/t/new?c=recipes")
    assert r.status_code == 200
    assert fh.selected_option(r.text, "category") == "recipes"
    assert re.fullmatch(r"[0-9a-f]{32}", input_value(r.text, "nonce"))


def test_title_fields_state_the_limit_the_gate_checks(author):
    """The title inputs say in maxlength the 150 characters the gate
    accepts, on the forum's and the ideas' forms."""
    c, _ = author
    for path in ("/t/new", "/ideas/new"):
        page = c.get(path).text
        m = re.search(r'<input id="title"[^>]*maxlength="([^"]*)"', page)
        assert m and m.group(1) == "150", (path, m and m.group(0))


def test_new_thread_form_needs_login(client):
    r = client().get("/t/new")
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/login?next=")


def test_thread_markdown_is_rendered_safely(author):
    c, _ = author
    body = ("Some **bold** words, a [good link](https://example.com/kx), "
            "a [bad link](javascript:alert(1)) and <script>alert('x')</script> raw HTML.\n\n"
            "- one\n- two")
    tid = fh.create_thread(c, "help", unique_title("Markdown"), body)
    (opening,) = fh.posts(c.get("/t/%d" % tid).text)
    html = opening["body_html"]
    assert "<strong>bold</strong>" in html
    assert '<a rel="nofollow ugc" href="https://example.com/kx">good link</a>' in html
    assert "bad link" in html and "javascript:" not in html
    assert "<script" not in html.lower() and "alert('x')</script>" not in html
    assert "<li>one</li>" in html
    # the same HTML in the JSON twin
    twin = c.get("/t/%d.json" % tid).json()
    assert twin["posts"][0]["html"].strip() == html.strip()


def test_markup_in_titles_is_shown_as_text(author, client):
    c, _ = author
    title = '<img src=x onerror=alert(1)> & "quotes" %s' % th.unique_name("t")
    tid = fh.create_thread(c, "help", title, "Body.")
    for path in ("/t/%d" % tid, "/c/help", "/", "/search?q=onerror&type=thread"):
        page = client().get(path).text
        assert "<img src=x" not in page, path
        assert (tid, title) in fh.thread_rows(page) or \
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;" in page, path
    assert client().get("/t/%d.json" % tid).json()["thread"]["title"] == title


def test_staff_posts_carry_a_staff_badge(client):
    # demo thread "La cafetera KX-200 no calienta el agua": staff answers
    page = client().get("/t/2")
    assert page.status_code == 200
    found = fh.posts(page.text)
    assert [p["author"] for p in found if p["staff"]] == ["staff"]
    assert text("en", "thread.staff") in fh.post_of(page.text, [
        p["id"] for p in found if p["author"] == "staff"][0])["html"]


# ------------------------------------------------------------ replies

def test_reply_appears_in_the_thread_and_counts(author, other, client):
    c, account = author
    o, oacc = other
    tid = fh.create_thread(c, "cafe")
    before = client().get("/t/%d.json" % tid).json()["thread"]["reply_count"]
    r = fh.post_reply(o, tid, "I have the *same* question.")
    pid = fh.reply_id_of(r, tid)
    page = o.get("/t/%d" % tid)
    reply = fh.post_of(page.text, pid)
    assert reply["author"] == oacc.username and reply["position"] == 2
    assert reply["body_html"].strip() == "<p>I have the <em>same</em> question.</p>"
    twin = client().get("/t/%d.json" % tid).json()
    assert twin["thread"]["reply_count"] == before + 1
    home = client().get("/index.json").json()
    assert [t["reply_count"] for t in home["latest"] if t["id"] == tid] == [1]


def test_quote_shows_the_quoted_author_and_text(author, other):
    c, account = author
    o, _ = other
    tid = fh.create_thread(c, "help", body="The light keeps blinking **orange**.")
    opening = fh.posts(c.get("/t/%d" % tid).text)[0]["id"]
    # the quote button leads to the reply form with the quote in its box,
    # as Markdown the member may edit: author, link, text
    page = o.get("/t/%d" % tid).text
    assert 'href="/t/%d?quote=%d#reply"' % (tid, opening) in page
    form = o.get("/t/%d?quote=%d" % (tid, opening))
    assert input_value(form.text, "quote") == str(opening)
    box = fh.textarea(form.text, "body")
    assert box == "> **@%s** [%s](/t/%d#p%d):\n>\n> The light keeps blinking **orange**.\n\n" % (
        account.username, text("en", "thread.wrote"), tid, opening)
    # no post number a page never shows
    assert "#%d" % opening not in th.visible_text(form.text.replace(fh.textarea(form.text, "body"),
                                                                  ""))
    pid = fh.create_reply(o, tid, box + "Mine too, since the update.", quote_id=opening)
    reply = fh.post_of(o.get("/t/%d" % tid).text, pid)
    html = reply["body_html"]
    assert html.startswith("<blockquote>"), html
    quote = html[:html.index("</blockquote>")]
    assert "@%s" % account.username in quote
    assert 'href="/t/%d#p%d"' % (tid, opening) in quote
    assert "The light keeps blinking <strong>orange</strong>." in quote
    assert "Mine too, since the update." in html[html.index("</blockquote>"):]


def test_quote_is_what_the_member_kept_of_it(author, other):
    c, account = author
    o, _ = other
    tid = fh.create_thread(c, "help", body="First line stays.\n\nSecond line goes.")
    opening = fh.posts(c.get("/t/%d" % tid).text)[0]["id"]
    box = fh.textarea(o.get("/t/%d?quote=%d" % (tid, opening)).text, "body")
    assert "Second line goes." in box
    kept = box[:box.index("Second line goes.")].rstrip("> \n") + "\n\nOnly the first line matters."
    pid = fh.create_reply(o, tid, kept, quote_id=opening)
    html = fh.post_of(o.get("/t/%d" % tid).text, pid)["body_html"]
    assert html.count("<blockquote>") == 1
    assert "First line stays." in html and "Second line goes." not in html
    assert "Only the first line matters." in html


def test_quote_in_spanish_says_who_wrote_in_spanish(author, other):
    c, account = author
    o, _ = other
    tid = fh.create_thread(c, "help", body="Se apaga sola.")
    opening = fh.posts(c.get("/t/%d" % tid).text)[0]["id"]
    assert o.form("/lang", {"lang": "es", "next": "/"}).status_code == 303
    box = fh.textarea(o.get("/t/%d?quote=%d" % (tid, opening)).text, "body")
    assert box.startswith("> **@%s** [%s](" % (account.username, text("es", "thread.wrote")))


def test_quote_of_a_post_the_member_may_not_see_fills_nothing(stack, author, other, client):
    c, _ = author
    o, _ = other
    hidden = fh.create_thread(c, "cafe")
    secret = fh.create_reply(c, hidden, "Out of sight since a moderator came.")
    hide_thread(stack, hidden)
    tid = fh.create_thread(o, "cafe")
    for quoted in (secret, 999999999):
        r = o.get("/t/%d?quote=%d" % (tid, quoted))
        assert r.status_code == 200
        assert fh.textarea(r.text, "body") == ""
        assert 'name="quote"' not in r.text
        assert text("en", "thread.quote_missing") in th.visible_text(r.text)
        assert "Out of sight since" not in r.text
    # a visitor gets no reply box, and nothing of the post
    r = client().get("/t/%d?quote=%d" % (tid, secret))
    assert fh.textarea(r.text, "body") is None and "Out of sight since" not in r.text


def test_quote_of_a_missing_post_is_refused_and_keeps_the_text(author):
    c, _ = author
    tid = fh.create_thread(c, "help")
    r = fh.post_reply(c, tid, "my words about it", quote_id=999999999)
    assert r.status_code == 400
    assert field_errors(r.text) == {"quote": text("en", "err.no_post")}
    assert fh.textarea(r.text, "body") == "my words about it"


# ------------------------------------------------------------ edit

def test_edit_own_post_keeps_a_revision(stack, author):
    c, account = author
    title = unique_title("Edit me")
    tid = fh.create_thread(c, "help", title, "First version of the text.")
    pid = fh.posts(c.get("/t/%d" % tid).text)[0]["id"]

    form = c.get("/posts/%d/edit" % pid)
    assert form.status_code == 200
    assert fh.textarea(form.text, "body") == "First version of the text."
    assert input_value(form.text, "title") == title
    r = c.post("/posts/%d/edit" % pid, data={"csrf": th.csrf_of(form.text), "title": title,
                                             "body": "Second version, **better**."})
    assert r.status_code == 303
    assert r.headers["Location"] == "/t/%d#p%d" % (tid, pid)

    post = fh.post_of(c.get("/t/%d" % tid).text, pid)
    assert post["body_html"].strip() == "<p>Second version, <strong>better</strong>.</p>"
    assert post["edited"], "no (edited) mark on the post"
    rows = stack.sql("SELECT r.editor_id = u.id, r.old_body, r.old_title IS NULL, "
                     "r.created_at IS NOT NULL FROM post_revisions r JOIN users u "
                     "ON u.username = '%s' WHERE r.post_id = %d" % (account.username, pid))
    assert rows == [["1", "First version of the text.", "1", "1"]]
    assert fh.one(stack, "SELECT body FROM posts WHERE id = %d" % pid) == \
        "Second version, **better**."


def test_edit_title_of_the_opening_post(stack, author):
    c, _ = author
    old = unique_title("Old title")
    tid = fh.create_thread(c, "help", old, "Body stays.")
    pid = fh.posts(c.get("/t/%d" % tid).text)[0]["id"]
    new = unique_title("New title")
    r = fh.post_action(c, "/posts/%d/edit" % pid, {"title": new, "body": "Body stays."},
                       page="/posts/%d/edit" % pid)
    assert r.status_code == 303
    assert c.get("/t/%d.json" % tid).json()["thread"]["title"] == new
    assert stack.sql("SELECT old_title, old_body FROM post_revisions WHERE post_id = %d"
                     % pid) == [[old, "Body stays."]]


def test_edit_with_bad_input_keeps_what_was_typed(stack, author):
    c, _ = author
    tid = fh.create_thread(c, "help", body="Original.")
    pid = fh.posts(c.get("/t/%d" % tid).text)[0]["id"]
    typed = "x" * 20001
    r = fh.post_action(c, "/posts/%d/edit" % pid, {"body": typed}, page="/posts/%d/edit" % pid)
    assert r.status_code == 400
    assert field_errors(r.text) == {"body": text("en", "err.too_long", 20000)}
    assert fh.textarea(r.text, "body") == typed
    assert fh.one(stack, "SELECT body FROM posts WHERE id = %d" % pid) == "Original."
    assert fh.count(stack, "SELECT COUNT(*) FROM post_revisions WHERE post_id = %d" % pid) == 0


def test_edit_of_someone_elses_post_is_forbidden(stack, author, other):
    c, _ = author
    o, _ = other
    tid = fh.create_thread(c, "help", body="Mine, not yours.")
    pid = fh.posts(c.get("/t/%d" % tid).text)[0]["id"]
    assert o.get("/posts/%d/edit" % pid).status_code == 403
    r = fh.post_action(o, "/posts/%d/edit" % pid, {"body": "Vandalised"})
    assert r.status_code == 403
    assert text("en", "err.not_yours") in th.visible_text(r.text)
    assert fh.one(stack, "SELECT body FROM posts WHERE id = %d" % pid) == "Mine, not yours."
    assert fh.count(stack, "SELECT COUNT(*) FROM post_revisions WHERE post_id = %d" % pid) == 0


def test_moderator_may_edit_and_it_is_audited(stack, author, as_demo):
    c, _ = author
    tid = fh.create_thread(c, "help", body="Buy cheap watches at spam.example")
    pid = fh.posts(c.get("/t/%d" % tid).text)[0]["id"]
    mod = as_demo("moderadora")
    r = fh.post_action(mod, "/posts/%d/edit" % pid, {"body": "(link removed)"})
    assert r.status_code == 303
    assert fh.posts(c.get("/t/%d" % tid).text)[0]["text"] == "(link removed)"
    assert fh.count(stack, "SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.actor_id "
                    "WHERE u.username = 'moderadora' AND a.action = 'edit' "
                    "AND a.target_id = %d" % pid) == 1


# ------------------------------------------------------------ delete

def test_delete_own_reply_is_soft(stack, author, other, client):
    c, _ = author
    o, _ = other
    tid = fh.create_thread(c, "cafe")
    pid = fh.create_reply(o, tid, "A reply I regret.")
    assert client().get("/t/%d.json" % tid).json()["thread"]["reply_count"] == 1
    r = fh.post_action(o, "/posts/%d/delete" % pid)
    assert r.status_code == 303
    assert r.headers["Location"] == "/t/%d" % tid
    for viewer in (client(), c, o):
        page = viewer.get("/t/%d" % tid)
        assert fh.post_of(page.text, pid) is None
        assert "A reply I regret." not in page.text
    assert fh.one(stack, "SELECT status FROM posts WHERE id = %d" % pid) == "deleted"
    assert fh.one(stack, "SELECT body FROM posts WHERE id = %d" % pid) == "A reply I regret."
    assert client().get("/t/%d.json" % tid).json()["thread"]["reply_count"] == 0
    # deleting it again: it is gone
    assert fh.post_action(o, "/posts/%d/delete" % pid).status_code == 404


def test_delete_someone_elses_post_is_forbidden(stack, author, other):
    c, _ = author
    o, _ = other
    tid = fh.create_thread(c, "cafe")
    pid = fh.posts(c.get("/t/%d" % tid).text)[0]["id"]
    assert fh.post_action(o, "/posts/%d/delete" % pid).status_code == 403
    assert fh.one(stack, "SELECT status FROM posts WHERE id = %d" % pid) == "visible"


def test_deleting_the_opening_post_removes_the_thread(stack, author, client):
    c, _ = author
    title = unique_title("Short-lived")
    tid = fh.create_thread(c, "cafe", title)
    pid = fh.posts(c.get("/t/%d" % tid).text)[0]["id"]
    r = fh.post_action(c, "/posts/%d/delete" % pid)
    assert r.status_code == 303 and r.headers["Location"] == "/"
    assert client().get("/t/%d" % tid).status_code == 404
    assert (tid, title) not in fh.thread_rows(client().get("/c/cafe").text)
    assert fh.one(stack, "SELECT status FROM threads WHERE id = %d" % tid) == "deleted"


# ------------------------------------------------------------ likes

def test_like_once_per_member_and_undo(stack, author, other):
    c, _ = author
    o, _ = other
    tid = fh.create_thread(c, "cafe")
    pid = fh.posts(c.get("/t/%d" % tid).text)[0]["id"]

    def likes():
        return fh.post_of(o.get("/t/%d" % tid).text, pid)["likes"]

    r = fh.post_action(o, "/posts/%d/like" % pid)
    assert r.status_code == 303
    assert r.headers["Location"] == "/t/%d#p%d" % (tid, pid)
    assert likes() == 1
    assert 'aria-pressed="true"' in fh.post_of(o.get("/t/%d" % tid).text, pid)["html"]
    # the like is the liker's: marked in their page's twin, not in others'
    assert [p.get("liked") for p in o.get("/t/%d.json" % tid).json()["posts"]] == [1]
    assert "liked" not in c.get("/t/%d.json" % tid).json()["posts"][0]
    assert fh.post_action(o, "/posts/%d/like" % pid).status_code == 303
    assert likes() == 1
    assert fh.count(stack, "SELECT COUNT(*) FROM post_likes WHERE post_id = %d" % pid) == 1
    assert o.get("/t/%d.json" % tid).json()["thread"]["like_count"] == 1
    assert fh.post_action(o, "/posts/%d/like" % pid, {"undo": "1"}).status_code == 303
    assert likes() == 0
    assert 'aria-pressed="true"' not in fh.post_of(o.get("/t/%d" % tid).text, pid)["html"]
    assert fh.count(stack, "SELECT COUNT(*) FROM post_likes WHERE post_id = %d" % pid) == 0
    assert o.get("/t/%d.json" % tid).json()["thread"]["like_count"] == 0
    # undoing again changes nothing
    assert fh.post_action(o, "/posts/%d/like" % pid, {"undo": "1"}).status_code == 303
    assert likes() == 0


def test_counts_of_one_read_in_the_singular(author, other):
    c, _ = author
    o, _ = other
    tid = fh.create_thread(c, "cafe")
    pid = fh.create_reply(o, tid, "One reply.")
    assert fh.post_action(c, "/posts/%d/like" % pid).status_code == 303
    shown = th.visible_text(o.get("/t/%d" % tid).text)
    assert "1 like " in shown + " " and "1 reply " in shown + " "
    assert "1 likes" not in shown and "1 replies" not in shown


def test_like_own_post_is_forbidden(stack, author):
    c, _ = author
    tid = fh.create_thread(c, "cafe")
    pid = fh.posts(c.get("/t/%d" % tid).text)[0]["id"]
    r = fh.post_action(c, "/posts/%d/like" % pid)
    assert r.status_code == 403
    assert text("en", "err.own_like") in th.visible_text(r.text)
    assert fh.count(stack, "SELECT COUNT(*) FROM post_likes WHERE post_id = %d" % pid) == 0
    # and no like button is offered on one's own post
    assert "/posts/%d/like" % pid not in c.get("/t/%d" % tid).text


def test_like_a_missing_post_is_not_found(other):
    o, _ = other
    assert fh.post_action(o, "/posts/999999999/like").status_code == 404


# ------------------------------------------------------------ answers

def answer_section(page_html):
    m = re.search(r'<section class="answer".*?</section>', page_html, re.S)
    return m.group(0) if m else None


def test_author_marks_the_answer_and_it_is_shown_first(author, other, client):
    c, account = author
    o, oacc = other
    title = unique_title("How do I descale")
    tid = fh.create_thread(c, "help", title, "The KX-200 says **descale**. How?")
    fh.create_reply(c, tid, "Anyone?")
    answer = fh.create_reply(o, tid, "Hold the power button for 5 seconds.")
    assert fh.jsonld(client().get("/t/%d" % tid).text)["@type"] == "DiscussionForumPosting"

    r = fh.post_action(c, "/t/%d/solve" % tid, {"post": str(answer)}, page="/t/%d" % tid)
    assert r.status_code == 303 and r.headers["Location"] == "/t/%d" % tid

    page = client().get("/t/%d" % tid).text
    section = answer_section(page)
    assert section, "no answer section"
    assert page.index(section) < page.index('<ol class="posts">')
    assert "Hold the power button for 5 seconds." in section
    assert oacc.username in section
    assert "tag-solved" in fh.post_of(page, answer)["html"]
    ld = fh.jsonld(page)
    assert ld["@context"] == "https://schema.org"
    assert ld["@type"] == "QAPage"
    q = ld["mainEntity"]
    assert q["@type"] == "Question" and q["name"] == title
    assert q["text"].strip() == "The KX-200 says descale. How?"
    assert q["answerCount"] == 2
    assert q["author"]["name"] == account.username
    assert q["acceptedAnswer"]["@type"] == "Answer"
    assert q["acceptedAnswer"]["text"].strip() == "Hold the power button for 5 seconds."
    assert q["acceptedAnswer"]["author"]["name"] == oacc.username
    # lists show it solved
    assert [t["solved"] for t in client().get("/index.json").json()["latest"]
            if t["id"] == tid] == [1]

    # and it can be unmarked
    r = fh.post_action(c, "/t/%d/solve" % tid, {"post": "0"}, page="/t/%d" % tid)
    assert r.status_code == 303
    page = client().get("/t/%d" % tid).text
    assert answer_section(page) is None
    assert fh.jsonld(page)["@type"] == "DiscussionForumPosting"


def test_another_member_cannot_mark_the_answer(author, other, client):
    c, _ = author
    o, _ = other
    tid = fh.create_thread(c, "help")
    answer = fh.create_reply(o, tid, "My own answer is the best.")
    r = fh.post_action(o, "/t/%d/solve" % tid, {"post": str(answer)})
    assert r.status_code == 403
    assert client().get("/t/%d.json" % tid).json()["thread"].get("solved_post_id") is None
    assert "/t/%d/solve" % tid not in o.get("/t/%d" % tid).text


def test_staff_may_mark_the_answer(author, other, as_demo, client):
    c, _ = author
    o, _ = other
    tid = fh.create_thread(c, "help")
    answer = fh.create_reply(o, tid, "Try resetting it.")
    staff = as_demo("staff")
    assert "/t/%d/solve" % tid in staff.get("/t/%d" % tid).text
    r = fh.post_action(staff, "/t/%d/solve" % tid, {"post": str(answer)})
    assert r.status_code == 303
    assert client().get("/t/%d.json" % tid).json()["answer"]["id"] == answer


@pytest.mark.parametrize("which", ["opening", "other_thread", "missing"])
def test_only_a_reply_of_the_thread_can_be_the_answer(author, which, client):
    c, _ = author
    tid = fh.create_thread(c, "help")
    post = {
        "opening": lambda: fh.posts(c.get("/t/%d" % tid).text)[0]["id"],
        "other_thread": lambda: fh.create_reply(c, fh.create_thread(c, "help"), "Elsewhere."),
        "missing": lambda: 999999999,
    }[which]()
    r = fh.post_action(c, "/t/%d/solve" % tid, {"post": str(post)})
    assert r.status_code == 400
    assert "answer" not in client().get("/t/%d.json" % tid).json()


# ------------------------------------------------------------ JSON-LD

def test_thread_page_carries_discussion_forum_posting(stack, author, client):
    c, account = author
    title = 'Quotes "and" <tags> & ampersands'
    tid = fh.create_thread(c, "help", title, "Text with </script><script>alert(1)</script> in it.")
    page = client().get("/t/%d" % tid).text
    # the JSON-LD cannot end its script early
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert "<" not in script.group(1)
    ld = fh.jsonld(page)
    slug = client().get("/t/%d.json" % tid).json()["thread"]["slug"]
    assert ld["@context"] == "https://schema.org"
    assert ld["@type"] == "DiscussionForumPosting"
    assert ld["headline"] == title
    assert ld["url"] == "%s/t/%d/%s" % (stack.url, tid, slug)
    assert ld["author"] == {"@type": "Person", "name": account.username}
    assert "Text with" in ld["text"] and "in it." in ld["text"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", ld["datePublished"])
    assert ld["commentCount"] == 0


def test_demo_solved_question_is_a_qa_page(client):
    # demo: "How do I pair the SmartScale with my phone?" is solved
    page = client().get("/t/3").text
    ld = fh.jsonld(page)
    assert ld["@type"] == "QAPage"
    assert ld["mainEntity"]["name"] == "How do I pair the SmartScale with my phone?"
    assert "tare button" in ld["mainEntity"]["acceptedAnswer"]["text"]


# ------------------------------------------------------------ JSON twins and API

def test_thread_json_twin_has_what_the_page_shows(client):
    c = client()
    page = c.get("/t/2").text
    twin = c.get("/t/2.json")
    assert twin.status_code == 200
    assert twin.headers["Content-Type"].startswith("application/json")
    data = twin.json()
    shown = fh.posts(page)
    assert [(p["id"], p["position"], p["author"]) for p in data["posts"]] == \
        [(p["id"], p["position"], p["author"]) for p in shown]
    assert [p["html"].strip() for p in data["posts"]] == [p["body_html"].strip() for p in shown]
    assert data["thread"]["title"] == "La cafetera KX-200 no calienta el agua"
    assert data["thread"]["category_slug"] == "help"
    assert data["thread"]["reply_count"] == len(shown) - 1
    assert data["page"] == 1 and data["pages"] == 1
    # no private data of the posts' authors
    assert "password_hash" not in twin.text and "@example.com" not in twin.text


def test_create_thread_and_reply_as_json(author, client):
    c, account = author
    token = c.json_token()
    headers = {"X-CSRF-Token": token, "Accept": "application/json"}
    title = unique_title("Via the API")
    r = c.post("/t/new", data={"category": "help", "title": title, "body": "Sent as **JSON**."},
               headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert body["ok"] is True and isinstance(body["id"], int)
    assert body["url"] == "/t/%d" % body["id"]
    tid = body["id"]
    assert client().get("/t/%d.json" % tid).json()["thread"]["title"] == title

    r = c.post("/t/%d/reply" % tid, data={"body": "A reply by API."}, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] is True
    assert body["url"] == "/t/%d#p%d" % (tid, body["id"])
    posts = client().get("/t/%d.json" % tid).json()["posts"]
    assert posts[-1]["id"] == body["id"] and posts[-1]["author"] == account.username


def test_json_errors_name_the_field(author):
    c, _ = author
    headers = {"X-CSRF-Token": c.json_token(), "Accept": "application/json"}
    r = c.post("/t/new", data={"category": "help", "title": "ab", "body": "x"}, headers=headers)
    assert r.status_code == 400
    body = r.json()
    assert body["ok"] is False
    assert body["errors"] == {"title": text("en", "err.too_short", 3)}
    r = c.post("/t/999999999/reply", data={"body": "x"}, headers=headers)
    assert r.status_code == 404
    assert r.json()["ok"] is False


def test_json_post_without_token_is_refused(author):
    c, _ = author
    r = c.post("/t/new", data={"category": "help", "title": unique_title(), "body": "x"},
               headers={"Accept": "application/json"})
    assert r.status_code == 403


# ------------------------------------------------------------ bad input

NEW_THREAD_BAD = [
    # (id, field, value, raw percent-encoded value, message key, n)
    ("empty-title", "title", "", None, "err.required", None),
    ("blank-title", "title", "   ", None, "err.required", None),
    ("short-title", "title", "ab", None, "err.too_short", 3),
    ("two-line-title", "title", "two\nlines", None, "err.control", None),
    ("long-title", "title", "x" * 151, None, "err.too_long", 150),
    ("long-title-chars", "title", "ñ" * 151, None, "err.too_long", 150),
    ("empty-body", "body", "", None, "err.required", None),
    ("blank-body", "body", " \n\t\n ", None, "err.required", None),
    ("long-body", "body", "y" * 20001, None, "err.too_long", 20000),
    ("utf8-title", "title", None, "Caf%FF%FE title", "err.utf8", None),
    ("utf8-body", "body", None, "bad %FF byte", "err.utf8", None),
    ("control-title", "title", None, "abc%01def", "err.control", None),
    ("control-body", "body", None, "bell%07here", "err.control", None),
    ("unknown-category", "category", "no-such-category", None, "err.no_category", None),
    ("bad-category", "category", "Not A Slug!", None, "err.slug", None),
    ("no-category", "category", "", None, "err.required", None),
]


@pytest.mark.parametrize("field,value,raw,key,n", [b[1:] for b in NEW_THREAD_BAD],
                         ids=[b[0] for b in NEW_THREAD_BAD])
def test_new_thread_bad_input_keeps_what_was_typed(stack, author, field, value, raw, key, n):
    c, _ = author
    typed = {"category": "help", "title": unique_title("Kept"),
             "body": "A body **worth** keeping\nover two lines."}
    if value is not None:
        typed[field] = value
    r = fh.post_thread(c, typed["category"], typed["title"], typed["body"],
                       raw={field: raw} if raw is not None else None)
    assert r.status_code == 400, r.text[:300]
    assert field_errors(r.text) == {field: text("en", key, n)}
    # the other fields show what was typed
    if field != "title":
        assert input_value(r.text, "title") == typed["title"]
    if field != "body":
        assert fh.textarea(r.text, "body") == typed["body"]
    if field != "category":
        assert fh.selected_option(r.text, "category") == "help"
    # the field in error is marked for screen readers
    assert re.search(r'name="%s"[^>]*aria-invalid="true"' % field, r.text)
    if field != "title":
        assert fh.count(stack, "SELECT COUNT(*) FROM threads WHERE title = '%s'"
                        % typed["title"]) == 0


def test_new_thread_bad_input_keeps_the_nonce(author):
    """The form shown again must carry the same nonce, so that correcting it
    and submitting makes one thread, not two."""
    c, _ = author
    csrf, nonce = fh.form_fields(c, "/t/new")
    r = c.post("/t/new", data={"csrf": csrf, "nonce": nonce, "category": "help",
                               "title": "ab", "body": "text"})
    assert r.status_code == 400
    assert input_value(r.text, "nonce") == nonce


def test_title_of_150_multibyte_characters_is_accepted(stack, author):
    c, _ = author
    title = "ñ" * 150
    tid = fh.thread_id_of(fh.post_thread(c, "help", title, "Characters, not bytes."))
    assert c.get("/t/%d.json" % tid).json()["thread"]["title"] == title
    assert fh.one(stack, "SELECT CHAR_LENGTH(title) FROM threads WHERE id = %d" % tid) == "150"


def test_body_of_20000_multibyte_characters_is_accepted(stack, author):
    c, _ = author
    body = "é" * 20000
    tid = fh.thread_id_of(fh.post_thread(c, "help", unique_title("Long"), body))
    assert fh.one(stack, "SELECT CHAR_LENGTH(body) FROM posts WHERE thread_id = %d" % tid) == \
        "20000"


def test_body_with_tabs_and_newlines_is_accepted(author):
    c, _ = author
    body = "Line one\r\nLine two\n\n\tindented code\n"
    tid = fh.create_thread(c, "help", body=body)
    html = fh.posts(c.get("/t/%d" % tid).text)[0]["body_html"]
    assert "<pre><code>indented code\n</code></pre>" in html


REPLY_BAD = [
    ("empty", "", None, "err.required", None),
    ("long", "z" * 20001, None, "err.too_long", 20000),
    ("utf8", None, "caf%C3", "err.utf8", None),
    ("control", None, "nul%00byte", "err.control", None),
]


@pytest.mark.parametrize("value,raw,key,n", [b[1:] for b in REPLY_BAD],
                         ids=[b[0] for b in REPLY_BAD])
def test_reply_bad_input_keeps_what_was_typed(stack, author, value, raw, key, n):
    c, _ = author
    tid = fh.create_thread(c, "cafe")
    r = fh.post_reply(c, tid, value if value is not None else "",
                      raw={"body": raw} if raw is not None else None)
    assert r.status_code == 400
    assert field_errors(r.text) == {"body": text("en", key, n)}
    if value:
        assert fh.textarea(r.text, "body") == value
    assert fh.count(stack, "SELECT COUNT(*) FROM posts WHERE thread_id = %d" % tid) == 1


def test_reply_bad_input_keeps_the_nonce_and_quote(author):
    c, _ = author
    tid = fh.create_thread(c, "cafe")
    opening = fh.posts(c.get("/t/%d" % tid).text)[0]["id"]
    csrf, nonce = fh.form_fields(c, "/t/%d" % tid)
    r = c.post("/t/%d/reply" % tid, data={"csrf": csrf, "nonce": nonce, "body": "",
                                          "quote": str(opening)})
    assert r.status_code == 400
    assert input_value(r.text, "nonce") == nonce
    assert input_value(r.text, "quote") == str(opening)


def test_missing_thread_is_not_found(author, client):
    c, _ = author
    for path in ("/t/999999999", "/t/999999999/some-slug", "/t/999999999.json"):
        r = client().get(path)
        assert r.status_code == 404, path
    r = client().get("/t/999999999")
    assert text("en", "error.404.title") in th.visible_text(r.text)
    r = fh.post_action(c, "/t/999999999/reply", {"body": "Hello?"})
    assert r.status_code == 404


@pytest.mark.parametrize("status", ["hidden", "deleted", "held"])
def test_thread_not_visible_is_not_found(stack, author, other, client, status):
    c, _ = author
    o, _ = other
    title = unique_title("Soon %s" % status)
    tid = fh.create_thread(c, "cafe", title)
    stack.sql("UPDATE threads SET status = '%s' WHERE id = %d" % (status, tid))
    for viewer in (client(), o):
        assert viewer.get("/t/%d" % tid).status_code == 404
        assert viewer.get("/t/%d.json" % tid).status_code == 404
    assert (tid, title) not in fh.thread_rows(client().get("/c/cafe").text)
    assert (tid, title) not in fh.thread_rows(client().get("/").text)
    r = fh.post_action(o, "/t/%d/reply" % tid, {"body": "Can I still reply?"})
    assert r.status_code == 404
    assert fh.count(stack, "SELECT COUNT(*) FROM posts WHERE thread_id = %d" % tid) == 1


def hide_thread(stack, tid):
    """Hides a thread the way a moderator's action leaves it: the thread and
    its opening post hidden, the replies as they were."""
    stack.sql("UPDATE threads SET status = 'hidden' WHERE id = %d" % tid)
    stack.sql("UPDATE posts SET status = 'hidden' WHERE thread_id = %d AND position = 1" % tid)


def test_quote_of_a_post_in_a_hidden_thread_is_refused(stack, author, other):
    c, _ = author
    o, _ = other
    hidden = fh.create_thread(c, "cafe")
    secret = fh.create_reply(c, hidden, "Words a moderator took out of sight.")
    hide_thread(stack, hidden)
    tid = fh.create_thread(o, "cafe")
    r = fh.post_reply(o, tid, "Look what they wrote:", quote_id=secret)
    assert r.status_code == 400
    assert field_errors(r.text) == {"quote": text("en", "err.no_post")}
    assert fh.textarea(r.text, "body") == "Look what they wrote:"
    assert fh.count(stack, "SELECT COUNT(*) FROM posts WHERE body LIKE "
                    "'%%Words a moderator took%%' AND thread_id <> %d" % hidden) == 0


def test_posts_of_a_hidden_thread_cannot_be_liked(stack, author, other):
    c, _ = author
    o, _ = other
    tid = fh.create_thread(c, "cafe")
    reply = fh.create_reply(c, tid, "A reply in a thread about to be hidden.")
    hide_thread(stack, tid)
    assert fh.post_action(o, "/posts/%d/like" % reply).status_code == 404
    assert fh.count(stack, "SELECT COUNT(*) FROM post_likes WHERE post_id = %d" % reply) == 0


def test_reply_to_a_locked_thread_is_refused_and_keeps_the_text(stack, author, other):
    c, _ = author
    o, _ = other
    tid = fh.create_thread(c, "cafe")
    csrf, nonce = fh.form_fields(o, "/t/%d" % tid)  # the form was open...
    stack.sql("UPDATE threads SET locked = 1 WHERE id = %d" % tid)  # ...when it was locked
    typed = "I wrote this **carefully** before it was locked."
    r = o.post("/t/%d/reply" % tid, data={"csrf": csrf, "nonce": nonce, "body": typed})
    assert r.status_code == 403
    assert field_errors(r.text) == {"body": text("en", "err.locked")}
    assert fh.textarea(r.text, "body") == typed
    assert text("en", "thread.locked_note") in th.visible_text(r.text)
    assert fh.count(stack, "SELECT COUNT(*) FROM posts WHERE thread_id = %d" % tid) == 1
    # a locked thread offers no reply form
    page = o.get("/t/%d" % tid).text
    assert 'action="/t/%d/reply"' % tid not in page


def test_moderator_may_reply_to_a_locked_thread(stack, author, as_demo):
    c, _ = author
    tid = fh.create_thread(c, "cafe")
    stack.sql("UPDATE threads SET locked = 1 WHERE id = %d" % tid)
    mod = as_demo("moderadora")
    fh.create_reply(mod, tid, "Locked: see the announcement.")


def test_double_submit_of_a_thread_makes_one(stack, author):
    c, _ = author
    title = unique_title("Twice")
    csrf, nonce = fh.form_fields(c, "/t/new")
    fields = {"csrf": csrf, "nonce": nonce, "category": "help", "title": title, "body": "Once."}
    first = c.post("/t/new", data=fields)
    second = c.post("/t/new", data=fields)
    tid = fh.thread_id_of(first)
    assert fh.thread_id_of(second) == tid
    assert fh.count(stack, "SELECT COUNT(*) FROM threads WHERE title = '%s'" % title) == 1
    assert fh.count(stack, "SELECT COUNT(*) FROM posts WHERE thread_id = %d" % tid) == 1


def test_double_submit_of_a_reply_makes_one(stack, author):
    c, _ = author
    tid = fh.create_thread(c, "help")
    csrf, nonce = fh.form_fields(c, "/t/%d" % tid)
    fields = {"csrf": csrf, "nonce": nonce, "body": "Only once please."}
    first = c.post("/t/%d/reply" % tid, data=fields)
    second = c.post("/t/%d/reply" % tid, data=fields)
    pid = fh.reply_id_of(first, tid)
    assert second.status_code == 303
    assert second.headers["Location"].startswith("/t/%d" % tid)
    assert fh.count(stack, "SELECT COUNT(*) FROM posts WHERE thread_id = %d" % tid) == 2
    assert c.get("/t/%d.json" % tid).json()["thread"]["reply_count"] == 1
    assert [p["id"] for p in fh.posts(c.get("/t/%d" % tid).text)][1:] == [pid]


def test_the_same_nonce_from_two_members_makes_two_posts(stack, author, other):
    """A nonce guards one member's double submit, never another's post."""
    c, _ = author
    o, _ = other
    tid = fh.create_thread(c, "help")
    _, nonce = fh.form_fields(c, "/t/%d" % tid)
    fh.reply_id_of(fh.post_reply(c, tid, "From the author.", nonce=nonce), tid)
    fh.reply_id_of(fh.post_reply(o, tid, "From the other.", nonce=nonce), tid)
    assert fh.count(stack, "SELECT COUNT(*) FROM posts WHERE thread_id = %d" % tid) == 3


def test_a_reply_sent_twice_is_made_once_and_both_lead_to_it(stack, author):
    """The second submit of one form (a double click, a retry after a lost
    answer) makes nothing more and lands on the same post."""
    c, _ = author
    tid = fh.create_thread(c, "help")
    _, nonce = fh.form_fields(c, "/t/%d" % tid)
    first = fh.post_reply(c, tid, "Sent twice.", nonce=nonce)
    again = fh.post_reply(c, tid, "Sent twice.", nonce=nonce)
    assert again.status_code == 303
    assert again.headers["Location"] == first.headers["Location"]
    assert fh.reply_id_of(again, tid) == fh.reply_id_of(first, tid)
    assert fh.count(stack, "SELECT COUNT(*) FROM posts WHERE thread_id = %d" % tid) == 2


def test_browser_post_with_its_origin_header_is_accepted(stack, author):
    """Browsers send Origin on every form POST; ours (with its port) is
    accepted, another site's is refused."""
    c, _ = author
    title = unique_title("From a browser")
    r = fh.post_thread(c, "help", title, "Origin header sent.",
                       headers={"Origin": stack.url})
    fh.thread_id_of(r)
    r = fh.post_thread(c, "help", unique_title("Forged"), "From elsewhere.",
                       headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    port = stack.url.rsplit(":", 1)[1]
    r = fh.post_thread(c, "help", unique_title("Wrong port"), "Same host, other port.",
                       headers={"Origin": "http://127.0.0.1:%d" % (int(port) + 1)})
    assert r.status_code == 403


def test_posting_needs_login(client):
    c = client()
    csrf = c.token("/")
    r = c.post("/t/new", data={"csrf": csrf, "category": "help", "title": "Anonymous",
                               "body": "x"})
    assert r.status_code == 401, r.status_code      # a POST to log in first
    r = c.post("/t/2/reply", data={"csrf": csrf, "body": "x"})
    assert r.status_code == 401, r.status_code


# ------------------------------------------------------------ posting limits

def test_new_member_thread_limit(stack, author):
    c, _ = author
    for i in range(3):
        fh.create_thread(c, "cafe", unique_title("Day one %d" % i))
    title = unique_title("One too many")
    r = fh.post_thread(c, "cafe", title, "The fourth thread today.")
    assert r.status_code == 429
    assert field_errors(r.text) == {"title": text("en", "err.limit_threads", 3)}
    assert input_value(r.text, "title") == title
    assert fh.textarea(r.text, "body") == "The fourth thread today."
    assert fh.count(stack, "SELECT COUNT(*) FROM threads WHERE title = '%s'" % title) == 0


def test_established_members_have_no_daily_limit(as_demo):
    c = as_demo("lucia")
    for i in range(4):
        fh.create_thread(c, "cafe", unique_title("Lucia %d" % i))


# ------------------------------------------------------------ 20 posts a page

LONG_WORD = "zorblax%s" % th.RUN


@pytest.fixture(scope="module")
def long_thread(stack):
    """A thread of 45 posts written by several demo members through the
    forms, each holding LONG_WORD: (thread id, post ids, where the last
    reply's POST sent its writer)."""
    writers = []
    for name in ("john", "maria", "lucia", "oliver"):
        c = th.Client(stack.url)
        th.login_ok(c, name)
        writers.append(c)
    tid = fh.create_thread(writers[0], "recipes", "Long thread %s" % th.RUN,
                           "Post 1 about %s." % LONG_WORD)
    ids = [fh.posts(writers[0].get("/t/%d" % tid).text)[0]["id"]]
    for n in range(2, 46):
        r = fh.post_reply(writers[n % 4], tid, "Post %d about %s." % (n, LONG_WORD))
        ids.append(fh.reply_id_of(r, tid))
    yield tid, ids, r.headers["Location"]
    for c in writers:
        c.close()


def test_thread_pages_hold_20_posts(long_thread, client):
    tid, ids, _ = long_thread
    c = client()
    seen = []
    for page in (1, 2, 3):
        r = c.get("/t/%d?page=%d" % (tid, page))
        assert r.status_code == 200
        found = fh.posts(r.text)
        assert len(found) == (20 if page < 3 else 5), page
        seen += found
        twin = c.get("/t/%d.json?page=%d" % (tid, page)).json()
        assert [p["id"] for p in twin["posts"]] == [p["id"] for p in found]
        assert twin["page"] == page and twin["pages"] == 3
    assert [p["position"] for p in seen] == list(range(1, 46))
    assert [p["id"] for p in seen] == ids
    assert [p["text"] for p in seen] == ["Post %d about %s." % (n, LONG_WORD)
                                         for n in range(1, 46)]
    # the pager leads on and back
    page2 = c.get("/t/%d?page=2" % tid).text
    assert 'href="/t/%d?page=1"' % tid in page2 and 'href="/t/%d?page=3"' % tid in page2


def test_reply_redirect_goes_to_the_page_of_the_reply(long_thread):
    tid, ids, location = long_thread
    assert location == "/t/%d?page=3#p%d" % (tid, ids[-1])


@pytest.mark.parametrize("page,shown", [("4", 3), ("99", 3), ("99999999999999999999", 3),
                                        ("0", 1), ("-1", 1), ("abc", 1), ("1.5", 1)])
def test_thread_page_past_the_end_or_not_a_number(long_thread, client, page, shown):
    # past the end is the last page; what is not a page number, the first
    tid = long_thread[0]
    r = client().get("/t/%d?page=%s" % (tid, page))
    assert r.status_code == 200, page
    found = [p["position"] for p in fh.posts(r.text)]
    assert found == (list(range(41, 46)) if shown == 3 else list(range(1, 21))), page
    assert client().get("/t/%d.json?page=%s" % (tid, page)).json()["page"] == shown


# ------------------------------------------------------------ views

def test_views_grow_eventually(author, client):
    c, _ = author
    tid = fh.create_thread(c, "cafe")
    viewer = client()
    start = viewer.get("/t/%d.json" % tid).json()["thread"]["views"]
    for _ in range(5):
        assert viewer.get("/t/%d" % tid).status_code == 200
    # counts are written in batches, every 10 s per worker
    deadline = time.monotonic() + 12
    shown = start
    while time.monotonic() < deadline:
        page = viewer.get("/t/%d" % tid).text
        m = re.search(r'<p class="meta">\d+ %s · (\d+) %s</p>' % (
            text("en", "forum.replies"), text("en", "forum.views")), page)
        assert m, "no view count on the page"
        shown = int(m.group(1))
        if shown > start:
            break
        time.sleep(1)
    assert shown > start, "views stayed at %d" % shown
