"""A preview before posting: the reply and new-thread forms' Preview button
shows the post as it will look (Markdown rendered as posts are), keeps what
was typed and the form's nonce, and posts nothing; Post then posts it once."""
import re

import forum_http as fh
import tertulia_http as th

TEXT = "Probad **esto**:\n\n- desenchufar\n- esperar\n\n<script>alert(1)</script>"


def count_posts(stack, tid):
    return int(stack.sql("SELECT COUNT(*) FROM posts WHERE thread_id = %d" % tid)[0][0])


def test_a_reply_is_previewed_then_posted_once(stack, member):
    c, _ = member
    tid = fh.create_thread(c, "help")
    csrf, nonce = fh.form_fields(c, "/t/%d" % tid)
    r = c.post("/t/%d/reply" % tid, data={"csrf": csrf, "nonce": nonce, "body": TEXT,
                                          "preview": "1"})
    assert r.status_code == 200
    preview = re.search(r'<section class="preview".*?</section>', r.text, re.S).group(0)
    assert th.text("en", "compose.preview_heading") in preview
    assert "<strong>esto</strong>" in preview and "<li>desenchufar</li>" in preview
    assert "<script>" not in preview                       # rendered as posts are: no raw HTML
    assert th.input_value(r.text, "nonce") == nonce         # the same form
    assert "Probad **esto**" in r.text                      # the text kept in the textarea
    assert count_posts(stack, tid) == 1                     # nothing posted
    r = c.post("/t/%d/reply" % tid, data={"csrf": csrf, "nonce": nonce, "body": TEXT})
    assert r.status_code == 303
    assert count_posts(stack, tid) == 2


def test_a_new_thread_is_previewed_in_spanish(stack, member):
    c, _ = member
    c.post("/lang", data={"lang": "es", "csrf": c.token("/")})
    csrf, nonce = fh.form_fields(c, "/t/new")
    title = "Vista previa %s" % th.unique_name("p")
    r = c.post("/t/new", data={"csrf": csrf, "nonce": nonce, "category": "help",
                               "title": title, "body": TEXT, "preview": "1"})
    assert r.status_code == 200
    assert th.text("es", "compose.preview_heading") in r.text
    assert "<strong>esto</strong>" in r.text
    assert th.input_value(r.text, "title") == title
    assert stack.sql("SELECT COUNT(*) FROM threads WHERE title = '%s'" % title) == [["0"]]


def test_an_empty_preview_is_refused_like_an_empty_post(member):
    c, _ = member
    tid = fh.create_thread(c, "help")
    csrf, nonce = fh.form_fields(c, "/t/%d" % tid)
    r = c.post("/t/%d/reply" % tid, data={"csrf": csrf, "nonce": nonce, "body": " ",
                                          "preview": "1"})
    assert r.status_code == 400 and "preview-h" not in r.text
