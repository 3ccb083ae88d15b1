"""Who may start threads in a category: a category may be the team's
(staff, moderators, admins) to start threads in, as the demo's
Announcements is; members may still reply there. A member is refused
with a 403 page in their language, and does not see the category among
the new-thread form's choices. The admin sets it in the category form."""

import re

import pytest

import forum_http as fh
import tertulia_http as th
from tertulia_http import text


def choices(page_html):
    """The category slugs the new-thread form offers."""
    m = re.search(r'<select id="category" name="category"[^>]*>(.*?)</select>', page_html, re.S)
    assert m, "no category choice on the page"
    return [v for v in re.findall(r'<option value="([^"]*)"', m.group(1)) if v]


def thread_count(stack, username):
    return fh.count(stack, "SELECT COUNT(*) FROM threads t JOIN users u ON u.id = t.user_id "
                           "WHERE u.username = '%s'" % username)


def welcome_thread(stack):
    return int(fh.one(stack, "SELECT t.id FROM threads t JOIN categories c ON c.id = t.category_id "
                             "WHERE c.slug = 'announcements' ORDER BY t.id LIMIT 1"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_new_member_cannot_start_an_announcement(stack, client, lang):
    c = client()
    c.headers["Accept-Language"] = lang
    account = th.register(c)
    form = c.get("/t/new")
    assert "announcements" not in choices(form.text)
    assert "help" in choices(form.text)
    # even asked for by name, the form does not offer it
    assert "announcements" not in choices(c.get("/t/new?c=announcements").text)

    csrf, nonce = fh.form_fields(c, "/t/new")
    r = c.post("/t/new", data={"csrf": csrf, "nonce": nonce, "category": "announcements",
                               "title": "Big news from me", "body": "I am the company now."})
    assert r.status_code == 403
    assert th.html_lang(r.text) == lang
    assert th.visible_text(text(lang, "err.staff_threads")) in th.visible_text(r.text)
    assert thread_count(stack, account.username) == 0
    # the same member starts threads elsewhere
    assert fh.thread_id_of(fh.post_thread(c, "help", "A real question %s" % th.unique_name("t"),
                                          "How do I descale?"))


def test_a_member_of_long_standing_cannot_either(stack, as_demo):
    john = as_demo("john")
    assert "announcements" not in choices(john.get("/t/new").text)
    before = thread_count(stack, "john")
    r = fh.post_thread(john, "announcements", "Not an announcement", "Hello.")
    assert r.status_code == 403
    assert thread_count(stack, "john") == before


def test_members_still_reply_to_announcements(stack, member):
    c, _ = member
    tid = welcome_thread(stack)
    pid = fh.create_reply(c, tid, "Thanks for the news!")
    assert "Thanks for the news!" in fh.post_of(c.get("/t/%d" % tid).text, pid)["html"]


@pytest.mark.parametrize("who", ["staff", "moderadora", "admin"])
def test_the_team_starts_announcements(as_demo, who):
    c = as_demo(who)
    assert "announcements" in choices(c.get("/t/new").text)
    tid = fh.thread_id_of(fh.post_thread(c, "announcements", "News %s" % th.unique_name("t"),
                                         "Our new kettle is out."))
    assert c.get("/t/%d.json" % tid).json()["thread"]["category_slug"] == "announcements"


def test_the_category_page_says_who_starts_threads(member, as_demo, client):
    c, _ = member
    page = c.get("/c/announcements").text
    assert 'href="/t/new?c=announcements"' not in page
    assert th.visible_text(text("en", "forum.staff_threads")) in th.visible_text(page)
    assert 'href="/t/new?c=help"' in c.get("/c/help").text
    assert 'href="/t/new?c=announcements"' in as_demo("staff").get("/c/announcements").text


def test_the_admin_sets_it_in_the_category_form(stack, as_demo, member):
    admin = as_demo("admin")
    page = admin.get("/admin/categories").text
    form = re.search(r'<form action="/admin/categories/announcements".*?</form>', page, re.S)
    assert form and re.search(r'name="staff_threads" value="on"[^>]* checked', form.group(0))
    assert text("en", "cats.staff_threads") in form.group(0)
    help_form = re.search(r'<form action="/admin/categories/help".*?</form>', page, re.S)
    assert not re.search(r'name="staff_threads" value="on"[^>]* checked', help_form.group(0))

    slug = "team-%s" % th.RUN
    r = fh.post_action(admin, "/admin/categories", {"slug": slug, "name_en": "Team news",
                                                    "name_es": "Noticias", "staff_threads": "on"},
                       page="/admin/categories")
    assert r.status_code == 303
    c, _ = member
    assert slug not in choices(c.get("/t/new").text)
    r = fh.post_thread(c, slug, "Mine %s" % th.unique_name("t"), "Body.")
    assert r.status_code == 403

    # unticked: every member starts threads there again
    r = fh.post_action(admin, "/admin/categories/%s" % slug,
                       {"name_en": "Team news", "name_es": "Noticias"}, page="/admin/categories")
    assert r.status_code == 303
    assert slug in choices(c.get("/t/new").text)
    assert fh.thread_id_of(fh.post_thread(c, slug, "Mine %s" % th.unique_name("t"), "Body."))
    assert fh.one(stack, "SELECT thread_starters FROM categories WHERE slug = '%s'" % slug) \
        == "members"
