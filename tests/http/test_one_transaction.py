"""What is written and its place in the moderators' queue are one
transaction: a post, a reply, a post's edit, a review and its edit, an idea
and an idea's comment, with their counters, summaries, rollups, follows and
notifications, all stand or fall with the queue row. Content held by the
rules but missing from the queue would be hidden from everyone, with no
moderator to see it.

The fault: a trigger that refuses every insert into mod_queue, as a full
disk or a lost grant would. Every write the rules send to the queue then
answers with an error and leaves the database as it was. The stack is this
module's own: the trigger breaks every write the rules queue, and the rules
are set so that only a text with links goes to the queue (held), and no
member's first posts do."""

import contextlib
import re

import pytest

import tertulia_http as th
from mod_helpers import new_thread, reply
from ideas_http import new_idea, try_idea
from reviews_http import make_product, new_review, write_review

# three links: more than moderation.max_links allows, so the rules hold it
LINKS = ("See [one](https://one.example/a), [two](https://two.example/b) "
         "and [three](https://three.example/c).")

# every table a compose path writes to, directly or through the rollups,
# the follows and the notifications
TABLES = ("threads", "posts", "post_revisions", "categories", "reviews", "review_revisions",
          "product_ratings", "ideas", "idea_votes", "idea_comments", "mod_queue", "follows",
          "insight_items", "insight_activity", "insight_daily", "insight_daily_all",
          "insight_themes", "insight_themes_all", "insight_votes", "insight_votes_all",
          "insight_gaps")
# counted, not summed: the mailer marks what it sends as it goes
COUNTED = ("notifications", "outbox")


@pytest.fixture(scope="module")
def own(own_stack):
    return own_stack(workers=1, demo=True, extra_config={
        "moderation.first_posts": "0",
        "moderation.max_links": "1",
        "moderation.max_links_action": "hold",
        "moderation.abusive_action": "off"})


@pytest.fixture
def clients(own):
    make, close = th.clients(own.url)
    yield make
    close()


def snapshot(stack):
    """Each table's checksum (any row added, removed or changed moves it),
    or its number of rows."""
    rows = stack.sql("CHECKSUM TABLE %s" % ", ".join(TABLES))
    out = {name.split(".")[-1]: value for name, value in rows}
    for table in COUNTED:
        out[table] = stack.sql("SELECT COUNT(*) FROM %s" % table)[0][0]
    return out


@contextlib.contextmanager
def queue_refused(stack):
    stack.sql("CREATE TRIGGER queue_refused BEFORE INSERT ON mod_queue FOR EACH ROW "
              "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'queue refused by the test'")
    try:
        yield
    finally:
        stack.sql("DROP TRIGGER IF EXISTS queue_refused")


def edit_post(c, pid, body, title=None):
    data = {"body": body}
    if title:
        data["title"] = title
    return c.form("/posts/%d/edit" % pid, data, page="/posts/%d/edit" % pid)


def comment(c, idea_id, body):
    return c.form("/ideas/%d/comment" % idea_id, {"body": body}, page="/ideas/%d" % idea_id)


def test_a_write_whose_queue_row_fails_writes_nothing(own, clients):
    author = clients()
    th.register(author)
    # what the edits and the reply need, written while the queue works (no
    # links: visible, not queued)
    tid, first = new_thread(author, body="An opening post without links.")
    pid = reply(author, tid, "A reply without links.")
    edited_sku, new_sku = make_product(own), make_product(own)
    rid = new_review(author, edited_sku, 4, "Good enough", "It does the job.")
    idea_id = new_idea(author, body="Plain words only.")
    own.sql("UPDATE mod_queue SET resolved_at = UTC_TIMESTAMP()")  # nothing of theirs waits

    attempts = [
        ("a new thread", lambda: author.form(
            "/t/new", {"category": "cafe", "title": "Links %s" % th.unique_name("t"),
                       "body": LINKS}, page="/t/new?c=cafe")),
        ("a reply", lambda: author.form("/t/%d/reply" % tid, {"body": LINKS},
                                        page="/t/%d" % tid)),
        ("an opening post's edit", lambda: edit_post(author, first, LINKS, "A new title")),
        ("a reply's edit", lambda: edit_post(author, pid, LINKS)),
        ("a review", lambda: write_review(author, new_sku, 2, "With links", LINKS)),
        ("a review's edit", lambda: write_review(author, edited_sku, 1, "Changed", LINKS)),
        ("an idea", lambda: try_idea(author, body=LINKS)),
        ("an idea's comment", lambda: comment(author, idea_id, LINKS)),
    ]
    before = snapshot(own)
    wrong = []
    with queue_refused(own):
        for what, attempt in attempts:
            r = attempt()
            after = snapshot(own)
            changed = [t for t, v in after.items() if v != before[t]]
            if r.status_code != 500 or changed:
                wrong.append("%s answered %d and wrote to [%s]"
                             % (what, r.status_code, ", ".join(changed)))
            before = after
    assert wrong == []
    # what a person sees: the thread, the reply, the review and the idea as
    # they were, visible, and none of the attempts
    visitor = th.Client(own.url)
    posts = visitor.get("/t/%d.json" % tid).json()["posts"]
    assert [p["id"] for p in posts] == [first, pid]
    assert "without links" in posts[1]["html"] and "one.example" not in posts[1]["html"]
    assert own.sql("SELECT status, rating, title FROM reviews WHERE id = %d" % rid) == \
        [["visible", "4", "Good enough"]]
    assert own.sql("SELECT review_count, rating_sum FROM product_ratings r JOIN products p "
                   "ON p.id = r.product_id WHERE p.sku = '%s'" % edited_sku) == [["1", "4"]]
    assert own.sql("SELECT COUNT(*) FROM reviews r JOIN products p ON p.id = r.product_id "
                   "WHERE p.sku = '%s'" % new_sku) == [["0"]]
    assert own.sql("SELECT status, comment_count FROM ideas WHERE id = %d" % idea_id) == \
        [["visible", "0"]]

    # the queue back: the same writes are held and wait for a moderator
    r = write_review(author, new_sku, 2, "With links", LINKS)
    assert r.status_code == 303, th.field_errors(r.text) or r.text[:300]
    new_rid = int(re.search(r"#r(\d+)$", r.headers["Location"]).group(1))
    r = edit_post(author, pid, LINKS)
    assert r.status_code == 303, th.field_errors(r.text) or r.text[:300]
    waiting = own.sql("SELECT target_type, target_id, cause FROM mod_queue "
                      "WHERE resolved_at IS NULL ORDER BY id")
    assert waiting == [["review", str(new_rid), "links"], ["post", str(pid), "links"]]
    assert own.sql("SELECT status FROM reviews WHERE id = %d" % new_rid) == [["held"]]
    assert own.sql("SELECT status FROM posts WHERE id = %d" % pid) == [["held"]]
