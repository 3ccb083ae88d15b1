"""The harness's own test: a Galera cluster of three survives a node's
SIGKILL and takes it back (by IST when it can), and a replica catches up
after a restart. Each step's time is printed (pytest -s shows it)."""

import os
import shutil
import socket
import subprocess
import time

import pytest

from mariadb_cluster import Galera, PrimaryReplica, _descendants
from stack import alive

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(not shutil.which("mariadbd"), reason="mariadb-server is not installed"),
]

TABLE = ("CREATE DATABASE h CHARACTER SET utf8mb4; "
         "CREATE TABLE h.t (id INT PRIMARY KEY AUTO_INCREMENT, v VARCHAR(40) NOT NULL)")


def timed(label, fn, *args, **kw):
    t = time.monotonic()
    value = fn(*args, **kw)
    print("  %-44s %6.2fs" % (label, time.monotonic() - t))
    return value


def values(rows):
    return sorted(r[1] for r in rows)


def tcp_login(port, user, password, query):
    res = subprocess.run(["mariadb", "--no-defaults", "-h", "127.0.0.1", "-P", str(port),
                          "-u", user, "--batch", "--skip-column-names", "-e", query],
                         capture_output=True, text=True, timeout=30,
                         env=dict(os.environ, MYSQL_PWD=password))
    assert res.returncode == 0, res.stderr
    return res.stdout.split()


def gone(pids):
    return not any(alive(p) for p in pids)


@pytest.mark.skipif(not os.path.exists("/usr/lib/galera/libgalera_smm.so"),
                    reason="galera-4 is not installed")
def test_galera_node_killed_and_rejoined():
    print()
    g = Galera(n=3)
    timed("galera: start 3 nodes (install, bootstrap, 2 SST)", g.start)
    print("  timings %s" % {k: round(v, 2) for k, v in g.timings.items()})
    try:
        for i in (1, 2, 3):
            assert g.status(i, "wsrep_cluster_size") == "3"
            assert g.status(i, "wsrep_local_state_comment") == "Synced"
        # every node loads sql/server.cnf
        assert g.sql(2, "SELECT @@innodb_ft_min_token_size, @@character_set_server") \
            == [["2", "utf8mb4"]]
        g.sql(1, TABLE + "; INSERT INTO h.t (v) VALUES ('first')")
        assert values(g.sql(2, "SELECT * FROM h.t")) == ["first"]
        assert values(g.sql(3, "SELECT * FROM h.t")) == ["first"]

        g.create_admin("app", "app-pw")
        for i in (1, 2, 3):
            assert tcp_login(g.node(i).port, "app", "app-pw", "SELECT COUNT(*) FROM h.t") == ["1"]

        pid = g.pid(2)
        timed("galera: SIGKILL node 2", g.kill, 2)
        assert gone([pid])
        timed("galera: write on node 1 (waits for the eviction)", g.sql, 1,
              "INSERT INTO h.t (v) VALUES ('while node 2 was down')")
        g.sql(3, "INSERT INTO h.t (v) VALUES ('on node 3 too')")
        assert g.status(1, "wsrep_cluster_size") == "2"

        info = timed("galera: restart node 2 (recover + rejoin)", g.restart, 2)
        print("  node 2 rejoined by %s: %.2fs to Synced, +%.2fs --wsrep-recover (%s)"
              % (info["method"], info["seconds"], info["recover_seconds"], info["position"]))
        assert values(g.sql(2, "SELECT * FROM h.t")) == \
            ["first", "on node 3 too", "while node 2 was down"]
        for i in (1, 2, 3):
            assert g.status(i, "wsrep_cluster_size") == "3"
        # a big enough gcache holds what node 2 missed: an incremental transfer
        assert info["method"] == "IST"
        g.sql(2, "INSERT INTO h.t (v) VALUES ('from node 2')")
        assert "from node 2" in values(g.sql(1, "SELECT * FROM h.t"))
    finally:
        pids = [g.pid(i) for i in (1, 2, 3) if g.pid(i)]
        pids += [k for p in pids for k in _descendants(p)]
        folder = g.dir
        timed("galera: stop", g.stop)
    assert gone(pids)
    assert g.keep or not os.path.exists(folder)


def test_primary_replica_catches_up():
    print()
    pr = PrimaryReplica()
    timed("replication: start primary + replica", pr.start)
    print("  timings %s" % {k: round(v, 2) for k, v in pr.timings.items()})
    try:
        assert pr.sql("primary", "SELECT @@server_id, @@gtid_strict_mode, @@log_bin, "
                      "@@binlog_format") == [["1", "1", "1", "ROW"]]
        assert pr.sql("replica", "SELECT @@server_id, @@read_only, @@innodb_ft_min_token_size") \
            == [["2", "1", "2"]]
        pr.sql("primary", TABLE + "; INSERT INTO h.t (v) VALUES ('first')")
        pos = pr.gtid_current_pos("primary")
        assert pr.sql("replica", "SELECT MASTER_GTID_WAIT('%s', 5)" % pos) == [["0"]]
        assert values(pr.sql("replica", "SELECT * FROM h.t")) == ["first"]
        assert pr.gtid_current_pos("replica") == pos
        assert pr.lag()["caught_up"]

        pr.create_admin("app", "app-pw")
        pr.wait_replica()
        assert tcp_login(pr.node("replica").port, "app", "app-pw",
                         "SELECT COUNT(*) FROM h.t") == ["1"]

        timed("replication: stop the replica (SIGTERM)", pr.stop_replica_server)
        pr.sql("primary", "INSERT INTO h.t (v) VALUES ('while the replica was down')")
        assert not pr.servers["replica"].running()
        timed("replication: start the replica, catch up", pr.start_replica_server)
        assert values(pr.sql("replica", "SELECT * FROM h.t")) == \
            ["first", "while the replica was down"]

        timed("replication: SIGKILL the replica", pr.stop_replica_server, kill=True)
        pr.sql("primary", "INSERT INTO h.t (v) VALUES ('after the crash')")
        timed("replication: start the replica, catch up", pr.start_replica_server)
        assert values(pr.sql("replica", "SELECT * FROM h.t")) == \
            ["after the crash", "first", "while the replica was down"]
        lag = pr.lag()
        assert lag["caught_up"] and lag["io_running"] == "Yes" and lag["sql_running"] == "Yes"
    finally:
        pids = [s.pid for s in pr.servers.values() if s.pid]
        folder = pr.dir
        timed("replication: stop", pr.stop)
    assert gone(pids)
    assert pr.keep or not os.path.exists(folder)


def test_failed_start_leaves_nothing():
    """A node that cannot start (its port is taken): the start raises with
    the logs, and what had started is stopped, the folder removed."""
    print()
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen(1)
    pr = PrimaryReplica(timeout=30)
    orig = pr._configure

    def configure():
        orig()
        s = pr.servers["replica"]
        with open(s.cnf) as f:
            text = f.read()
        with open(s.cnf, "w") as f:
            f.write(text.replace("port = %d" % s.port,
                                 "port = %d" % blocker.getsockname()[1], 1))
    pr._configure = configure
    try:
        with pytest.raises(Exception) as e:
            timed("replication: start that fails", pr.start)
    finally:
        blocker.close()
    assert "mariadb.err" in str(e.value)
    assert not pr.started and not os.path.exists(pr.dir)
    assert all(s.proc is None or s.proc.poll() is not None for s in pr.servers.values())
