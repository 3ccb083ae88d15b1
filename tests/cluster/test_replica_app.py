"""Tertulia on a primary with a read replica: two app hosts, both with
db.host on the primary and db.replica.host on the replica.

What a person would check:
- a member logged in on host A is logged in on host B;
- pages read from the replica (its statements count up while visitors
  browse), writes and POSTs from the primary;
- a reply written on A shows on B for a visitor within the bound
  (cache.visitor_seconds plus the replica's lag bound, db.replica.max_lag),
  and at once for the member who wrote it;
- with the replica stopped, every page still answers, and the log says
  that reads went to the primary."""

import os
import shutil
import sys
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "http"))

import forum_http as fh  # noqa: E402
import tertulia_http as th  # noqa: E402
from mariadb_cluster import PrimaryReplica  # noqa: E402
from app_hosts import ADMIN, create_database, two_hosts  # noqa: E402
from stack import wait_until  # noqa: E402

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(not shutil.which("mariadbd"), reason="mariadb-server is not installed"),
]

MAX_LAG = 1


@pytest.fixture(scope="module")
def servers():
    pr = PrimaryReplica()
    pr.start()
    try:
        pr.create_admin(*ADMIN)
        create_database(lambda q: pr.sql("primary", q))
        yield pr
    finally:
        pr.stop()


@pytest.fixture(scope="module")
def hosts(servers, tmp_path_factory):
    with two_hosts(1, {"db.host": "127.0.0.1:%d" % servers.node("primary").port,
                       "db.replica.host": "127.0.0.1:%d" % servers.node("replica").port,
                       "db.replica.max_lag": str(MAX_LAG), "db.timeout": "5"},
                   tmp_path_factory.mktemp("replica")) as pair:
        yield pair


def executed(servers, which):
    rows = servers.sql(which, "SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'")
    return int(rows[0][1])


def post_ids(client, tid):
    return [int(p["id"]) for p in fh.posts(client.get("/t/%d" % tid).text)]


def log_of(stack, name="forum"):
    with open(os.path.join(stack.var, "log", name + ".err"), errors="replace") as f:
        return f.read()


def test_a_member_logged_in_on_one_host_is_on_the_other(hosts):
    a, b = hosts
    c = th.Client(a.url)
    th.login_ok(c, "maria")
    time.sleep(MAX_LAG + 1)  # the login's own fresh reads are over
    c.cookies.pop("tertulia_wrote", None)
    r = c.get(b.url + "/settings")
    assert r.status_code == 200 and "maria" in r.text


def test_pages_are_read_from_the_replica(servers, hosts):
    a, b = hosts
    visitor = th.Client(b.url)
    visitor.get("/")
    before = executed(servers, "replica")
    for path in ("/", "/c/help", "/c/recipes", "/products", "/ideas", "/search?q=cafe"):
        assert visitor.get(path).status_code == 200, path
    assert executed(servers, "replica") > before
    assert "reads that may be a moment old go to the replica" in log_of(b)


def test_a_reply_on_one_host_shows_on_the_other(servers, hosts):
    a, b = hosts
    writer = th.Client(a.url)
    th.login_ok(writer, "john")
    tid = fh.create_thread(writer)
    visitor, on_b = th.Client(b.url), th.Client(b.url)
    post_ids(visitor, tid)
    pid = fh.create_reply(writer, tid, "Written on host A, on the primary")
    # the writer, on the other host: read from the primary, at once
    on_b.cookies.update(writer.cookies)
    assert pid in post_ids(on_b, tid)
    # a visitor there: within the kept second and the replica's lag bound
    t0 = time.monotonic()
    wait_until(lambda: pid in post_ids(visitor, tid), timeout=10, interval=0.05,
               what="the visitor on host B to see the reply")
    assert time.monotonic() - t0 <= 1 + 2 * MAX_LAG + 0.5


def test_with_the_replica_stopped_every_page_still_answers(servers, hosts):
    a, b = hosts
    servers.stop_replica_server()
    try:
        member = th.Client(b.url)
        th.login_ok(member, "lucia")
        visitor = th.Client(b.url)
        for path in ("/", "/c/help", "/products", "/ideas", "/search?q=cafe"):
            assert visitor.get(path).status_code == 200, path
            assert member.get(path).status_code == 200, path
        tid = fh.create_thread(member)
        assert fh.create_reply(member, tid, "While the replica was down")
        assert "the replica" in log_of(b) and "every read goes to the primary" in log_of(b)
    finally:
        servers.start_replica_server()
