"""The HTTP tests on an existing MariaDB server, as a company would run
Tertulia: a server of its own (tests/cluster/mariadb_cluster.py, with
sql/server.cnf and its binary log on, as a primary's), reached over TCP
with an administrative account, and a subset of tests/http run against it
with TERTULIA_TEST_DB (tests/stack.py): each stack makes a database of its
own there. The subset covers accounts, the forum, reviews, ideas and
moderation; the tests that stop, fill or break a server of their own stay
on the private one."""

import os
import shutil
import subprocess
import sys

import pytest

from mariadb_cluster import PrimaryReplica

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(not shutil.which("mariadbd"), reason="mariadb-server is not installed"),
]

SUBSET = ["test_accounts.py", "test_forum.py", "test_reviews.py", "test_ideas.py",
          "test_moderation.py"]


def test_http_subset_on_an_existing_server():
    servers = PrimaryReplica()
    servers.start()
    try:
        servers.create_admin("tertulia_admin", "admin-pw-of-the-test")
        env = dict(os.environ,
                   TERTULIA_TEST_DB="127.0.0.1:%d" % servers.node("primary").port,
                   TERTULIA_TEST_DB_USER="tertulia_admin",
                   TERTULIA_TEST_DB_PASSWORD="admin-pw-of-the-test")
        res = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
            + [os.path.join("tests", "http", f) for f in SUBSET],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
        print(res.stdout[-3000:])
        assert res.returncode == 0, res.stdout[-6000:] + res.stderr[-3000:]
        # every stack's database was made there, and dropped at its end
        left = servers.sql("primary", "SHOW DATABASES LIKE 'tertulia\\_t%'")
        assert left == [], left
        assert "passed" in res.stdout.splitlines()[-1]
    finally:
        servers.stop()
