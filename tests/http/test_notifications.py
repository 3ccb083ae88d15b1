"""Following and in-app notifications: one follow model with three levels,
authors watching their own threads, @mentions, the /notifications page with
its unread count in the header, grouping, marking read, and nothing of
hidden content shown."""

import re

import pytest

import tertulia_http as th
from tertulia_http import text
from mod_helpers import act_ok, members, moderator, new_thread, reply  # noqa: F401 (fixtures)
from ideas_http import new_idea, vote
from notify_helpers import follow, follow_ok, groups, texts, unread_badge
from reviews_http import new_review


def thread_title(c, tid):
    return c.get("/t/%d.json" % tid).json()["thread"]["title"]


def one(lang, kind, **values):
    s = text(lang, "notify.one." + kind)
    for k, v in values.items():
        s = s.replace("{%s}" % k, str(v))
    return s


def many(lang, kind, **values):
    s = text(lang, "notify.many." + kind)
    for k, v in values.items():
        s = s.replace("{%s}" % k, str(v))
    return s


# ================================================================== following

def test_watching_a_thread_tells_of_every_reply(members):
    (author, _), (watcher, _), (replier, r_acc) = members(3)
    tid, _ = new_thread(author)
    title = thread_title(author, tid)
    assert unread_badge(watcher) == ""
    follow_ok(watcher, "thread", tid, "watch")
    pid = reply(replier, tid, "I have the same question.")

    assert unread_badge(watcher) == "1"
    g = groups(watcher)[0]
    assert g["text"] == one("en", "post", actor=r_acc.username, title=title)
    assert g["unread"] == 1
    assert g["url"] == "/t/%d#p%d" % (tid, pid)
    # and the page shows it, linked to the reply through the link that
    # marks it read
    page = watcher.get("/notifications").text
    assert 'href="/notifications/%d"' % g["id"] in page
    assert watcher.get("/notifications/%d" % g["id"]).headers["Location"] == "/t/%d#p%d" % (tid, pid)
    assert th.visible_text(one("en", "post", actor=r_acc.username, title=title)) in th.visible_text(page)


def test_authors_watch_their_own_threads(members):
    (author, _), (replier, r_acc) = members(2)
    tid, _ = new_thread(author)
    reply(replier, tid)
    assert texts(author) == [one("en", "post", actor=r_acc.username, title=thread_title(author, tid))]
    page = author.get("/t/%d" % tid).text
    assert re.search(r'<option value="watch" selected>', page), "the thread's form shows watching"


def test_nobody_is_told_of_their_own_post(members):
    (author, _), = members(1)
    tid, _ = new_thread(author)
    reply(author, tid, "Adding a detail to my own question.")
    assert groups(author) == []


def test_replies_are_grouped_by_thread(members):
    (author, _), (a, _), (b, _) = members(3)
    tid, _ = new_thread(author)
    title = thread_title(author, tid)  # read before: opening the thread marks it read
    for c in (a, b, a):
        reply(c, tid)
    g = groups(author)
    assert len(g) == 1
    assert g[0]["count"] == 3
    assert g[0]["text"] == many("en", "post", n=3, title=title)
    assert unread_badge(author) == "3"


def test_notifications_come_in_the_members_language(members):
    (author, a_acc), (replier, r_acc) = members(2)
    r = author.form("/settings", {"email": a_acc.email, "lang": "es", "bio": ""}, page="/settings")
    assert r.status_code == 303
    tid, _ = new_thread(author)
    reply(replier, tid)
    assert texts(author) == [one("es", "post", actor=r_acc.username, title=thread_title(author, tid))]
    assert text("es", "notify.heading") in author.get("/notifications").text


def test_mark_one_group_read_then_all(members):
    (author, _), (replier, _) = members(2)
    t1, _ = new_thread(author)
    t2, _ = new_thread(author)
    reply(replier, t1)
    reply(replier, t1)
    reply(replier, t2)
    assert unread_badge(author) == "3"
    first = [g for g in groups(author) if "#p" in g["url"] and g["url"].startswith("/t/%d" % t1)][0]
    r = author.form("/notifications/%d/read" % first["id"], {}, page="/notifications")
    assert r.status_code == 303
    assert unread_badge(author) == "1"
    read = [g for g in groups(author) if g["url"].startswith("/t/%d" % t1)][0]
    assert read["unread"] == 0 and read["count"] == 2
    r = author.form("/notifications/read-all", {}, page="/notifications")
    assert r.status_code == 303
    assert unread_badge(author) == ""
    assert all(g["unread"] == 0 for g in groups(author))
    assert text("en", "notify.all_read") in author.get(r.headers["Location"]).text


