"""Backups (make backup, make restore FILE=...; cgi/backup.sh): a backup
taken while members write restores to exactly what it held (row counts and
CHECKSUM TABLE of every table), consistent, with the site working on it.
On a stack of its own: a restore replaces the whole database."""

import os
import subprocess
import threading

import pytest

import forum_http as fh
import tertulia_http as th
from db_checks import check_consistent, fingerprint

pytestmark = pytest.mark.slow  # a stack of its own; not again under ASan

# Tables a daemon keeps changing on its own: compared by their row counts.
# (The mail sender, tertuliactl mail, counts its attempts in the outbox.)
LIVE = {"outbox"}


def snapshot(stack):
    return {t: (v[0] if t in LIVE else v) for t, v in fingerprint(stack).items()}


@pytest.fixture(scope="module")
def own(own_stack):
    """This module's own stack: a restore replaces the whole database."""
    return own_stack(workers=2, demo=True)


def make(stack, *args):
    # (--no-print-directory: under `make test` the outer make's flags would
    # add "Entering directory" lines to what the target prints)
    res = subprocess.run(["make", "-s", "--no-print-directory", "-C", th.ROOT] + list(args),
                         env=dict(os.environ, VAR=stack.var), capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, "make %s: %s%s" % (" ".join(args), res.stdout, res.stderr)
    return res.stdout


def test_backup_and_restore_round_trip(own):
    c = th.Client(own.url)
    th.login_ok(c, "maria")
    tid = fh.create_thread(c, "cafe", "Before the backup " + th.unique_name("b"))

    # a backup while another member keeps writing: one consistent snapshot
    writer = th.Client(own.url)
    th.login_ok(writer, "john")
    stop = threading.Event()

    def write():
        while not stop.is_set():
            fh.post_reply(writer, tid, "Written during the backup " + th.unique_name("w"))

    t = threading.Thread(target=write)
    t.start()
    try:
        out = make(own, "backup")
    finally:
        stop.set()
        t.join(60)
    path = out.strip().splitlines()[-1]
    assert path.startswith(os.path.join(own.var, "backups") + "/") and path.endswith(".sql.gz")
    assert os.stat(path).st_mode & 0o077 == 0, "a backup others can read"
    assert os.stat(os.path.dirname(path)).st_mode & 0o077 == 0

    # what the backup holds: restore it once to know
    make(own, "restore", "FILE=" + path)
    check_consistent(own)
    saved = snapshot(own)
    assert int(saved["users"][0]) >= 8 and int(saved["posts"][0]) > 0, saved

    # then change things and restore again: exactly the same as before
    fh.create_reply(c, tid, "After the backup")
    fh.create_thread(c, "help", "After the backup " + th.unique_name("a"))
    own.ctl("user", "role", "maria", "+staff")
    assert snapshot(own) != saved
    out = make(own, "restore", "FILE=" + path)
    assert "before:" in out  # the database as it was, kept in case
    assert snapshot(own) == saved

    # the site works on the restored database, with what it held
    c2 = th.Client(own.url)
    th.login_ok(c2, "maria")
    assert "staff" not in (c2.get("/index.json").json()["me"].get("roles") or {})
    r = c2.get("/t/%d" % tid)
    assert r.status_code == 200
    assert "After the backup" not in r.text
    assert fh.post_reply(c2, tid, "After the restore").status_code == 303
    assert own.ctl("migrate").returncode == 0  # nothing to do, nothing broken


def test_restore_refuses_what_is_not_a_whole_backup(own, tmp_path):
    before = snapshot(own)
    cut = tmp_path / "cut.sql.gz"
    good = sorted(os.listdir(os.path.join(own.var, "backups")))
    with open(os.path.join(own.var, "backups", good[-1]), "rb") as f:
        data = f.read()
    cut.write_bytes(data[:len(data) // 2])
    for bad in (str(cut), str(tmp_path / "missing.sql.gz"), "/etc/hostname"):
        res = subprocess.run(["make", "-s", "-C", th.ROOT, "restore", "FILE=" + bad],
                             env=dict(os.environ, VAR=own.var), capture_output=True, text=True)
        assert res.returncode != 0, bad
    res = subprocess.run(["make", "-s", "-C", th.ROOT, "restore"],
                         env=dict(os.environ, VAR=own.var), capture_output=True, text=True)
    assert res.returncode != 0 and "usage" in res.stderr
    assert snapshot(own) == before, "a refused restore changed the database"
