"""The stack among the other users of its host, and kept running: what a
local user who is not the stack's own can reach under VAR (the database,
the programs' sockets, the configuration, the logs), that tokens stay out
of the request logs, and that the supervisor cgi/stack.sh starts brings a
program's master back when it dies, while `stop` stops everything for
good. A stack of its own: these tests kill and stop things."""

import base64
import hashlib
import hmac
import os
import signal
import socket
import stat
import subprocess
import time

import pytest

import tertulia_http as th
from stack import proc_stat, wait_until

# Someone else on the host: the tests run as root, who can become nobody.
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="becoming another user needs root")

# The areas the restart test uses, by a page each program serves.
AREAS = {"forum": "/", "ideas": "/ideas", "account": "/login"}


@pytest.fixture(scope="module")
def own(own_stack):
    """This module's own stack: its tests kill and stop things."""
    return own_stack(workers=1)


def as_nobody(*argv):
    """Runs argv as the user nobody, with no supplementary groups; returns
    the CompletedProcess (text)."""
    return subprocess.run(list(argv), user="nobody", group="nogroup", extra_groups=[],
                          cwd="/", capture_output=True, text=True, timeout=30)


def root_login(own, password):
    """Runs SELECT 1 as MariaDB's root through the stack's socket with
    password (as the stack's own user); returns the CompletedProcess."""
    return subprocess.run(["mariadb", "--no-defaults", "-S", own.socket, "-uroot",
                           "-e", "SELECT 1"], capture_output=True, text=True, timeout=30,
                          env=dict(os.environ, MYSQL_PWD=password))


def others_may(path):
    """The permission bits path gives to users other than its owner."""
    return stat.S_IMODE(os.stat(path).st_mode) & 0o077


def program_sockets(own):
    run = os.path.join(own.var, "run")
    socks = sorted(os.path.join(run, f) for f in os.listdir(run)
                   if f.endswith(".sock") and f != "mysqld.sock")
    assert len(socks) == 6, socks
    return socks


def log_files(own):
    logdir = os.path.join(own.var, "log")
    files = sorted(os.path.join(logdir, f) for f in os.listdir(logdir))
    assert any(f.endswith("nginx-error.log") for f in files), files
    assert any(f.endswith("account.log") for f in files), files
    return files


# ------------------------------------------------------------ other users

@as_root
def test_another_user_cannot_reach_the_database(own):
    res = as_nobody("mariadb", "--no-defaults", "-S", own.socket, "-uroot", "-e", "SELECT 1")
    assert res.returncode != 0, res.stdout
    assert "(13)" in res.stderr, res.stderr  # EACCES: the folder keeps them out


def test_mariadb_root_needs_the_configured_password(own):
    password = own.conf_get("db.admin.password")
    assert len(password) >= 32, "db.admin.password is %r" % password
    refused = root_login(own, "")
    assert refused.returncode != 0 and "Access denied" in refused.stderr, refused
    assert root_login(own, password).returncode == 0
    # the roots mariadb-install-db makes for TCP have no password: gone
    assert own.sql("SELECT COUNT(*) FROM mysql.user WHERE user IN ('root', '')") == [["1"]]


@as_root
def test_another_user_cannot_talk_to_the_programs(own):
    for path in program_sockets(own):
        res = as_nobody("/usr/bin/python3", "-c",
                        "import socket, sys\n"
                        "s = socket.socket(socket.AF_UNIX)\n"
                        "s.connect(sys.argv[1])\n", path)
        assert res.returncode != 0, "nobody connected to %s" % path
        assert "PermissionError" in res.stderr, res.stderr


def test_program_sockets_are_for_their_user_and_group_only(own):
    for path in program_sockets(own):
        mode = stat.S_IMODE(os.stat(path).st_mode)
        assert mode & 0o007 == 0, "%s is %o" % (path, mode)
    assert others_may(os.path.join(own.var, "run")) == 0


@as_root
def test_another_user_cannot_read_the_configuration(own):
    res = as_nobody("cat", own.conf)
    assert res.returncode != 0 and "Permission denied" in res.stderr, res
    assert "secret" not in res.stdout
    assert others_may(own.conf) == 0


@as_root
def test_another_user_cannot_read_the_logs(own):
    logdir = os.path.join(own.var, "log")
    res = as_nobody("ls", logdir)
    assert res.returncode != 0 and "Permission denied" in res.stderr, res
    for path in log_files(own):
        res = as_nobody("cat", path)
        assert res.returncode != 0 and "Permission denied" in res.stderr, (path, res)


def test_log_files_and_their_folder_are_the_stack_users(own):
    assert others_may(os.path.join(own.var, "log")) == 0
    for path in log_files(own):
        mode = stat.S_IMODE(os.stat(path).st_mode)
        assert mode & 0o007 == 0, "%s is %o" % (path, mode)


def test_the_site_still_works_through_nginx(own):
    c = th.Client(own.url)
    assert c.get("/healthz").text.strip() == "ok"
    th.login_ok(c, "john")
    assert c.get("/settings").status_code == 200
    assert c.get("/ideas").status_code == 200


# ------------------------------------------------------------ tokens and logs