def test_someone_elses_notification_cannot_be_marked(members):
    (author, _), (replier, _), (other, _) = members(3)
    tid, _ = new_thread(author)
    reply(replier, tid)
    nid = groups(author)[0]["id"]
    r = other.form("/notifications/%d/read" % nid, {}, page="/notifications")
    assert r.status_code == 404
    assert unread_badge(author) == "1"


def test_marking_read_needs_the_csrf_token(members):
    (author, _), (replier, _) = members(2)
    tid, _ = new_thread(author)
    reply(replier, tid)
    nid = groups(author)[0]["id"]
    assert author.post("/notifications/%d/read" % nid).status_code == 403
    assert author.post("/notifications/read-all").status_code == 403
    assert unread_badge(author) == "1"


def test_visitor_is_sent_to_log_in(client):
    r = client().get("/notifications")
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/login?next=")


# ================================================================== levels

def test_muted_thread_tells_nothing_not_even_mentions(members):
    (author, a_acc), (replier, _) = members(2)
    tid, _ = new_thread(author)
    follow_ok(author, "thread", tid, "mute")
    reply(replier, tid, "Hello @%s, any news?" % a_acc.username)
    assert groups(author) == []


def test_normal_level_tells_of_mentions_and_quotes_only(members):
    (author, a_acc), (b, b_acc), (c, c_acc) = members(3)
    tid, _ = new_thread(author)
    follow_ok(author, "thread", tid, "normal")
    reply(b, tid, "Just a reply.")
    assert groups(author) == []
    reply(c, tid, "What do you think, @%s?" % a_acc.username)
    title = thread_title(author, tid)
    assert texts(author) == [one("en", "mention", actor=c_acc.username, title=title)]
    # a quote of one of their posts is a reply to them
    my_post = reply(author, tid, "My own answer.")
    r = b.form("/t/%d/reply" % tid, {"body": "I disagree.", "quote": str(my_post)}, page="/t/%d" % tid)
    assert r.status_code == 303
    assert one("en", "reply", actor=b_acc.username, title=title) in texts(author)


def test_watching_a_category_tells_of_new_threads_and_replies(members):
    (watcher, _), (author, a_acc), (replier, r_acc) = members(3)
    category = watcher.get("/c/recipes.json").json()["category"]
    follow_ok(watcher, "category", category["id"], "watch")
    try:
        tid, _ = new_thread(author, category="recipes")
        title = thread_title(author, tid)
        assert texts(watcher) == [one("en", "thread", actor=a_acc.username, title=title,
                                      category=category["name"])]
        reply(replier, tid)
        assert one("en", "post", actor=r_acc.username, title=title) in texts(watcher)
        # the thread's own row wins over the category's
        follow_ok(watcher, "thread", tid, "normal")
        reply(replier, tid)
        posts = [g for g in groups(watcher) if g["kind"] == "post"]
        assert [g["count"] for g in posts] == [1]
    finally:
        follow_ok(watcher, "category", category["id"], "none")


def test_following_a_member(members):
    (fan, _), (writer, w_acc), (host, _) = members(3)
    wid = writer.get("/u/%s.json" % w_acc.username).json()["user"]["id"]
    follow_ok(fan, "user", wid, "normal")
    tid, _ = new_thread(writer)
    assert [g["kind"] for g in groups(fan)] == ["thread"]
    assert thread_title(writer, tid) in texts(fan)[0]
    # normal: the threads they start, not their replies elsewhere
    other_tid, _ = new_thread(host)
    reply(writer, other_tid)
    assert [g["kind"] for g in groups(fan)] == ["thread"]
    # watch: everything they write
    follow_ok(fan, "user", wid, "watch")
    reply(writer, other_tid)
    assert one("en", "post", actor=w_acc.username, title=thread_title(host, other_tid)) in texts(fan)


def test_muting_a_member_silences_their_mentions(members):
    (me, me_acc), (noisy, n_acc), (host, _) = members(3)
    nid = noisy.get("/u/%s.json" % n_acc.username).json()["user"]["id"]
    follow_ok(me, "user", nid, "mute")
    tid, _ = new_thread(host)
    reply(noisy, tid, "Hey @%s!" % me_acc.username)
    assert groups(me) == []


