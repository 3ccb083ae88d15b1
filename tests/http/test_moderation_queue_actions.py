"""What a moderator acts from: a link to an item's moderation page on every
post, review, idea and comment they see, whatever its status; each queued
item's own actions; bulk deletes and suspensions asked again first."""

import html as htmllib
import re

import tertulia_http as th
from tertulia_http import text
from ideas_http import new_idea
from reviews_http import make_product, new_review
from mod_helpers import (REASON, act, act_ok, members, moderator, new_thread, posts_seen,  # noqa: F401
                         queued, reply, send, user_id)


def moderate_links(html):
    """The items a page links to their moderation page: {"post:12", ...}."""
    return {"%s:%s" % m for m in re.findall(r'href="/mod/item/([a-z_]+)/(\d+)"', html)}


def post_li(html, pid):
    m = re.search(r'<li class="post[^"]*" id="p%d".*?</li>' % pid, html, re.S)
    assert m, "post %d is not on the page" % pid
    return m.group(0)


# ------------------------------------------------------------------ links to moderate

def test_moderators_get_a_moderate_link_on_hidden_and_visible_posts(members, moderator):
    (author, _), = members(1)
    tid, first = new_thread(author)
    hidden = reply(author, tid)
    mod, _ = moderator
    act_ok(mod, [hidden], "hide")

    page = mod.get("/t/%d" % tid).text
    for pid in (first, hidden):
        assert 'href="/mod/item/post/%d"' % pid in post_li(page, pid), pid
    assert "post-hidden" in post_li(page, hidden)
    # the link leads to the page where it is restored
    item = mod.get("/mod/item/post/%d" % hidden)
    assert item.status_code == 200
    assert 'value="restore"' in item.text
    # members and visitors get no such link
    assert moderate_links(author.get("/t/%d" % tid).text) == set()
    assert moderate_links(th.Client(author.base).get("/t/%d" % tid).text) == set()


def test_moderators_get_a_moderate_link_on_reviews_ideas_and_comments(stack, members,
                                                                      moderator):
    (author, _), = members(1)
    sku = make_product(stack)
    rid = new_review(author, sku)
    iid = new_idea(author, "Moderate link idea %s" % th.unique_name("i"))
    r = author.form("/ideas/%d/comment" % iid, {"body": "A comment to moderate."},
                    page="/ideas/%d" % iid)
    assert r.status_code == 303, r.text[:300]
    cid = int(re.search(r"#c(\d+)$", r.headers["Location"]).group(1))
    mod, _ = moderator

    assert "review:%d" % rid in moderate_links(mod.get("/p/%s" % sku).text)
    assert "review:%d" % rid in moderate_links(mod.get("/reviews/%d" % rid).text)
    idea_page = mod.get("/ideas/%d" % iid).text
    assert {"idea:%d" % iid, "idea_comment:%d" % cid} <= moderate_links(idea_page)
    # a hidden review still has it, for its moderator
    act_ok(mod, ["review:%d" % rid], "hide")
    assert "review:%d" % rid in moderate_links(mod.get("/reviews/%d" % rid).text)
    # not for its author
    assert moderate_links(author.get("/reviews/%d" % rid).text) == set()
    assert moderate_links(author.get("/ideas/%d" % iid).text) == set()


# ------------------------------------------------------------------ the queue

def queue_page_of(mod, kind, item_id):
    """The queue's page (HTML) that shows the item, and the item's entry."""
    page = 1
    while True:
        r = mod.get("/mod", params={"page": page})
        assert r.status_code == 200
        m = re.search(r'<article class="mod-entry" aria-labelledby="item-%s-%d">.*?</article>'
                      % (kind, item_id), r.text, re.S)
        if m:
            return r.text, m.group(0)
        data = mod.get("/mod.json", params={"page": page}).json()
        assert data.get("next_page"), "%s %d is not in the queue" % (kind, item_id)
        page = data["next_page"]


def form_fields(form_html):
    """[(name, value)] of a form's hidden inputs, as a browser sends them."""
    return [(htmllib.unescape(n), htmllib.unescape(v)) for n, v in re.findall(
        r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form_html)]


def buttons(form_html):
    return re.findall(r'<button type="submit" name="action" value="([a-z]+)"', form_html)


