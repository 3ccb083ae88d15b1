"""Tertulia on a server it does not own: migrations that need no SUPER
and run again after a failure part way, one migrate at a time, and the
server settings each program and `tertuliactl migrate` insist on
(sql/server.cnf)."""
import glob
import os
import shutil
import subprocess
import tempfile

import pytest

from stack import ROOT, StackError, wait_until

SQL_DIR = os.path.join(ROOT, "sql")
MIGRATIONS = sorted(os.path.basename(p) for p in glob.glob(os.path.join(SQL_DIR, "[0-9]*.sql")))


@pytest.fixture(scope="module")
def st(own_stack):
    return own_stack(demo=False)


def run_sql(st, database, query, socket=None, password=None):
    res = subprocess.run(
        ["mariadb", "--no-defaults", "-S", socket or st.socket, "-uroot", "--batch",
         "--skip-column-names", database, "-e", query],
        capture_output=True, text=True, timeout=60,
        env=dict(os.environ, MYSQL_PWD=st.conf_get("db.admin.password") if password is None
                 else password))
    if res.returncode != 0:
        raise StackError("mariadb failed: %s" % res.stderr)
    return [line.split("\t") for line in res.stdout.splitlines()]


def config_for(st, tmp, name, **keys):
    """A copy of the stack's configuration with keys changed (the last
    line that sets a key wins)."""
    path = os.path.join(tmp, name + ".conf")
    with open(st.conf) as f:
        text = f.read()
    text += "".join("%s = %s\n" % (k.replace("_", "."), v) for k, v in keys.items())
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, 0o600)
    return path


def migrate(st, conf):
    return subprocess.run([os.path.join(st.build, "tertuliactl"), "--config", conf, "migrate"],
                          capture_output=True, text=True, timeout=120)


def statements(name, count):
    """The first count statements of migration name, as a person would
    paste them."""
    with open(os.path.join(SQL_DIR, name)) as f:
        text = "".join(line for line in f if not line.startswith("--"))
    return [s.strip() for s in text.split(";\n") if s.strip()][:count]


def recorded(st, database):
    return {r[0]: int(r[1]) for r in run_sql(
        st, database, "SELECT version, COUNT(*) FROM schema_migrations GROUP BY version")}


def test_private_server_commits_durably(st):
    rows = run_sql(st, "tertulia", "SELECT @@innodb_flush_log_at_trx_commit, "
                   "@@innodb_ft_min_token_size")
    assert rows == [["1", "2"]]


def test_migrations_run_again_after_a_failure_part_way(st, tmp_path):
    run_sql(st, "mysql", "CREATE DATABASE partial CHARACTER SET utf8mb4 "
            "COLLATE utf8mb4_unicode_ci")
    # 0001 and 0003 stopped after their first statements, as a run that
    # failed there (0003 once failed on SET GLOBAL, leaving its table)
    for s in statements("0001_accounts.sql", 2) + statements("0003_search_stopwords.sql", 3):
        run_sql(st, "partial", s)
    early = tmp_path / "early"
    early.mkdir()
    for name in MIGRATIONS:
        if name < "0050":
            shutil.copy(os.path.join(SQL_DIR, name), early)
    res = migrate(st, config_for(st, str(tmp_path), "early", db_name="partial",
                                 sql_dir=str(early)))
    assert res.returncode == 0, res.stderr
    # and 0050 stopped after its ALTERs
    for s in statements("0050_insights.sql", 5):
        run_sql(st, "partial", s)
    res = migrate(st, config_for(st, str(tmp_path), "all", db_name="partial"))
    assert res.returncode == 0, res.stderr
    assert recorded(st, "partial") == {name: 1 for name in MIGRATIONS}
    with open(os.path.join(SQL_DIR, "0003_search_stopwords.sql")) as f:
        words = sum(1 for line in f if line.startswith("('"))
    assert run_sql(st, "partial", "SELECT COUNT(*) FROM ft_stopwords") == [[str(words)]]


def test_two_migrates_at_once_apply_each_migration_once(st, tmp_path):
    run_sql(st, "mysql", "CREATE DATABASE twice CHARACTER SET utf8mb4 "
            "COLLATE utf8mb4_unicode_ci")
    conf = config_for(st, str(tmp_path), "twice", db_name="twice")
    cmd = [os.path.join(st.build, "tertuliactl"), "--config", conf, "migrate"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    applied = [line.split()[1] for out, _ in outs for line in out.splitlines()
               if line.startswith("applied ")]
    assert sorted(applied) == MIGRATIONS
    assert recorded(st, "twice") == {name: 1 for name in MIGRATIONS}
    assert run_sql(st, "twice", "SELECT COUNT(*) FROM schema_lock") == [["0"]]


@pytest.fixture
def short_tokens(tmp_path):
    """A MariaDB of its own with innodb_ft_min_token_size = 3 (the
    default, as on a server no one set up for Tertulia): its socket."""
    base = tempfile.mkdtemp(prefix="tt-", dir="/tmp")  # a socket path must be short
    data, sock, pidf = os.path.join(base, "db"), os.path.join(base, "s"), os.path.join(base, "pid")
    user = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    subprocess.run(["mariadb-install-db", "--no-defaults", "--datadir=" + data, "--user=" + user,
                    "--auth-root-authentication-method=normal", "--skip-test-db"],
                   check=True, capture_output=True, timeout=120)
    proc = subprocess.Popen(["mariadbd", "--no-defaults", "--datadir=" + data, "--socket=" + sock,
                             "--skip-networking", "--user=" + user, "--pid-file=" + pidf,
                             "--log-error=" + os.path.join(base, "err"),
                             "--innodb-buffer-pool-size=32M", "--innodb-ft-min-token-size=3",
                             "--innodb-flush-log-at-trx-commit=1"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: subprocess.run(["mariadb-admin", "--no-defaults", "-S", sock, "-uroot",
                                           "ping"], capture_output=True).returncode == 0,
                   60, what="MariaDB to start")
        yield sock
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def test_a_server_with_long_tokens_is_refused(st, tmp_path, short_tokens):
    # the database exists and the forum's account can log in: only the
    # setting is wrong
    pw = st.conf_get("db.forum.password")
    run_sql(st, "mysql", "CREATE DATABASE tertulia; DROP USER IF EXISTS ''@'localhost'; "
            "CREATE USER 'tertulia_forum'@'%%' IDENTIFIED BY '%s'; "
            "GRANT SELECT ON tertulia.* TO 'tertulia_forum'@'%%'" % pw,
            socket=short_tokens, password="")
    conf = config_for(st, str(tmp_path), "short", db_socket=short_tokens, db_admin_password="")
    res = migrate(st, conf)
    assert res.returncode == 1
    assert "innodb_ft_min_token_size = 3" in res.stderr
    assert "needs innodb_ft_min_token_size = 2" in res.stderr
    assert run_sql(st, "tertulia", "SHOW TABLES", socket=short_tokens, password="") == []
    run = tmp_path / "run"
    run.mkdir()
    forum = subprocess.run([os.path.join(st.build, "forum"), "--config", conf,
                            "--socket", str(run / "forum.sock"), "--pid", str(run / "forum.pid"),
                            "--log", str(run / "forum.log"), "--workers", "1"],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
    assert forum.returncode != 0
    assert "innodb_ft_min_token_size = 3" in forum.stderr
    assert "needs innodb_ft_min_token_size = 2" in forum.stderr
    assert not (run / "forum.sock").exists()