def test_profile_has_a_follow_form_but_not_ones_own(members):
    (me, me_acc), (other, o_acc) = members(2)
    assert 'action="/follow"' in me.get("/u/%s" % o_acc.username).text
    assert 'action="/follow"' not in me.get("/u/%s" % me_acc.username).text


@pytest.mark.parametrize("data,status", [
    ({"kind": "thread", "id": "999999999", "level": "watch"}, 404),
    ({"kind": "galaxy", "id": "1", "level": "watch"}, 400),
    ({"kind": "thread", "id": "1", "level": "shout"}, 400),
    ({"kind": "thread", "id": "-1", "level": "watch"}, 400),
    ({"kind": "thread", "id": "abc", "level": "watch"}, 400),
    ({"kind": "thread", "level": "watch"}, 400),
])
def test_follow_refuses_bad_input(member, data, status):
    c, _ = member
    r = c.form("/follow", data, page="/notifications/following")
    assert r.status_code == status
    assert c.get("/notifications/following.json").json().get("follows", []) == []


def test_nobody_follows_themselves(member):
    c, account = member
    uid = c.get("/u/%s.json" % account.username).json()["user"]["id"]
    assert follow(c, "user", uid, "watch").status_code == 404


def test_follow_needs_login_and_csrf(client, member):
    c, _ = member
    assert c.post("/follow", data={"kind": "category", "id": "1", "level": "watch"}).status_code == 403
    v = client()
    r = v.form("/follow", {"kind": "category", "id": "1", "level": "watch"}, page="/login")
    assert r.status_code == 401


def test_following_page_lists_and_unfollows(members):
    (c, _), (author, _) = members(2)
    tid, _ = new_thread(author)
    follow_ok(c, "thread", tid, "watch")
    follows = c.get("/notifications/following.json").json()["follows"]
    assert [(f["kind"], f["id"], f["level"]) for f in follows] == [("thread", tid, "watch")]
    assert 'href="/t/%d"' % tid in c.get("/notifications/following").text
    follow_ok(c, "thread", tid, "none")
    assert c.get("/notifications/following.json").json().get("follows", []) == []


# ================================================================== mentions

def test_mentions_notify_and_link_to_the_profile(members):
    (author, a_acc), (named, n_acc) = members(2)
    tid, _ = new_thread(author, body="Ask @%s, or @nobody_%s." % (n_acc.username, th.RUN))
    assert texts(named) == [one("en", "mention", actor=a_acc.username, title=thread_title(author, tid))]
    page = author.get("/t/%d" % tid).text
    assert '<a rel="nofollow ugc" href="/u/%s">@%s</a>' % (n_acc.username, n_acc.username) in page


@pytest.mark.parametrize("body", [
    "Write to {name}@example.org",          # an address, not a mention
    "In code: `@{name}`",                     # code is code
    "    @{name} in a code block",
    "[see @{name}](https://example.org/)",    # already inside a link
])
def test_not_a_mention(members, body):
    (author, _), (named, n_acc) = members(2)
    tid, _ = new_thread(author, body=body.format(name=n_acc.username))
    assert groups(named) == []
    assert '<a rel="nofollow ugc" href="/u/%s">' % n_acc.username not in author.get("/t/%d" % tid).text


def test_mention_rendering_stays_safe(member):
    c, _ = member
    tid, _ = new_thread(c, body='@"><script>x</script> and @a"b and @<img src=x>')
    page = c.get("/t/%d" % tid).text
    assert "<script>x" not in page and "<img src=x>" not in page


# ================================================================== hidden content

def test_hidden_reply_leaves_the_list_and_the_count(members, moderator):
    (author, _), (replier, _) = members(2)
    mod, _ = moderator
    tid, _ = new_thread(author)
    secret = "Secret words %s" % th.unique_name("s")
    pid = reply(replier, tid, secret)
    assert unread_badge(author) == "1"
    act_ok(mod, [pid], "hide")
    assert groups(author) == []
    assert secret not in author.get("/notifications").text
    assert unread_badge(author) == ""


