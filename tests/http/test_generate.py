"""`tertuliactl generate`, the benchmark's community, at a small size: what
it writes is whole and consistent, its counters and the products' rankings
are what the rows say, the pages show it, and it refuses to run twice. On a
stack of its own: it fills the database. A database with only the demo
needs no --yes (make bench generates into one); one with more than the demo
is refused without it (test_ctl_usage.py does that on the shared stack
too), and written with it."""

import pytest

from db_checks import DAMPED_OFF, check_consistent
import forum_http as fh
import tertulia_http as th

pytestmark = pytest.mark.slow  # a stack of its own; not again under ASan

SIZE = {"--users": 120, "--categories": 3, "--threads": 40, "--posts": 800, "--big-thread": 100,
        "--products": 12, "--reviews": 300, "--big-product": 60, "--ideas": 30, "--votes": 400}


@pytest.fixture(scope="module")
def own(own_stack):
    """This module's own stack, with the community of SIZE generated into it."""
    s = own_stack(workers=1)
    args = [x for kv in SIZE.items() for x in (kv[0], str(kv[1]))]
    res = s.ctl("generate", *args)
    assert res.returncode == 0, res.stderr
    return s


def one(stack, query):
    return int(stack.sql(query)[0][0])


def test_it_writes_what_was_asked(own):
    assert one(own, "SELECT COUNT(*) FROM users WHERE username LIKE 'gen\\_%'") == 120
    assert one(own, "SELECT COUNT(*) FROM posts p JOIN users u ON u.id = p.user_id "
                    "WHERE u.username LIKE 'gen\\_%'") == 800
    assert one(own, "SELECT COUNT(*) FROM products WHERE sku LIKE 'GEN-%'") == 12
    assert one(own, "SELECT COUNT(*) FROM reviews r JOIN products p ON p.id = r.product_id "
                    "WHERE p.sku LIKE 'GEN-%'") == 300
    assert one(own, "SELECT MAX(post_count) FROM threads") == 100        # the big thread
    assert one(own, "SELECT MAX(review_count) FROM product_ratings") >= 60  # the big product
    # posts of 300-800 characters, as the benchmark's community has
    lo, hi = own.sql("SELECT MIN(CHAR_LENGTH(body)), MAX(CHAR_LENGTH(body)) FROM posts p "
                     "JOIN users u ON u.id = p.user_id WHERE u.username LIKE 'gen\\_%'")[0]
    assert 300 <= int(lo) and int(hi) <= 800


def test_counters_and_rankings_are_what_the_rows_say(own):
    check_consistent(own)
    assert own.sql(DAMPED_OFF) == [["0"]]
    assert one(own, "SELECT COUNT(*) FROM product_ratings s WHERE review_count <> (SELECT "
                    "COUNT(*) FROM reviews r WHERE r.product_id = s.product_id "
                    "AND r.status = 'visible')") == 0
    assert one(own, "SELECT COUNT(*) FROM ideas i WHERE vote_count <> (SELECT COUNT(*) "
                    "FROM idea_votes v WHERE v.idea_id = i.id)") == 0


def test_the_pages_show_it(own):
    big = one(own, "SELECT id FROM threads ORDER BY post_count DESC LIMIT 1")
    c = th.Client(own.url)
    th.login_ok(c, "gen_000001", "generated-password")
    last = c.get("/t/%d?page=5" % big)
    assert last.status_code == 200
    assert len(c.get("/t/%d.json?page=5" % big).json()["posts"]) == 20
    sku = own.sql("SELECT p.sku FROM products p JOIN product_ratings s ON s.product_id = p.id "
                  "ORDER BY s.review_count DESC LIMIT 1")[0][0]
    assert c.get("/p/" + sku).status_code == 200
    assert 'href="/p/GEN-' in c.get("/").text       # the home page's top-rated products


def test_it_refuses_to_run_twice(own):
    res = own.ctl("generate", "--posts", "10", "--threads", "5", "--big-thread", "2",
                  check=False)
    assert res.returncode == 1
    assert "already has generated data" in res.stderr


def test_yes_writes_into_a_database_with_more_than_the_demo(own_stack):
    """A demo member's new thread is more than the demo: refused, nothing
    written; with --yes, generated."""
    args = [x for kv in SIZE.items() for x in (kv[0], str(kv[1]))]
    s = own_stack(workers=1)
    c = th.Client(s.url)
    th.login_ok(c, "maria")
    fh.create_thread(c)
    before = one(s, "SELECT COUNT(*) FROM posts")
    res = s.ctl("generate", *args, check=False)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "more than the demo: 0 accounts the demo did not create, 1 posts" in res.stderr
    assert "--yes" in res.stderr
    assert one(s, "SELECT COUNT(*) FROM users WHERE username LIKE 'gen\\_%'") == 0
    assert one(s, "SELECT COUNT(*) FROM posts") == before
    res = s.ctl("generate", "--yes", *args, check=False)
    assert res.returncode == 0, res.stderr
    assert one(s, "SELECT COUNT(*) FROM users WHERE username LIKE 'gen\\_%'") == 120
    assert one(s, "SELECT COUNT(*) FROM posts") == before + 800