def test_each_queued_item_has_its_own_actions(members, moderator):
    (author, _), = members(1)
    tid, first = new_thread(author)       # a new member's: queued, visible
    second = reply(author, tid)           # queued too
    mod, account = moderator
    _, entry = queue_page_of(mod, "post", first)
    forms = re.findall(r'<form action="/mod/action" method="post".*?</form>', entry, re.S)
    assert len(forms) == 1, "the entry has no form of its own"
    own = forms[0]
    assert ("item", "post:%d:visible" % first) in form_fields(own)
    assert any(n == "csrf" and v for n, v in form_fields(own))
    assert buttons(own) == ["approve", "hide", "delete"]
    assert re.search(r'<input id="reason-post-%d" name="reason" required' % first, own)
    # hide it from its own form: that item alone
    r = mod.post("/mod/action", data=form_fields(own) + [("reason", REASON), ("action", "hide")])
    assert r.status_code == 303, th.visible_text(r.text)[:300]
    seen = posts_seen(mod, tid)
    assert seen[first]["status"] == "hidden"
    assert seen[second]["status"] == "visible"
    assert queued(mod, first) is None and queued(mod, second) is not None


def bulk_form(page):
    m = re.search(r'<form action="/mod/action" method="post" class="mod-bulk[^"]*" id="([^"]+)">'
                  r'(.*?)</form>', page, re.S)
    assert m, "no bulk form"
    return m.group(1), m.group(2)


def test_bulk_delete_asks_first_on_a_page_that_lists_the_items(members, moderator):
    (author, _), = members(1)
    tid, first = new_thread(author)
    second = reply(author, tid)
    mod, _ = moderator
    page, entry = queue_page_of(mod, "post", first)
    form_id, bulk = bulk_form(page)
    # the entries' boxes belong to the bulk form, which is above the list
    assert page.index('id="%s"' % form_id) < page.index("mod-entry")
    box = re.search(r'<input type="checkbox" name="item" form="([^"]+)" value="post:%d:visible">'
                    % first, entry)
    assert box and box.group(1) == form_id
    _, entry2 = queue_page_of(mod, "post", second)
    value2 = re.search(r'name="item" form="[^"]+" value="([^"]+)"', entry2).group(1)

    pairs = form_fields(bulk) + [("item", "post:%d:visible" % first), ("item", value2),
                                 ("action", "delete"), ("reason", "Spam wave"), ("days", "7")]
    r = mod.post("/mod/action", data=pairs)
    assert r.status_code == 200
    shown = th.visible_text(r.text)
    assert text("en", "mod.confirm_delete") in shown
    assert 'href="/mod/item/post/%d"' % first in r.text
    assert 'href="/mod/item/post/%d"' % second in r.text
    # nothing is deleted yet
    seen = posts_seen(mod, tid)
    assert [seen[p]["status"] for p in (first, second)] == ["visible", "visible"]
    # the page's form sends it all again, confirmed
    confirm = re.search(r'<form action="/mod/action" method="post".*?</form>', r.text[
        r.text.index("<main"):], re.S).group(0)
    fields = form_fields(confirm)
    assert ("confirm", "1") in fields and ("action", "delete") in fields
    r = mod.post("/mod/action", data=fields)
    assert r.status_code == 303
    assert r.headers["Location"] == "/mod?done=2&conflicts=0"
    seen = posts_seen(mod, tid)
    assert [seen[p]["status"] for p in (first, second)] == ["deleted", "deleted"]


def test_bulk_suspend_asks_first_and_json_clients_are_told(stack, members, moderator):
    (a, a_account), (b, b_account) = members(2)
    _, pa = new_thread(a)
    _, pb = new_thread(b)
    mod, _ = moderator
    items = ["post:%d" % pa, "post:%d" % pb]
    r = act(mod, items, "suspend", days="3")
    assert r.status_code == 200
    assert text("en", "mod.confirm_suspend") in th.visible_text(r.text)
    assert "3 %s" % text("en", "count.days.other") in th.visible_text(r.text)
    for name in (a_account.username, b_account.username):
        assert stack.sql("SELECT suspended_until IS NULL FROM users WHERE id = %d"
                         % user_id(stack, name))[0][0] in ("1", 1)
    r = send(mod, "/mod/action", [("item", i) for i in items] + [
        ("action", "suspend"), ("reason", REASON), ("days", "3")], page="/mod",
        headers={"Accept": "application/json"})
    assert r.status_code == 409
    assert "confirm" in r.json()["errors"]
    # confirmed, both are suspended
    act_ok(mod, items, "suspend", days="3", confirm="1")
    for name in (a_account.username, b_account.username):
        assert stack.sql("SELECT suspended_until > UTC_TIMESTAMP() FROM users WHERE id = %d"
                         % user_id(stack, name))[0][0] in ("1", 1)


def test_bulk_actions_that_undo_nothing_need_no_confirmation(members, moderator):
    (author, _), = members(1)
    tid, first = new_thread(author)
    second = reply(author, tid)
    mod, _ = moderator
    assert act(mod, ["post:%d" % first, "post:%d" % second], "hide").status_code == 303
    assert act(mod, ["post:%d" % first], "delete").status_code == 303