def test_author_is_told_the_moderators_decision_without_the_content(members, moderator):
    (author, _), (host, _) = members(2)
    mod, _ = moderator
    tid, _ = new_thread(host)
    title = thread_title(host, tid)
    secret = "Buy cheap %s" % th.unique_name("spam")
    pid = reply(author, tid, secret)
    act_ok(mod, [pid], "hide", reason="Advertising is not allowed here")
    g = groups(author)[0]
    what = text("en", "notify.what.post_in").replace("{title}", title)
    assert g["text"] == text("en", "notify.mod.hide").replace("{what}", what)
    assert g["detail"] == "Advertising is not allowed here"
    page = author.get("/notifications").text
    assert secret not in page and "Advertising is not allowed here" in page


def test_approved_held_post_tells_the_watchers(members, moderator):
    (author, _), (replier, r_acc) = members(2)
    mod, _ = moderator
    tid, _ = new_thread(author)
    links = ("Deals: https://shop.example/a, https://shop.example/b, "
             "http://shop.example/c and www.shop.example")
    r = replier.form("/t/%d/reply" % tid, {"body": links}, page="/t/%d" % tid)
    assert r.status_code == 303
    pid = int(re.search(r"#p(\d+)$", r.headers["Location"]).group(1))
    assert groups(author) == [], "a held post tells nobody"
    act_ok(mod, ["post:%d:held" % pid], "approve", from_queue=True)
    assert texts(author) == [one("en", "post", actor=r_acc.username, title=thread_title(author, tid))]
    # and its author hears it was approved
    assert text("en", "notify.mod.approve").split("{what}")[0] in texts(replier)[0]


# ================================================================== the company's notices

def test_idea_status_change_tells_the_author_and_the_voters(members, as_demo):
    (author, _), (voter, _), (bystander, _) = members(3)
    title = "Idea %s" % th.unique_name("i")
    iid = new_idea(author, title)
    vote(voter, iid)
    staff = as_demo("staff")
    r = staff.form("/ideas/%d/status" % iid, {"status": "planned", "note": "Coming in spring."},
                   page="/ideas/%d" % iid)
    assert r.status_code == 303
    told = one("en", "idea_status", title=title, stage=text("en", "notify.stage.planned"))
    for c in (author, voter):
        g = groups(c)[0]
        assert (g["text"], g["url"]) == (told, "/ideas/%d#history" % iid)
    assert groups(bystander) == []


def test_comments_reach_the_ideas_watchers(members):
    (author, _), (commenter, c_acc) = members(2)
    title = "Idea %s" % th.unique_name("i")
    iid = new_idea(author, title)
    r = commenter.form("/ideas/%d/comment" % iid, {"body": "Yes please."}, page="/ideas/%d" % iid)
    assert r.status_code == 303
    assert texts(author) == [one("en", "comment", actor=c_acc.username, title=title)]
    assert re.search(r'<option value="watch" selected>', author.get("/ideas/%d" % iid).text)


def test_staff_response_tells_the_reviewer(members, as_demo, client):
    (reviewer, _), = members(1)
    product = client().get("/products.json").json()["products"][0]
    rid = new_review(reviewer, product["sku"])
    staff = as_demo("staff")
    page = staff.get("/reviews/%d" % rid)
    r = staff.post("/reviews/%d/respond" % rid, data={"csrf": th.csrf_of(page.text),
                                                       "body": "Thank you, we are on it."})
    assert r.status_code == 303
    g = groups(reviewer)[0]
    assert g["text"] == one("en", "review_response", title=product["name"])
    assert g["url"] == "/reviews/%d" % rid
    # an edit of the answer is no new notice
    staff.post("/reviews/%d/respond" % rid, data={"csrf": th.csrf_of(page.text),
                                                   "body": "Thank you, fixed now."})
    assert groups(reviewer)[0]["count"] == 1


def test_watching_a_product_tells_of_new_reviews(members, client):
    (watcher, _), (reviewer, r_acc) = members(2)
    product = client().get("/products.json").json()["products"][-1]
    pid = client().get("/p/%s.json" % product["sku"]).json()["product"]["id"]
    follow_ok(watcher, "product", pid, "watch")
    try:
        assert 'action="/follow"' in watcher.get("/p/%s" % product["sku"]).text
        new_review(reviewer, product["sku"])
        assert one("en", "review", actor=r_acc.username, title=product["name"]) in texts(watcher)
    finally:
        follow_ok(watcher, "product", pid, "none")
