"""What is new to a member: the lists count the posts since they last read
a thread and lead to the first of them, the thread marks where they begin,
and every post shows its number. Visitors see none of it."""
import re

import tertulia_http as th
from mod_helpers import new_thread, reply


def row_of(html, tid):
    m = re.search(r'<li class="thread-row">(?:(?!</li>).)*?href="/t/%d/[^"]*"(?:(?!</li>).)*</li>'
                  % tid, html, re.S)
    assert m, "thread %d is not on the page" % tid
    return m.group(0)


def new_count(html, tid):
    m = re.search(r'<a class="tag tag-new" href="/t/%d/unread"[^>]*>(\d+) ([^<]+)</a>' % tid,
                  row_of(html, tid))
    return (int(m.group(1)), m.group(2)) if m else None


def test_the_lists_count_what_is_new_and_lead_to_it(stack, member, client):
    reader, _ = member
    writer = client()
    th.register(writer)
    tid, _ = new_thread(writer, category="cafe")
    assert reader.get("/t/%d" % tid).status_code == 200      # read: just the opening
    assert new_count(reader.get("/c/cafe").text, tid) is None
    ids = [reply(writer, tid) for _ in range(3)]
    assert new_count(reader.get("/c/cafe").text, tid) == (3, th.text("en", "count.new_posts.other"))
    assert new_count(reader.get("/").text, tid)[0] == 3       # the home page's latest too
    r = reader.get("/t/%d/unread" % tid)
    assert r.status_code == 303
    assert r.headers["Location"] == "/t/%d?page=1#p%d" % (tid, ids[0])
    page = reader.get(r.headers["Location"]).text
    # the divider stands in the first new post, and nowhere else
    assert page.count('id="unread"') == 1
    assert page.index('id="unread"') > page.index('id="p%d"' % ids[0])
    assert page.index('id="unread"') < page.index('id="p%d"' % ids[1])
    assert th.text("en", "thread.unread_from") in page
    # read now: nothing new, and no divider the next time
    assert new_count(reader.get("/c/cafe").text, tid) is None
    assert 'id="unread"' not in reader.get("/t/%d" % tid).text
    # one more: said in the singular, in Spanish too
    reply(writer, tid)
    reader.post("/lang", {"lang": "es", "csrf": th.csrf_of(reader.get("/").text), "next": "/"})
    es = reader.get("/c/cafe").text
    assert new_count(es, tid) == (1, th.text("es", "count.new_posts.one"))


def test_all_read_leads_to_the_last_post_and_a_visitor_to_the_first(stack, member, client):
    c, _ = member
    tid, opener = new_thread(c, category="cafe")
    last = reply(c, tid)
    c.get("/t/%d" % tid)
    assert c.get("/t/%d/unread" % tid).headers["Location"] == "/t/%d?page=1#p%d" % (tid, last)
    visitor = client()
    assert visitor.get("/t/%d/unread" % tid).headers["Location"] == "/t/%d?page=1#p%d" % (tid, opener)
    assert "tag-new" not in visitor.get("/c/cafe").text
    assert visitor.get("/t/999999999/unread").status_code == 404


def test_a_long_thread_leads_to_the_right_page_and_has_a_last_page_link(stack, member, as_demo):
    reader, _ = member
    writer = as_demo("john")   # a member of long standing: no new member's daily limit
    tid, _ = new_thread(writer, category="help")
    ids = [reply(writer, tid, "Respuesta número %d del hilo largo." % i) for i in range(24)]
    assert reader.get("/t/%d" % tid).status_code == 200       # page 1: posts 1-20
    r = reader.get("/t/%d/unread" % tid)
    assert r.headers["Location"] == "/t/%d?page=2#p%d" % (tid, ids[19])   # post 21
    html = reader.get("/c/help").text
    assert new_count(html, tid)[0] == 5
    assert '<a class="meta last-page" href="/t/%d?page=2">' % tid in row_of(html, tid)
    page2 = reader.get("/t/%d?page=2" % tid).text
    assert 'aria-label="%s 21">#21</a>' % th.text("en", "thread.post_number") in page2
    assert page2.index('id="unread"') > page2.index('id="p%d"' % ids[19])
