"""Reading a notification marks it read: its link goes through
/notifications/ID, which marks its group read and leads to what it is
about; opening the thread, idea or review it is about marks it read too.
The header's unread count says so."""

import re

import pytest

import tertulia_http as th
from ideas_http import new_idea
from mod_helpers import members, new_thread, reply  # noqa: F401 (fixtures)
from notify_helpers import groups, unread_badge
from reviews_http import new_review


def test_the_notifications_link_marks_it_read_and_leads_to_the_reply(members):
    (author, _), (replier, _) = members(2)
    tid, _ = new_thread(author)
    pid = reply(replier, tid)
    assert unread_badge(author) == "1"
    g = groups(author)[0]
    page = author.get("/notifications").text
    link = re.search(r'<a class="notification-text" href="([^"]+)"', page).group(1)
    assert link == "/notifications/%d" % g["id"]

    r = author.get(link)
    assert r.status_code == 303
    assert r.headers["Location"] == "/t/%d#p%d" % (tid, pid)
    assert unread_badge(author) == ""
    assert [x["unread"] for x in groups(author)] == [0]


def test_the_link_marks_the_whole_group_and_nothing_else(members):
    (author, _), (replier, _) = members(2)
    t1, _ = new_thread(author)
    t2, _ = new_thread(author)
    reply(replier, t1)
    reply(replier, t1)
    reply(replier, t2)
    assert unread_badge(author) == "3"
    g1 = [g for g in groups(author) if g["url"].startswith("/t/%d#" % t1)][0]
    assert author.get("/notifications/%d" % g1["id"]).status_code == 303
    assert unread_badge(author) == "1"


def test_someone_elses_notification_is_not_found_and_stays_unread(members):
    (author, _), (replier, _), (other, _) = members(3)
    tid, _ = new_thread(author)
    reply(replier, tid)
    nid = groups(author)[0]["id"]
    r = other.get("/notifications/%d" % nid)
    assert r.status_code == 404
    assert "Location" not in r.headers
    assert other.get("/notifications/0").status_code == 404
    assert other.get("/notifications/%d" % (nid + 10 ** 9)).status_code == 404
    assert unread_badge(author) == "1"


def test_a_visitor_is_sent_to_log_in(members, client):
    (author, _), (replier, _) = members(2)
    tid, _ = new_thread(author)
    reply(replier, tid)
    nid = groups(author)[0]["id"]
    r = client().get("/notifications/%d" % nid)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login?next=")
    assert unread_badge(author) == "1"


def test_opening_the_thread_marks_its_notifications_read(members):
    (author, _), (replier, _) = members(2)
    tid, _ = new_thread(author)
    other_tid, _ = new_thread(author)
    reply(replier, tid)
    reply(replier, tid)
    reply(replier, other_tid)
    assert unread_badge(author) == "3"
    # the thread's own page already counts them read
    assert unread_badge(author, "/t/%d" % tid) == "1"
    assert unread_badge(author) == "1"
    # the other thread's notification is still news
    left = [g for g in groups(author) if g["unread"]]
    assert [g["url"].split("#")[0] for g in left] == ["/t/%d" % other_tid]


def test_someone_else_opening_the_thread_changes_nothing(members):
    (author, _), (replier, _), (reader, _) = members(3)
    tid, _ = new_thread(author)
    reply(replier, tid)
    assert reader.get("/t/%d" % tid).status_code == 200
    assert unread_badge(author) == "1"


def test_opening_the_idea_marks_its_comment_notifications_read(members):
    (author, _), (commenter, _) = members(2)
    iid = new_idea(author)
    r = commenter.form("/ideas/%d/comment" % iid, {"body": "Yes please."}, page="/ideas/%d" % iid)
    assert r.status_code == 303
    assert unread_badge(author) == "1"
    assert unread_badge(author, "/ideas/%d" % iid) == ""


def test_opening_the_review_marks_the_staff_response_read(members, as_demo, client):
    (reviewer, _), = members(1)
    product = client().get("/products.json").json()["products"][0]
    rid = new_review(reviewer, product["sku"])
    staff = as_demo("staff")
    page = staff.get("/reviews/%d" % rid)
    r = staff.post("/reviews/%d/respond" % rid, data={"csrf": th.csrf_of(page.text),
                                                       "body": "Thank you, we are on it."})
    assert r.status_code == 303
    assert unread_badge(reviewer) == "1"
    assert unread_badge(reviewer, "/reviews/%d" % rid) == ""
