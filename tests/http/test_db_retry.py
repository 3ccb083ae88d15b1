"""A change the database rolls back for a reason that passes runs again,
whole, before the person sees an answer: a lock wait that timed out here,
as a deadlock or a Galera certification conflict would in a cluster.
After a few attempts the answer is an honest 503 that says nothing was
saved, and nothing is written twice. db.host may list several servers, and
a program skips one that does not answer.

The stack's db.timeout is 2 seconds, so a lock waits 1 second before the
server gives up on it (db/db.h)."""

import os
import subprocess

import pytest

import forum_http as fh
import tertulia_http as th
from stack import StackError, wait_until


@pytest.fixture(scope="module")
def stack(own_stack):
    return own_stack(workers=1, extra_config={"db.timeout": "2"})


@pytest.fixture
def member(stack):
    make, close = th.clients(stack.url)
    c = make()
    th.register(c)
    yield c
    close()


def locked_rows(stack):
    """Rows locked by open transactions now."""
    return int(stack.sql("SELECT COALESCE(SUM(trx_rows_locked), 0) "
                         "FROM information_schema.innodb_trx")[0][0])


class ThreadLock:
    """Another session that holds a thread's row for some seconds, as a
    writer on another node of a cluster would."""

    def __init__(self, stack, thread_id, seconds):
        self.stack = stack
        script = ("SELECT CONNECTION_ID(); BEGIN; "
                  "SELECT id FROM threads WHERE id = %d FOR UPDATE; SELECT 'locked'; "
                  "SELECT SLEEP(%s); COMMIT;\n" % (thread_id, seconds))
        self.proc = subprocess.Popen(
            ["mariadb", "--no-defaults", "-S", stack.socket, "-uroot", "--batch",
             "--skip-column-names", "--unbuffered", "tertulia"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, MYSQL_PWD=stack.conf_get("db.admin.password")), text=True)
        self.proc.stdin.write(script)
        self.proc.stdin.close()
        # the client says its connection's id, then "locked" once the row is held
        self.connection = self.proc.stdout.readline().strip()
        for line in self.proc.stdout:
            if line.strip() == "locked":
                return
        raise AssertionError("the lock was not taken: %s" % self.proc.stderr.read())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        # the server ends a session that sleeps only when told to
        if self.proc.poll() is None:
            try:
                self.stack.sql("KILL %s" % self.connection)
            except StackError:
                pass  # it ended meanwhile
            self.proc.kill()
        self.proc.wait(timeout=10)


def replies_with(stack, thread_id, body):
    return int(stack.sql("SELECT COUNT(*) FROM posts WHERE thread_id = %d AND body = '%s'"
                         % (thread_id, body))[0][0])


def program_log(stack, name="forum"):
    """What a program wrote to its error log (VAR/log/NAME.err)."""
    with open(os.path.join(stack.var, "log", name + ".err"), errors="replace") as f:
        return f.read()


class ReplyForm:
    """A new thread's reply form as the member's browser holds it: sent
    again, it carries the same token and nonce."""

    def __init__(self, member, what):
        self.member = member
        self.tid = fh.create_thread(member)
        self.body = "%s %s" % (what, th.unique_name("r"))
        csrf, nonce = fh.form_fields(member, "/t/%d" % self.tid)
        self.fields = {"csrf": csrf, "nonce": nonce, "body": self.body}

    def send(self):
        return fh.send_form(self.member, "/t/%d/reply" % self.tid, self.fields)


def test_a_reply_that_waited_too_long_for_a_lock_runs_again_and_is_saved_once(stack, member):
    form = ReplyForm(member, "Sent while another writer held the thread")
    tid, body = form.tid, form.body
    # the first attempt waits 1 s for the row and is rolled back; the lock
    # goes at 1.6 s, and the next attempt gets it
    with ThreadLock(stack, tid, 1.6):
        r = form.send()
    assert r.status_code == 303, r.text[:300]
    pid = fh.reply_id_of(r, tid)
    assert replies_with(stack, tid, body) == 1
    assert pid in [int(p["id"]) for p in fh.posts(member.get("/t/%d" % tid).text)]
    assert "attempt 1 rolled back; again" in program_log(stack)


def test_a_change_that_cannot_get_through_says_so_and_saves_nothing(stack, member):
    form = ReplyForm(member, "Sent while the thread stayed locked")
    tid, body = form.tid, form.body
    with ThreadLock(stack, tid, 12):
        r = form.send()
    assert r.status_code == 503
    assert r.headers.get("Retry-After")
    assert th.text("en", "err.busy") in th.visible_text(r.text)
    assert replies_with(stack, tid, body) == 0
    # the same form sent again once the writer is gone makes the reply once
    wait_until(lambda: locked_rows(stack) == 0, timeout=10, what="the lock gone")
    r = form.send()
    assert r.status_code == 303
    assert replies_with(stack, tid, body) == 1


def test_a_server_of_db_host_that_does_not_answer_is_skipped(own_stack):
    # port 1 of 127.0.0.1 refuses at once; the private server is reached
    # through its socket as "localhost"
    s = own_stack(workers=1, demo=False, extra_config={"db.host": "127.0.0.1:1, localhost"})
    r = th.clients(s.url)[0]().get("/")
    assert r.status_code == 200
    log = program_log(s)
    assert "connect to 127.0.0.1:1" in log
    assert "now on db.host entry 2" in log
