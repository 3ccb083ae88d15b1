"""A change and its audit line commit together, and a moderator's reason is
checked at the gate before anything happens (the rule: every form field a
handler reads is declared and validated; a status change and its audit row
are one transaction).

The fault: a trigger that refuses every insert into audit_log, as a full
disk or a lost grant would. Whatever was to be changed stays as it was."""

import contextlib
from urllib.parse import quote

import pytest

import tertulia_http as th
from mod_helpers import act, members, moderator, new_thread, reply  # noqa: F401
from reviews_http import make_product, review_id_of, write_review

JSON = {"Accept": "application/json"}


def status_of(stack, table, item_id):
    return stack.sql("SELECT status FROM %s WHERE id = %d" % (table, item_id))[0][0]


def audit_rows(stack, target_type, target_id):
    return stack.sql("SELECT action, reason FROM audit_log WHERE target_type = '%s' "
                     "AND target_id = %d" % (target_type, target_id))


@contextlib.contextmanager
def audit_refused(stack):
    stack.sql("CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log FOR EACH ROW "
              "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit refused by the test'")
    try:
        yield
    finally:
        stack.sql("DROP TRIGGER IF EXISTS audit_refused")


def delete(c, path, reason, page):
    """POSTs a delete with this reason (str, or raw bytes already encoded)."""
    body = b"csrf=" + c.token(page).encode() + b"&reason=" + (
        reason if isinstance(reason, bytes) else quote(reason).encode())
    return c.post(path, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})


BAD_REASONS = [("too long", "x" * 501), ("not UTF-8", b"%FF%FEspam"),
               ("control character", "spam%s" % chr(7))]


@pytest.mark.parametrize("what,reason", BAD_REASONS, ids=[w for w, _ in BAD_REASONS])
def test_a_bad_delete_reason_is_refused_before_the_post_is_touched(stack, members, moderator,
                                                                    what, reason):
    (author, _), = members(1)
    tid, _ = new_thread(author)
    pid = reply(author, tid)
    mod, _ = moderator
    r = delete(mod, "/posts/%d/delete" % pid, reason, "/t/%d" % tid)
    assert r.status_code == 400, what
    assert th.text("en", "field.reason") in th.visible_text(r.text)   # the field is named
    assert status_of(stack, "posts", pid) == "visible"
    assert audit_rows(stack, "post", pid) == []
    # as JSON, the field is named by its key
    r = mod.post("/posts/%d/delete" % pid, data={"reason": "x" * 501},
                 headers=dict(JSON, **{"X-CSRF-Token": mod.json_token()}))
    assert r.status_code == 400 and "reason" in r.json()["errors"]
    # a good reason: deleted, and recorded with it
    r = delete(mod, "/posts/%d/delete" % pid, "Spam link", "/t/%d" % tid)
    assert r.status_code == 303
    assert status_of(stack, "posts", pid) == "deleted"
    assert audit_rows(stack, "post", pid) == [["delete", "Spam link"]]


def test_a_bad_reason_leaves_a_review_as_it_was(stack, member, moderator):
    c, _ = member
    sku = make_product(stack)
    rid = review_id_of(write_review(c, sku, 2))
    mod, _ = moderator
    for _, reason in BAD_REASONS:
        r = delete(mod, "/reviews/%d/delete" % rid, reason, "/reviews/%d" % rid)
        assert r.status_code == 400
        assert status_of(stack, "reviews", rid) != "deleted"
    assert audit_rows(stack, "review", rid) == []
    r = delete(mod, "/reviews/%d/delete" % rid, "Not a review of the product", "/reviews/%d" % rid)
    assert r.status_code == 303
    assert status_of(stack, "reviews", rid) == "deleted"
    assert audit_rows(stack, "review", rid) == [["delete", "Not a review of the product"]]


def test_a_delete_whose_audit_line_fails_is_not_done(stack, members, moderator, member):
    (author, _), = members(1)
    tid, _ = new_thread(author)
    pid = reply(author, tid)
    sku = make_product(stack)
    rid = review_id_of(write_review(member[0], sku, 1))
    mod, _ = moderator
    with audit_refused(stack):
        r = delete(mod, "/posts/%d/delete" % pid, "Spam link", "/t/%d" % tid)
        assert r.status_code == 500
        r = delete(mod, "/reviews/%d/delete" % rid, "Spam", "/reviews/%d" % rid)
        assert r.status_code == 500
    assert status_of(stack, "posts", pid) == "visible"
    assert pid in [p["id"] for p in th.Client(stack.url).get("/t/%d.json" % tid).json()["posts"]]
    assert status_of(stack, "reviews", rid) != "deleted"
    assert audit_rows(stack, "post", pid) == [] and audit_rows(stack, "review", rid) == []
    # the same requests, the audit log back: done and recorded
    assert delete(mod, "/posts/%d/delete" % pid, "Spam link", "/t/%d" % tid).status_code == 303
    assert status_of(stack, "posts", pid) == "deleted"
    assert audit_rows(stack, "post", pid) == [["delete", "Spam link"]]


def test_moderation_whose_audit_line_fails_changes_nothing(stack, members, moderator):
    # the thread tools and the moderation actions, each with its audit line
    (author, account), = members(1)
    tid, first = new_thread(author)
    pid = reply(author, tid)
    mod, _ = moderator
    page = "/t/%d" % tid
    with audit_refused(stack):
        r = mod.form("/t/%d/lock" % tid, {"on": "1", "reason": "Heated"}, page=page)
        assert r.status_code == 500
        r = mod.form("/t/%d/pin" % tid, {"on": "1", "reason": "Useful"}, page=page)
        assert r.status_code == 500
        r = mod.form("/t/%d/move" % tid, {"category": "help", "reason": "Wrong place"}, page=page)
        assert r.status_code == 500
        r = mod.form("/t/%d/split" % tid, {"title": "Split off here", "reason": "Off topic",
                                           "post": str(pid)}, page=page)
        assert r.status_code == 500
        for action, extra in (("hide", {}), ("silence", {"days": "2"}),
                              ("edit", {"body": "Edited by a moderator"})):
            r = act(mod, [pid], action, **extra)
            assert r.status_code == 500, action
    row = stack.sql("SELECT t.locked, t.pinned, c.slug FROM threads t JOIN categories c "
                    "ON c.id = t.category_id WHERE t.id = %d" % tid)[0]
    assert row == ["0", "0", "cafe"]
    assert stack.sql("SELECT thread_id, status, body FROM posts WHERE id = %d" % pid)[0][:2] == \
        [str(tid), "visible"]
    assert "Edited by a moderator" not in stack.sql("SELECT body FROM posts WHERE id = %d" % pid)[0][0]
    assert stack.sql("SELECT COUNT(*) FROM post_revisions WHERE post_id = %d" % pid) == [["0"]]
    assert stack.sql("SELECT silenced_until IS NULL FROM users WHERE username = '%s'"
                     % account.username) == [["1"]]
    assert audit_rows(stack, "thread", tid) == [] and audit_rows(stack, "post", pid) == []
