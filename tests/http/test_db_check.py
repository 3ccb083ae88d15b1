"""`tertuliactl check [--repair]`, the operator's step after an incident
(README, "When the disk fills up").

MariaDB flags a secondary index as corrupted when it finds one out of
order, and may do so after running out of space mid-change (CI saw it on
the outbox after the full-disk fault test). The rows are whole in the
clustered index; every query through the flagged index fails until the
table is rebuilt. Here the same state is made on purpose: with MariaDB
stopped, two bytes of a key in a leaf page of `users`' email index are
changed so that the page is out of order, and the page checksum is made
valid again, so that InnoDB reads the page and only CHECK TABLE finds what
is wrong. The stack is this module's own, since the test stops MariaDB.
"""

import os

import pytest

from db_checks import break_index_order, check_consistent, fingerprint, tables
import tertulia_http as th

pytestmark = pytest.mark.slow

@pytest.fixture(scope="module")
def own(own_stack):
    """This module's own stack: its test stops MariaDB and breaks an index."""
    return own_stack(workers=1, demo=True)


def test_check_finds_every_table_sound_on_a_healthy_database(own):
    res = own.ctl("check")
    assert res.returncode == 0
    assert res.stdout == "%d tables checked, 0 not sound\n" % len(tables(own)), res.stdout


def test_repair_rebuilds_a_table_with_a_corrupted_index(own):
    index_id = int(own.sql(
        "SELECT i.index_id FROM information_schema.innodb_sys_indexes i "
        "JOIN information_schema.innodb_sys_tables t ON t.table_id = i.table_id "
        "WHERE t.name = 'tertulia/users' AND i.name = 'users_email'")[0][0])
    # the first address in the index's order, made to sort after all the others
    first = own.sql("SELECT email FROM users ORDER BY email LIMIT 1")[0][0].encode()
    assert own.sql("SELECT COUNT(*) FROM users")[0][0] != "1"
    # the rows themselves: CHECKSUM TABLE of a table with a generated column
    # (users.username_key) is not kept by a rebuild, though every value is
    before = own.sql("SELECT * FROM users ORDER BY id")
    own.stop_mariadb()
    break_index_order(os.path.join(own.var, "db", "tertulia", "users.ibd"), index_id, first)
    own.start_mariadb()

    found = own.ctl("check", check=False)
    assert found.returncode == 1
    assert "users: error: Corrupt" in found.stdout, found.stdout
    assert ", 1 not sound" in found.stdout, found.stdout
    # flagged now: a query that needs the index fails until the rebuild
    with pytest.raises(Exception, match="corrupted"):
        own.sql("SELECT COUNT(*) FROM users FORCE INDEX (users_email) WHERE email = 'x'")

    fixed = own.ctl("check", "--repair")
    assert "users: rebuilding" in fixed.stdout and "users: rebuilt, sound" in fixed.stdout, \
        fixed.stdout
    assert ", 1 not sound, 1 rebuilt" in fixed.stdout, fixed.stdout
    assert own.ctl("check").returncode == 0
    assert own.sql("SELECT * FROM users ORDER BY id") == before   # every row as it was
    check_consistent(own)
    # the index works again: the address finds its member
    assert own.sql("SELECT COUNT(*) FROM users FORCE INDEX (users_email) WHERE email = '%s'"
                   % first.decode()) == [["1"]]
    th.login_ok(th.Client(own.url), "maria")


def test_check_refuses_unknown_arguments(own):
    res = own.ctl("check", "--fix", check=False)
    assert res.returncode == 2 and "usage: tertuliactl check [--repair]" in res.stderr
