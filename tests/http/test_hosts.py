"""Several app hosts on one database (cgi/ctl/hosts.c): a host that joins
changes no database account, so it cannot lock the others out; a second
host made from the first's configuration (tertuliactl host config) serves
the same community; and `passwords rotate` followed by copying the
configuration and restarting brings every host back.

The hosts here are stacks of one machine: the first runs its private
MariaDB, the others have db.private = 0 and reach it through its socket."""

import os
import re
import signal
import subprocess
import time

import pytest

import tertulia_http as th
from stack import Stack, StackError, alive, wait_until

PROGRAMS = ["account", "forum", "reviews", "ideas", "moderation", "insights", "mail"]


@pytest.fixture(scope="module")
def first(own_stack):
    return own_stack(workers=1)


def host_config(first, path):
    """A new host's configuration made from the first's, at path."""
    res = first.ctl("host", "config", "--out", str(path))
    assert "wrote " + str(path) in res.stdout
    return str(path)


def passwords(stack_or_path):
    """{program: its db.NAME.password} of a configuration."""
    path = stack_or_path if isinstance(stack_or_path, str) else stack_or_path.conf
    out = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"db\.([a-z]+)\.password\s*=\s*(\S*)", line)
            if m and m.group(1) != "admin":
                out[m.group(1)] = m.group(2)
    return out


def account_takes(first, program, password):
    """Whether the database lets tertulia_PROGRAM in with password."""
    res = subprocess.run(["mariadb", "--no-defaults", "-S", first.socket,
                          "-utertulia_" + program, "-e", "SELECT 1"],
                         capture_output=True, text=True, timeout=30,
                         env=dict(os.environ, MYSQL_PWD=password))
    return res.returncode == 0


def restart_programs(stack):
    """Stops every program's master and the mail sender (SIGTERM): the
    supervisor starts them again, and they connect anew."""
    before = {p: stack.pids(p)[0] for p in PROGRAMS}
    assert all(before.values()), before
    for pid in before.values():
        os.kill(pid, signal.SIGTERM)
    for p, pid in before.items():
        wait_until(lambda: stack.pids(p)[0] not in (None, pid) and alive(stack.pids(p)[0]),
                   30, interval=0.1, what="%s to be started again" % p)
    stack._remember_daemons()
    wait_until(lambda: th.Client(stack.url).get("/login").status_code == 200, 20,
               interval=0.2, what="the programs to answer")


def works_logged_in(url, name="maria"):
    """A member logs in on the host at url and reads pages of each area."""
    c = th.Client(url)
    th.login_ok(c, name)
    for path in ("/", "/settings", "/ideas", "/products", "/notifications"):
        r = c.get(path)
        assert r.status_code == 200, "%s%s answered %d" % (url, path, r.status_code)
    assert c.get("/index.json").json()["me"]["name"] == name
    return c


def test_a_host_with_passwords_of_its_own_changes_no_account(first, tmp_path):
    # as a second host whose own `make run` wrote new passwords: its start
    # stops at migrate, saying why, and leaves every account as it was
    path = host_config(first, tmp_path / "own.conf")
    with open(path) as f:
        text = f.read()
    for program, pw in passwords(path).items():
        text = text.replace(pw, os.urandom(16).hex())
    with open(path, "w") as f:
        f.write(text)
    other = Stack(workers=1, demo=False, config=path)
    try:
        with pytest.raises(StackError) as e:
            other.start()
    finally:
        other.stop()
    assert "migrations failed" in str(e.value)
    assert "the database refuses tertulia_account with db.account.password" in str(e.value)
    assert "tertuliactl host config" in str(e.value)
    for program, pw in passwords(first).items():
        assert account_takes(first, program, pw), program
    restart_programs(first)
    works_logged_in(first.url)


@pytest.fixture(scope="module")
def second(first, own_stack, tmp_path_factory):
    path = host_config(first, tmp_path_factory.mktemp("hosts") / "second.conf")
    return own_stack(workers=1, demo=False, config=path)


def test_the_second_host_is_made_from_the_first(first, second):
    assert second.conf_get("db.private") == "0"
    for key in ("secret", "db.socket", "db.name", "db.admin.password", "smtp.port",
                "site.brand"):
        assert second.conf_get(key) == first.conf_get(key), key
    assert passwords(second) == passwords(first) and len(passwords(first)) == 7
    # its own files are left to the defaults
    for key in ("templates", "sql_dir", "sentiment.lexicon_dir"):
        assert first.conf_get(key) and second.conf_get(key) == "", key
    # and a host's configuration is made once
    res = first.ctl("host", "config", "--out", second.conf, check=False)
    assert res.returncode == 1 and "exists already" in res.stderr
    assert passwords(second) == passwords(first)


