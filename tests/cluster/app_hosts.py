"""Two Tertulia app hosts on a database of the cluster tests: the first
made from its own configuration (its demo loaded there), the second from
the first's with `tertuliactl host config`, as the README's recipe says.

    with two_hosts(workers, {"db.host": ...}, folder) as (a, b): ...

ADMIN is the administrative account a test creates on its servers."""

import contextlib

from stack import Stack

ADMIN = ("tertulia_root", "root-pw-of-the-test")


def create_database(sql):
    """As the README asks of an existing server: the database exists. sql
    runs a statement on a server of the topology."""
    sql("CREATE DATABASE tertulia CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")


@contextlib.contextmanager
def two_hosts(workers, db_config, folder, second_config=None):
    """Hosts A and B on the servers db_config names (db.* keys of A's
    configuration); second_config adds lines to B's. Both are stopped by
    pid, whatever happens."""
    a = Stack(workers=workers, demo=True, extra_config=dict(
        {"db.private": "0", "db.admin.user": ADMIN[0], "db.admin.password": ADMIN[1]},
        **db_config))
    b = None
    try:
        a.start()
        path = str(folder / "b.conf")
        a.ctl("host", "config", "--out", path)
        with open(path, "a") as f:
            f.write("".join("%s = %s\n" % kv for kv in (second_config or {}).items()))
        b = Stack(workers=workers, demo=False, config=path)
        b.start()
        yield a, b
    finally:
        for s in (b, a):
            if s is not None:
                s.stop()