def unsubscribe_token(own, payload):
    """A token as the mail sender signs it (web/token.h)."""
    key = bytes.fromhex(own.conf_get("secret"))
    mac = hmac.new(key, b"unsubscribe:" + payload.encode(), hashlib.sha512).digest()[:32]
    return payload + "." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def test_unsubscribe_tokens_stay_out_of_the_request_log(own):
    uid = own.sql("SELECT id FROM users WHERE username = 'oliver'")[0][0]
    token = unsubscribe_token(own, "%s.all" % uid)
    c = th.Client(own.url)
    r = c.get("/unsubscribe/" + token)
    assert r.status_code == 200, r.status_code  # the token is good: the page asks
    r = c.post("/unsubscribe/" + token, follow=False)
    assert r.status_code < 400, r.status_code
    assert own.sql("SELECT mode FROM email_prefs WHERE user_id = %s" % uid) == [["none"]]
    log = os.path.join(own.var, "log", "account.log")
    with open(log) as f:
        lines = [line for line in f if "/unsubscribe/" in line]
    assert len(lines) >= 2, lines
    for line in lines:
        assert token not in line and uid + ".all" not in line, line
        assert "/unsubscribe/:s" in line, line


# ------------------------------------------------------------ the supervisor

def answers(own, path):
    try:
        return th.Client(own.url).get(path, timeout=5).status_code == 200
    except OSError:
        return False


def supervisor_log(own):
    with open(os.path.join(own.var, "log", "supervisor.log")) as f:
        return f.read()


def test_a_master_that_dies_is_started_again(own):
    for program, path in AREAS.items():
        assert answers(own, path), program
    before = {p: own.pids(p)[0] for p in list(AREAS) + ["mail"]}
    assert all(before.values()), before
    os.kill(before["forum"], signal.SIGKILL)
    os.kill(before["ideas"], signal.SIGTERM)
    os.kill(before["mail"], signal.SIGKILL)
    t0 = time.monotonic()
    for program in ("forum", "ideas", "mail"):
        now = wait_until(lambda: own.pids(program)[0] not in (None, before[program])
                         and own.pids(program)[0], 10, interval=0.1,
                         what="%s to be started again" % program)
        line = "%s: started again (pid %d)" % (program, now)
        wait_until(lambda: line in supervisor_log(own), 5, what="the log to say " + line)
    for program in ("forum", "ideas"):
        wait_until(lambda: answers(own, AREAS[program]), 10, interval=0.2,
                   what="%s to answer again" % program)
    took = time.monotonic() - t0
    assert took < 10, took
    # the account program, untouched, was left alone
    assert own.pids("account")[0] == before["account"]
    assert "account:" not in supervisor_log(own)
    own._remember_daemons()


def test_a_program_that_keeps_dying_waits_longer_each_time(own):
    """The waits double: 1 s, then 2 s (and up to 30 s), so that a program
    that cannot start does not spin."""
    forum = own.pids("forum")[0]
    os.kill(forum, signal.SIGKILL)
    wait_until(lambda: own.pids("forum")[0] not in (None, forum), 15,
               what="forum to be started again")
    assert "forum: not running; starting it again in 2s" in supervisor_log(own)
    wait_until(lambda: answers(own, "/"), 10, what="the forum to answer")
    own._remember_daemons()


# ------------------------------------------------------------ an old folder

def test_an_old_folder_is_made_private_on_the_next_start(own):
    """What the stack left before: root without a password (and more roots),
    a configuration without it, folders and files anyone could read. The
    next start puts it right."""
    own.sql("CREATE USER 'root'@'127.0.0.1'; ALTER USER 'root'@'localhost' IDENTIFIED BY ''")
    with open(own.conf) as f:
        text = f.read()
    with open(own.conf, "w") as f:
        f.write("".join(line for line in text.splitlines(True)
                        if not line.startswith("db.admin.password")) + "db.admin.password =\n")
    os.chmod(own.conf, 0o644)
    for d in ("run", "log"):
        os.chmod(os.path.join(own.var, d), 0o755)
    os.chmod(os.path.join(own.var, "log", "account.log"), 0o644)
    assert root_login(own, "").returncode == 0
    res = own.stack_sh("stop")
    assert res.returncode == 0, res.stderr
    res = own.stack_sh("start")
    assert res.returncode == 0, res.stderr
    password = own.conf_get("db.admin.password")
    assert len(password) >= 32, password
    assert root_login(own, "").returncode != 0
    assert root_login(own, password).returncode == 0
    assert own.sql("SELECT host FROM mysql.user WHERE user = 'root'") == [["localhost"]]
    assert others_may(own.conf) == 0
    for d in ("run", "log"):
        assert others_may(os.path.join(own.var, d)) == 0, d
    assert others_may(os.path.join(own.var, "log", "account.log")) == 0
    assert answers(own, "/") and answers(own, "/login")


# ------------------------------------------------------------ stopping

def test_stop_stops_the_supervisor_and_everything(own):
    supervisor = own.pids("supervisor")[0]
    assert supervisor, "no supervisor is running"
    pids = own.all_pids()
    assert supervisor in pids and len(pids) > 10, pids
    logged = len(supervisor_log(own))
    res = own.stack_sh("stop")
    assert res.returncode == 0, res.stderr

    def left():
        return [p for p in pids if proc_stat(p) and proc_stat(p)[0] not in ("Z", "X")]
    assert left() == [], "still running after cgi/stack.sh stop: %s" % left()
    # and nothing is started again afterwards
    time.sleep(2.5)
    run = os.path.join(own.var, "run")
    assert [f for f in os.listdir(run) if f.endswith((".pid", ".sock"))] == []
    assert left() == []
    # the supervisor was stopped first: it saw nothing go, and said so
    during = supervisor_log(own)[logged:]
    assert during.count("\n") == 1 and during.rstrip().endswith(" stopped"), during
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", own.port), timeout=2).close()