def test_the_second_host_joins_and_the_first_keeps_working(first, second):
    # the second's start (its migrate) did not touch the first's accounts:
    # the first's programs, started anew, connect and serve members
    restart_programs(first)
    c = works_logged_in(first.url)
    # one community: the first's session is good on the second (the same
    # secret and database), and members log in there too
    r = c.get(second.url + "/settings")
    assert r.status_code == 200 and "maria" in r.text
    works_logged_in(second.url, "john")
    assert second.ctl("migrate").returncode == 0


def test_rotated_passwords_reach_every_host_with_the_configuration(first, second, tmp_path):
    old = passwords(first)
    res = first.ctl("passwords", "rotate")
    assert "Every host needs it" in res.stdout
    new = passwords(first)
    assert set(new) == set(old) and all(new[p] != old[p] for p in old)
    for program in old:
        assert account_takes(first, program, new[program]), program
        assert not account_takes(first, program, old[program]), program
    assert "tertulia_mail: new password" in res.stdout
    # the second, not given the new file yet, says so rather than starting
    res = second.ctl("migrate", check=False)
    assert res.returncode == 1 and "refuses tertulia_account" in res.stderr
    # copy the configuration to the second host, then restart both
    path = host_config(first, tmp_path / "second.conf")
    os.replace(path, second.conf)
    assert passwords(second) == new
    for s in (second, first):
        assert s.stack_sh("stop").returncode == 0
    for s in (first, second):
        res = s.stack_sh("start")
        assert res.returncode == 0, res.stderr + s.logs()
    works_logged_in(first.url)
    works_logged_in(second.url, "lucia")
    # rotating one program changes only its password
    res = first.ctl("passwords", "rotate", "forum")
    now = passwords(first)
    assert now["forum"] != new["forum"]
    assert {p: v for p, v in now.items() if p != "forum"} == \
        {p: v for p, v in new.items() if p != "forum"}
    # and a command line that names something else changes nothing
    res = first.ctl("passwords", "rotate", "forum", "nosuch", check=False)
    assert res.returncode == 2 and "'nosuch'" in res.stderr
    assert passwords(first) == now


def thread_post_ids(client, tid):
    import forum_http as fh
    return [int(p["id"]) for p in fh.posts(client.get("/t/%d" % tid).text)]


def test_a_write_on_one_host_is_seen_on_the_other_within_a_second(first, second):
    """Each host keeps what it read for cache.visitor_seconds (1 by
    default): a visitor on the second host sees a reply written on the
    first within that second."""
    import forum_http as fh
    c = th.Client(first.url)
    th.login_ok(c, "maria")
    tid = fh.create_thread(c)
    visitor = th.Client(second.url)
    thread_post_ids(visitor, tid)
    pid = fh.create_reply(c, tid, "Written on the first host")
    t0 = time.monotonic()
    wait_until(lambda: pid in thread_post_ids(visitor, tid), timeout=3, interval=0.05,
               what="the visitor on the second host to see the reply")
    assert time.monotonic() - t0 <= 1.2


def test_the_writer_sees_their_write_at_once_on_any_host(first, own_stack, tmp_path_factory):
    """The member who wrote sees it on the page the 303 leads to, whichever
    host draws it: here a host that keeps what it reads for 30 seconds."""
    import forum_http as fh
    path = host_config(first, tmp_path_factory.mktemp("hosts") / "keeping.conf")
    with open(path, "a") as f:
        f.write("cache.visitor_seconds = 30\n")
    keeping = own_stack(workers=1, demo=False, config=path)
    c = th.Client(first.url)
    th.login_ok(c, "maria")
    tid = fh.create_thread(c)
    on_b, other = th.Client(keeping.url), th.Client(keeping.url)
    on_b.cookies.update(c.cookies)
    th.login_ok(other, "john")
    other.cookies.pop("tertulia_wrote")  # logging in wrote: as if it were long ago
    before = thread_post_ids(on_b, tid)
    assert thread_post_ids(other, tid) == before
    r = fh.post_reply(c, tid, "Written on the first host")
    assert r.status_code == 303
    assert th.cookie_line(r, "tertulia_wrote")
    pid = fh.reply_id_of(r, tid)
    on_b.cookies.update(c.cookies)
    assert pid in thread_post_ids(on_b, tid)
    # another member there still reads the kept copy, for up to 30 s
    assert pid not in thread_post_ids(other, tid)
