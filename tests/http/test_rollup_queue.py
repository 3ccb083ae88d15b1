"""The rows every writer shares (a category's counters, the insight
rollups of the day) are not written in the writer's transaction: the write
queues jobs with it (rollup_queue), the program applies them right after
the commit, and `tertuliactl drain` what is left. So a reply commits while
another transaction holds those rows, and nothing it counts for is lost.
"""
import os
import subprocess
import time

import tertulia_http as th
from mod_helpers import new_thread, reply


def category_counts(stack, slug):
    row = stack.sql("SELECT id, thread_count, post_count, "
                    "COALESCE(UNIX_TIMESTAMP(last_post_at), 0) FROM categories "
                    "WHERE slug = '%s'" % slug)[0]
    return int(row[0]), int(row[1]), int(row[2]), int(row[3])


def queued(stack):
    return int(stack.sql("SELECT COUNT(*) FROM rollup_queue")[0][0])


def wait_for(what, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if what():
            return True
        time.sleep(0.2)
    return what()


def hold_rows(stack, sql, seconds):
    """A MariaDB session that locks the rows sql selects FOR UPDATE and holds
    them for seconds; returns it (a Popen) once the lock is taken."""
    holder = subprocess.Popen(
        ["mariadb", "--no-defaults", "-S", stack.socket, "-uroot", "tertulia", "-e",
         "BEGIN; %s FOR UPDATE; SELECT SLEEP(%d); ROLLBACK;" % (sql, seconds)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, MYSQL_PWD=stack.conf_get("db.admin.password")))
    assert wait_for(lambda: stack.sql(
        "SELECT COUNT(*) FROM information_schema.processlist "
        "WHERE info LIKE 'SELECT SLEEP(%'")[0][0] == "1", 10), "the lock was not taken"
    return holder


def test_a_write_counts_at_once_and_leaves_nothing_queued(stack, member):
    c, _ = member
    tid, _ = new_thread(c, category="cafe")
    _, threads, posts, _ = category_counts(stack, "cafe")
    reply(c, tid)
    reply(c, tid)
    # the page the reply leads to, and the category list, count them
    assert category_counts(stack, "cafe")[1:3] == (threads, posts + 2)
    assert queued(stack) == 0
    home = c.get("/c/cafe.json").json()
    assert home["category"]["post_count"] == posts + 2


def test_a_reply_commits_while_the_shared_rows_are_held(stack, as_demo):
    # a member of long standing: a new member's first posts are held for
    # moderators, and the queue's row refers to the category (a foreign
    # key, which reads the category's row)
    c = as_demo("john")
    tid, _ = new_thread(c, category="help")
    cid, threads, posts, _ = category_counts(stack, "help")
    # another transaction holds the category's counters and every rollup
    # row of today: the reply does not wait for it
    holder = hold_rows(stack, "SELECT c.id FROM categories c, insight_daily_all d "
                       "WHERE c.id = %d AND d.day >= UTC_DATE()" % cid, 12)
    try:
        started = time.monotonic()
        rid = reply(c, tid, "Escrito mientras otra transacción tiene los contadores.")
        took = time.monotonic() - started
        assert holder.poll() is None, "the holder let go before the reply was answered"
        # answered before the lock wait (db.timeout / 2 = 5 s) ran out for the
        # reply; the program's own attempt at the jobs waited once
        assert took < 12, took
        # the reply is there at once; its counts are queued, not lost
        assert rid in [p["id"] for p in c.get("/t/%d.json" % tid).json()["posts"]]
        assert queued(stack) >= 1
    finally:
        holder.kill()
        holder.wait()
    # the drain applies what was left, once
    assert wait_for(lambda: queued(stack) == 0, 15), "the jobs stayed queued"
    assert category_counts(stack, "help")[1:3] == (threads, posts + 1)
    items = stack.sql("SELECT COUNT(*) FROM insight_items WHERE kind = 'post' AND item_id = %d"
                      % rid)
    assert items == [["1"]]


def test_the_drain_runs_beside_the_programs(stack):
    # make run starts it, and the supervisor keeps it (log/drain.log)
    with open(os.path.join(stack.var, "run", "drain.pid")) as f:
        pid = int(f.read())
    os.kill(pid, 0)
    out = stack.ctl("drain")
    assert out.stdout.endswith("queued jobs applied\n")
