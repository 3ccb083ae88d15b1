"""Private MariaDB topologies for tests: a Galera cluster and a primary with
a replica, each started in a fresh temporary folder on free ports of
127.0.0.1, every server loading the repository's sql/server.cnf.

    with Galera(n=3) as g:
        g.sql(1, "CREATE DATABASE t")
        g.sql(2, "SHOW DATABASES")
        g.kill(2); g.restart(2)        # SIGKILL, then rejoin (IST if it can)
        g.create_admin("app", "secret")  # then connect to g.node(1).port

    with PrimaryReplica() as pr:
        pr.sql("primary", "CREATE DATABASE t")
        pr.wait_replica()              # MASTER_GTID_WAIT on the replica

Each server is one `mariadbd --defaults-file=FOLDER/NAME/my.cnf` (nothing
of /etc/mysql is read) whose option file `!include`s FOLDER/server.cnf, a
copy of the repository's sql/server.cnf made at the start, and adds its own
settings. Run as root, the servers run as the user mysql (`--user`, their
folders owned by mysql): Galera's rsync state transfer does not work as
root. Run as another user, they run as that user.

Every process started is stopped by its pid in stop() (and on leaving a
`with`, and at the exit of the Python process), also when a start fails
halfway: mariadbd itself, what it started (state transfer scripts, rsync)
and whatever this process adopted as their subreaper (tests/stack.py's
trick) whose command line names the folder. Nothing is killed by name.

Times (2 cores, Debian 12, MariaDB 10.11, galera 26.4): Galera(3) starts
in 10-16s (two rsync SSTs of ~5s each), a SIGKILLed node rejoins by IST in
4-7s; PrimaryReplica starts in 1-5s. Each start's times are in .timings.

Environment:
  TERTULIA_KEEP=1   keep the temporary folder (data, logs) afterwards;
                    keep=True does the same.

Logs: FOLDER/NAME/log/mariadb.err (the server's error log, also the state
transfer scripts'), FOLDER/NAME/log/console.log (its stdout/stderr),
FOLDER/install-NAME.log. A start that fails raises ClusterError with the
tail of each, and prints them.
"""

import atexit
import collections
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)

from stack import (ROOT, StackError, _become_subreaper, alive, children,  # noqa: E402
                   free_port, proc_stat, wait_until)

SERVER_CNF = os.path.join(ROOT, "sql", "server.cnf")
GALERA_PROVIDER = "/usr/lib/galera/libgalera_smm.so"


class ClusterError(StackError):
    pass


def _log(msg):
    print("[mariadb_cluster] " + msg, flush=True)


def _keep_default(keep):
    return bool(keep) or os.environ.get("TERTULIA_KEEP") == "1"


def _run_user():
    """The user the servers run as: mysql when we are root (rsync SST fails
    as root), otherwise ourselves."""
    if os.geteuid() == 0:
        return "mysql"
    return pwd.getpwuid(os.geteuid()).pw_name


def _chown(path, user):
    if os.geteuid() != 0:
        return
    pw = pwd.getpwnam(user)
    for top, dirs, files in os.walk(path):
        os.chown(top, pw.pw_uid, pw.pw_gid)
        for name in files:
            os.chown(os.path.join(top, name), pw.pw_uid, pw.pw_gid)


def _tail(path, lines=40):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


def _descendants(pid):
    """Every live process below pid (children, their children...)."""
    out, todo = [], [pid]
    while todo:
        for kid in children(todo.pop()):
            out.append(kid)
            todo.append(kid)
    return out


def _cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


class _Ports:
    """Free ports of 127.0.0.1, none handed out twice."""

    def __init__(self):
        self.given = set()

    def get(self):
        while True:
            p = free_port()
            if p not in self.given:
                self.given.add(p)
                return p


# Where a server listens: host and port for TCP, socket for root; name is
# the server's folder (node1, primary...).
NodeInfo = collections.namedtuple("NodeInfo", "host port socket name")


class Server:
    """One mariadbd in FOLDER/NAME: data/, run/ (socket, pid), log/, tmp/
    and my.cnf."""

    def __init__(self, base, name, ports, user):
        self.name = name
        self.dir = os.path.join(base, name)
        self.user = user
        self.port = ports.get()
        self.datadir = os.path.join(self.dir, "data")
        self.socket = os.path.join(self.dir, "run", "mysqld.sock")
        self.pidfile = os.path.join(self.dir, "run", "mysqld.pid")
        self.errlog = os.path.join(self.dir, "log", "mariadb.err")
        self.console = os.path.join(self.dir, "log", "console.log")
        self.cnf = os.path.join(self.dir, "my.cnf")
        self.proc = None
        self.starttime = None   # of the process, from /proc: a reused pid is spared
        self.past = []          # (pid, starttime) of the earlier processes of this server
        for sub in ("data", "run", "log", "tmp"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)

    @property
    def info(self):
        return NodeInfo("127.0.0.1", self.port, self.socket, self.name)

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def base_options(self):
        """The settings every server of the harness has (a [mysqld] body)."""
        return {
            "datadir": self.datadir,
            "socket": self.socket,
            "port": self.port,
            "bind_address": "127.0.0.1",
            "pid_file": self.pidfile,
            "log_error": self.errlog,
            "tmpdir": os.path.join(self.dir, "tmp"),
            "user": self.user,
            "skip_name_resolve": "ON",
            "innodb_buffer_pool_size": "64M",
            "innodb_log_file_size": "16M",
            "max_connections": "200",
        }

    def write_cnf(self, options, server_cnf):
        """my.cnf: server_cnf (the folder's copy of sql/server.cnf), then
        options, this server's own settings."""
        lines = ["# Written by tests/cluster/mariadb_cluster.py: the settings the",
                 "# application needs (a copy of %s), then this server's own." % SERVER_CNF,
                 "!include %s" % server_cnf, "", "[mysqld]"]
        for key, value in options.items():
            lines.append("%s = %s" % (key, value))
        with open(self.cnf, "w") as f:
            f.write("\n".join(lines) + "\n")
        os.chmod(self.cnf, 0o644)

    def install(self, base):
        """Starts mariadb-install-db on the empty data folder; returns the
        Popen (the caller waits, so that two can run at once)."""
        _chown(self.dir, self.user)
        log = open(os.path.join(base, "install-%s.log" % self.name), "w")
        try:
            return subprocess.Popen(
                ["mariadb-install-db", "--no-defaults", "--datadir=" + self.datadir,
                 "--user=" + self.user, "--auth-root-authentication-method=normal",
                 "--skip-test-db", "--innodb-log-file-size=16M",
                 "--innodb-buffer-pool-size=64M"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                env=dict(os.environ, TMPDIR=os.path.join(self.dir, "tmp")))
        finally:
            log.close()

    def start(self, *extra):
        """Starts mariadbd in the background (not waiting for it)."""
        if self.running():
            raise ClusterError("%s is already running (pid %d)" % (self.name, self.pid))
        _chown(self.dir, self.user)
        with open(self.console, "a") as out:
            self.proc = subprocess.Popen(
                ["mariadbd", "--defaults-file=" + self.cnf] + list(extra),
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True, cwd=self.dir,
                env=dict(os.environ, TMPDIR=os.path.join(self.dir, "tmp")))
        st = proc_stat(self.proc.pid)
        self.starttime = st[2] if st else None
        return self.proc

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def ours(self, pid, starttime):
        st = proc_stat(pid)
        return st is not None and st[2] == starttime and st[0] not in ("Z", "X")

    def signal(self, sig):
        """Sends sig to our mariadbd, by its pid; False if it is gone."""
        if not self.running():
            return False
        try:
            os.kill(self.proc.pid, sig)
        except ProcessLookupError:
            return False
        return True

    def kill(self):
        """SIGKILL, then waits for it (reaped) and forgets it. Its helpers
        (an SST script, rsync) are left as a crash leaves them; stop()
        ends them."""
        if self.proc is None:
            return
        self.signal(signal.SIGKILL)
        self.proc.wait()
        self.past.append((self.proc.pid, self.starttime))
        self.proc = None

    def errlog_size(self):
        try:
            return os.path.getsize(self.errlog)
        except OSError:
            return 0

    def errlog_since(self, offset):
        try:
            with open(self.errlog, errors="replace") as f:
                f.seek(offset)
                return f.read()
        except OSError:
            return ""

    def logs(self, lines=40):
        out = []
        for path in (self.errlog, self.console):
            text = _tail(path, lines)
            if text:
                out.append("---- %s\n%s" % (path, text))
        return "\n".join(out)

    # ------------------------------------------------------------ SQL

    def client(self, query, timeout=60, columns=False, database=None):
        args = ["mariadb", "--no-defaults", "-S", self.socket, "-uroot", "--batch", "--raw"]
        if not columns:
            args.append("--skip-column-names")
        if database:
            args.append(database)
        res = subprocess.run(args + ["-e", query], capture_output=True, timeout=timeout,
                             stdin=subprocess.DEVNULL, env=dict(os.environ, MYSQL_PWD=""))
        if res.returncode != 0:
            raise ClusterError("%s: mariadb -e %r failed: %s" % (
                self.name, query, res.stderr.decode(errors="replace").strip()))
        text = res.stdout.decode("utf-8", errors="surrogateescape")
        return [line.split("\t") for line in text.splitlines()]

    def dicts(self, query, timeout=60):
        rows = self.client(query, timeout=timeout, columns=True)
        if not rows:
            return []
        return [dict(zip(rows[0], r)) for r in rows[1:]]

    def answers(self):
        """Whether the server answers on its socket (as root)."""
        if not os.path.exists(self.socket):
            return False
        try:
            self.client("SELECT 1", timeout=10)
            return True
        except (ClusterError, subprocess.TimeoutExpired):
            return False

    def status(self, name):
        rows = self.client("SHOW GLOBAL STATUS LIKE '%s'" % name, timeout=10)
        return rows[0][1] if rows else None

    def variable(self, name):
        rows = self.client("SELECT @@GLOBAL.%s" % name, timeout=10)
        return rows[0][0] if rows else None


class _Harness:
    """What both topologies share: the folder, the servers, stopping,
    logs, the context manager."""

    prefix = "tertulia-mariadb-"

    def __init__(self, keep=False, base_dir=None):
        self.keep = _keep_default(keep)
        self.base_dir = base_dir or "/var/tmp"
        self.dir = None
        self.user = _run_user()
        self.servers = {}
        self.timings = {}
        self.started = False
        self._ports = _Ports()

    def _make_dir(self):
        self.dir = tempfile.mkdtemp(prefix=self.prefix, dir=self.base_dir)
        os.chmod(self.dir, 0o755)  # the mysql user reaches its folders through it
        # Each my.cnf includes this copy of sql/server.cnf: the state
        # transfer scripts read the option files as the mysql user, who
        # may not reach the repository.
        self.server_cnf = os.path.join(self.dir, "server.cnf")
        shutil.copyfile(SERVER_CNF, self.server_cnf)
        os.chmod(self.server_cnf, 0o644)
        self.started = True
        _become_subreaper()
        # a script that ends without stop() (an uncaught error) still
        # stops its servers; stop() is safe to call twice
        atexit.register(self.stop)

    def _install(self, servers):
        """mariadb-install-db for each of servers, all at once."""
        procs = [(s, s.install(self.dir)) for s in servers]
        failed = []
        for s, p in procs:
            try:
                rc = p.wait(timeout=120)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                rc = "timeout"
            if rc != 0:
                failed.append("%s (%s)" % (s.name, rc))
        if failed:
            raise ClusterError("mariadb-install-db failed for " + ", ".join(failed))

    def _wait_answers(self, server, timeout):
        def ready():
            if not server.running():
                raise ClusterError("%s: mariadbd exited (%s) while starting" % (
                    server.name, server.proc.returncode if server.proc else "never started"))
            return server.answers()
        wait_until(ready, timeout, 0.1, "%s to answer on %s" % (server.name, server.socket))

    def logs(self, lines=40):
        """The tail of every log of the folder (installs, each server)."""
        if not self.dir:
            return ""
        out = []
        for name in sorted(os.listdir(self.dir)):
            if name.startswith("install-") and name.endswith(".log"):
                text = _tail(os.path.join(self.dir, name), lines)
                if text:
                    out.append("---- %s\n%s" % (os.path.join(self.dir, name), text))
        for s in self.servers.values():
            out.append(s.logs(lines))
        return "\n".join(x for x in out if x)

    def _failed(self, what, exc):
        text = self.logs()
        _log("%s failed: %s\n%s" % (what, exc, text))
        return ClusterError("%s failed: %s\n%s" % (what, exc, text))

    def _guarded(self, what, fn):
        """Runs fn; on any error stops everything (keeping the error) and
        raises ClusterError with the logs."""
        try:
            return fn()
        except BaseException as e:
            err = self._failed(what, e) if isinstance(e, Exception) else e
            try:
                self.stop()
            finally:
                if err is e:
                    raise
                raise err from e

    def start(self):
        t0 = time.monotonic()
        self._guarded("%s start" % type(self).__name__, self._start)
        self.timings["start"] = time.monotonic() - t0
        _log("%s started in %.1fs (folder %s)" % (type(self).__name__,
                                                  self.timings["start"], self.dir))
        return self

    def _start(self):
        raise NotImplementedError

    def _our_processes(self):
        """(pid, starttime) of every process of ours still alive: each
        server's mariadbd and what is under it, earlier mariadbds, and
        the orphans we adopted whose command line names the folder."""
        found = {}
        for s in self.servers.values():
            pairs = list(s.past)
            if s.running():
                pairs.append((s.pid, s.starttime))
            for pid, st in pairs:
                if s.ours(pid, st):
                    found[pid] = st
                    for kid in _descendants(pid):
                        stat = proc_stat(kid)
                        if stat:
                            found[kid] = stat[2]
        if self.dir:
            for kid in _descendants(os.getpid()):
                if kid not in found and self.dir in _cmdline(kid):
                    stat = proc_stat(kid)
                    if stat:
                        found[kid] = stat[2]
        return found

    @staticmethod
    def _reap(pids):
        """Collects the exit of those of pids that are our children (the
        orphans we adopted as their subreaper), and only those: other
        children of this process are not ours to reap."""
        me = os.getpid()
        for pid in pids:
            st = proc_stat(pid)
            if st and st[1] == me:
                try:
                    os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    pass

    def stop(self, timeout=10):
        """Stops every server (SIGTERM by pid, SIGKILL after timeout
        seconds) and every process they left, then removes the folder
        unless keep. Safe to call twice; never raises for a process that
        is already gone."""
        if not self.started:
            return
        self.started = False
        t0 = time.monotonic()
        try:
            procs = self._our_processes()
            for s in self.servers.values():
                s.signal(signal.SIGTERM)
            deadline = time.monotonic() + timeout
            for s in self.servers.values():
                if s.proc is None:
                    continue
                try:
                    s.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    _log("%s did not stop in %ds: SIGKILL pid %d" % (s.name, timeout, s.pid))
                    s.kill()
            # what remains (SST scripts, rsync, a stuck server): by pid
            procs.update(self._our_processes())
            for pid, st in procs.items():
                now = proc_stat(pid)
                if now and now[2] == st and now[0] not in ("Z", "X"):
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            for s in self.servers.values():
                if s.proc is not None:
                    s.proc.wait()
            try:
                wait_until(lambda: not any(alive(p) for p in procs), 10, 0.05,
                           "the processes to end")
            except StackError as e:
                _log(str(e))
            self._reap(procs)
        finally:
            self.timings["stop"] = time.monotonic() - t0
            if self.keep:
                _log("keep: the folder is kept: %s" % self.dir)
            elif self.dir:
                shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    def create_admin_on(self, server, user, password):
        """A root-like account for user@127.0.0.1 (TCP: the harness's
        servers resolve no names) and user@localhost."""
        q = lambda s: s.replace("\\", "\\\\").replace("'", "\\'")  # noqa: E731
        stmts = []
        for host in ("127.0.0.1", "localhost"):
            stmts.append("CREATE USER IF NOT EXISTS '%s'@'%s' IDENTIFIED BY '%s';" % (
                q(user), host, q(password)))
            stmts.append("GRANT ALL PRIVILEGES ON *.* TO '%s'@'%s' WITH GRANT OPTION;" % (
                q(user), host))
        server.client(" ".join(stmts))


# ====================================================================== Galera

class Galera(_Harness):
    """A Galera cluster of n nodes (numbered 1..n) on 127.0.0.1.

    Node 1 is bootstrapped (--wsrep-new-cluster), then the others join it
    one after the other, each by a state transfer (SST) with rsync
    (sst_method chooses another). gcache_size is each node's write-set
    cache: a node that comes back while what it missed is still cached
    gets it by IST (incremental), otherwise by a whole SST copy.
    provider_options adds to or overrides wsrep_provider_options (a
    dict). timeout bounds each wait of start() and restart().
    general_log=True has each node write every statement it receives to
    FOLDER/NAME/log/general.log (general_log_path(i)) and its conflicts
    to its error log (wsrep_log_conflicts): what a test that finds a
    write missing reads to say what the node was sent."""

    prefix = "tertulia-galera-"

    # Shorter failure detection than Galera's defaults (suspect 5s,
    # inactive 15s): a write after a node's SIGKILL waits for its
    # eviction, and tests want that to be short.
    DEFAULT_PROVIDER_OPTIONS = {
        "gcache.size": "64M",
        "evs.suspect_timeout": "PT3S",
        "evs.inactive_timeout": "PT6S",
        "evs.install_timeout": "PT3S",
    }

    def __init__(self, n=3, keep=False, gcache_size=None, provider_options=None,
                 sst_method=None, base_dir=None, timeout=120, general_log=False):
        super().__init__(keep=keep, base_dir=base_dir)
        if n < 1:
            raise ValueError("n must be at least 1")
        self.n = n
        self.timeout = timeout
        self.provider_options = dict(self.DEFAULT_PROVIDER_OPTIONS)
        if gcache_size:
            self.provider_options["gcache.size"] = gcache_size
        self.provider_options.update(provider_options or {})
        # rsync: what is known to work here (mariabackup, not installed
        # here, would also need socat and is untried)
        self.sst_method = sst_method or "rsync"
        self.galera_ports = {}
        self.rejoins = []   # one dict per restart(): node, method, seconds
        self.general_log = general_log

    # ------------------------------------------------------------ set-up

    def _configure(self):
        for i in range(1, self.n + 1):
            s = Server(self.dir, "node%d" % i, self._ports, self.user)
            self.servers[i] = s
            self.galera_ports[i] = dict(gcomm=self._ports.get(), ist=self._ports.get(),
                                        sst=self._ports.get())
        address = "gcomm://" + ",".join("127.0.0.1:%d" % self.galera_ports[i]["gcomm"]
                                        for i in range(1, self.n + 1))
        for i, s in self.servers.items():
            gp = self.galera_ports[i]
            provider = dict(self.provider_options)
            provider["gmcast.listen_addr"] = "tcp://127.0.0.1:%d" % gp["gcomm"]
            provider["ist.recv_addr"] = "127.0.0.1:%d" % gp["ist"]
            opts = s.base_options()
            opts.update({
                "binlog_format": "ROW",
                "default_storage_engine": "InnoDB",
                "innodb_autoinc_lock_mode": "2",
                "wsrep_on": "ON",
                "wsrep_provider": GALERA_PROVIDER,
                "wsrep_cluster_name": os.path.basename(self.dir),
                "wsrep_cluster_address": address,
                "wsrep_node_name": s.name,
                "wsrep_node_address": "127.0.0.1",
                "wsrep_node_incoming_address": "127.0.0.1:%d" % s.port,
                "wsrep_sst_method": self.sst_method,
                "wsrep_sst_receive_address": "127.0.0.1:%d" % gp["sst"],
                "wsrep_provider_options": '"%s"' % ";".join(
                    "%s=%s" % kv for kv in provider.items()),
            })
            if self.general_log:
                opts["general_log"] = "ON"
                opts["general_log_file"] = self.general_log_path(i)
                opts["wsrep_log_conflicts"] = "ON"
            if self.sst_method == "mariabackup":
                opts["wsrep_sst_auth"] = "root:"
            s.write_cnf(opts, self.server_cnf)

    def _start(self):
        self._make_dir()
        self._configure()
        t = time.monotonic()
        # Only node 1 needs a database: the others get its copy by SST.
        self._install([self.servers[1]])
        self.timings["install"] = time.monotonic() - t
        t = time.monotonic()
        self.servers[1].start("--wsrep-new-cluster")
        self.wait_synced(1, self.timeout)
        self.timings["bootstrap"] = time.monotonic() - t
        t = time.monotonic()
        # The joiners one after the other: a donor serves one SST at a time.
        for i in range(2, self.n + 1):
            self.servers[i].start()
            self.wait_synced(i, self.timeout)
        for i in range(1, self.n + 1):
            self.wait_cluster_size(i, self.n, self.timeout)
        self.timings["join"] = time.monotonic() - t

    # ------------------------------------------------------------ API

    def node(self, i):
        """NodeInfo(host, port, socket, name) of node i."""
        return self.servers[i].info

    def sql(self, i, query, timeout=60):
        """Runs query as root through node i's socket; the rows as lists
        of strings (NULL as "NULL")."""
        return self.servers[i].client(query, timeout=timeout)

    def general_log_path(self, i):
        """Node i's general log (written with general_log=True)."""
        return os.path.join(self.servers[i].dir, "log", "general.log")

    def errlog(self, i):
        """Node i's error log."""
        return self.servers[i].errlog

    def status(self, i, name):
        """SHOW GLOBAL STATUS value of name on node i."""
        return self.servers[i].status(name)

    def pid(self, i):
        return self.servers[i].pid

    def running(self, i):
        return self.servers[i].running()

    def wait_synced(self, i, timeout=60):
        """Waits until node i answers, is ready and Synced; raises with its
        log when it exits meanwhile or the time is up."""
        s = self.servers[i]
        t0 = time.monotonic()
        self._wait_answers(s, timeout)

        def synced():
            if not s.running():
                raise ClusterError("%s: mariadbd exited (%s)" % (s.name, s.proc.returncode))
            try:
                return (s.status("wsrep_local_state_comment") == "Synced"
                        and s.status("wsrep_ready") == "ON")
            except (ClusterError, subprocess.TimeoutExpired):
                return False
        wait_until(synced, max(1.0, timeout - (time.monotonic() - t0)), 0.1,
                   "%s to be Synced" % s.name)

    def wait_cluster_size(self, i, size, timeout=60):
        """Waits until node i sees a primary component of size nodes."""
        s = self.servers[i]

        def seen():
            try:
                return (s.status("wsrep_cluster_size") == str(size)
                        and s.status("wsrep_cluster_status") == "Primary")
            except (ClusterError, subprocess.TimeoutExpired):
                return False
        wait_until(seen, timeout, 0.1, "%s to see %d nodes" % (s.name, size))

    def kill(self, i, wait=False, timeout=60):
        """SIGKILLs node i's mariadbd by its pid (a crash). wait=True then
        waits until the nodes still running have evicted it."""
        self.servers[i].kill()
        if wait:
            live = [j for j in self.servers if self.servers[j].running()]
            for j in live:
                self.wait_cluster_size(j, len(live), timeout)

    def stop_node(self, i, timeout=60):
        """Stops node i cleanly (SIGTERM by pid) and waits for it."""
        s = self.servers[i]
        if s.signal(signal.SIGTERM):
            try:
                s.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                s.kill()
                raise ClusterError("%s did not stop in %ds (killed)" % (s.name, timeout))
        if s.proc is not None:
            s.past.append((s.proc.pid, s.starttime))
            s.proc = None

    def recover_position(self, i, timeout=120):
        """What `mariadbd --wsrep-recover` finds in node i's InnoDB (the
        last write set it committed), as "uuid:seqno", or None."""
        s = self.servers[i]
        log = os.path.join(s.dir, "log", "recover.err")
        if os.path.exists(log):
            os.unlink(log)
        res = subprocess.run(
            ["mariadbd", "--defaults-file=" + s.cnf, "--wsrep-recover",
             "--log-error=" + log, "--disable-log-bin"],
            stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
            env=dict(os.environ, TMPDIR=os.path.join(s.dir, "tmp")))
        text = _tail(log, 200)
        m = re.findall(r"WSREP: Recovered position: ([0-9a-f-]{36}:-?\d+)", text)
        if res.returncode != 0 or not m:
            _log("%s: --wsrep-recover found nothing (rc %d):\n%s" % (
                s.name, res.returncode, text[-3000:]))
            return None
        return m[-1]

    def restart(self, i, timeout=None, recover=True):
        """Starts node i again and waits until it is Synced in a cluster of
        n. After a crash (grastate.dat with seqno -1), recover=True first
        runs `mariadbd --wsrep-recover` and starts with that
        --wsrep-start-position (what mysqld_safe does), so that the node
        asks for an IST of what it missed rather than a whole SST.

        Returns (and appends to self.rejoins) a dict: node, method ("IST",
        "SST" or "none"), seconds (from the start of mariadbd to Synced),
        recover_seconds, position."""
        timeout = timeout or self.timeout
        s = self.servers[i]
        if s.running():
            raise ClusterError("%s is running" % s.name)
        info = {"node": i, "position": None, "recover_seconds": 0.0}
        extra = []
        t = time.monotonic()
        if recover and self._grastate_seqno(i) == -1:
            pos = self.recover_position(i)
            info["recover_seconds"] = time.monotonic() - t
            info["position"] = pos
            if pos:
                extra.append("--wsrep-start-position=" + pos)
        offset = s.errlog_size()

        def go():
            t0 = time.monotonic()
            s.start(*extra)
            self.wait_synced(i, timeout)
            for j in self.servers:
                if self.servers[j].running():
                    self.wait_cluster_size(j, sum(x.running() for x in self.servers.values()),
                                           timeout)
            return time.monotonic() - t0
        try:
            info["seconds"] = go()
        except Exception as e:
            raise self._failed("restart of %s" % s.name, e) from e
        info["method"] = self._transfer_method(s.errlog_since(offset))
        self.rejoins.append(info)
        _log("%s rejoined by %s in %.1fs (+%.1fs --wsrep-recover)" % (
            s.name, info["method"], info["seconds"], info["recover_seconds"]))
        return info

    def _grastate_seqno(self, i):
        try:
            with open(os.path.join(self.servers[i].datadir, "grastate.dat")) as f:
                m = re.search(r"^seqno:\s*(-?\d+)", f.read(), re.M)
                return int(m.group(1)) if m else None
        except OSError:
            return None

    @staticmethod
    def _transfer_method(log):
        """IST, SST or none, from a joiner's error log since its start.
        Galera logs "Receiving IST: N writesets" only for a real IST (the
        SST script then runs in bypass mode); after an SST it replays the
        cached write sets ("IST applying starts") without that line."""
        if re.search(r"Receiving IST: \d+ writesets", log):
            return "IST"
        if re.search(r"SST received|SST succeeded|rsync SST completed", log):
            return "SST"
        return "none"

    def create_admin(self, user, password, node=1):
        """A root-like account (all privileges, with grant option) for
        user@127.0.0.1 and user@localhost, made on node and replicated:
        connect with host 127.0.0.1 and node(i).port of any node."""
        self.create_admin_on(self.servers[node], user, password)


# ============================================================ primary/replica

class PrimaryReplica(_Harness):
    """A primary (server_id 1, binary log, GTID strict mode) and one
    replica (server_id 2, read_only) replicating from it with
    MASTER_USE_GTID=slave_pos. Servers are named "primary" and "replica"."""

    prefix = "tertulia-replication-"

    def __init__(self, keep=False, base_dir=None, timeout=120):
        super().__init__(keep=keep, base_dir=base_dir)
        self.timeout = timeout
        self.repl_user = "repl"
        self.repl_password = "repl-" + os.urandom(6).hex()

    def _configure(self):
        for name, sid in (("primary", 1), ("replica", 2)):
            s = Server(self.dir, name, self._ports, self.user)
            self.servers[name] = s
            opts = s.base_options()
            opts.update({
                "server_id": sid,
                "log_bin": os.path.join(s.datadir, "%s-bin" % name),
                "binlog_format": "ROW",
                "gtid_strict_mode": "ON",
                "log_slave_updates": "ON",
                "relay_log": os.path.join(s.datadir, "%s-relay-bin" % name),
                "report_host": "127.0.0.1",
                "report_port": s.port,
            })
            if name == "replica":
                opts["read_only"] = "ON"
            s.write_cnf(opts, self.server_cnf)

    def _start(self):
        self._make_dir()
        self._configure()
        p, r = self.servers["primary"], self.servers["replica"]
        t = time.monotonic()
        self._install([p, r])
        self.timings["install"] = time.monotonic() - t
        t = time.monotonic()
        p.start()
        r.start()
        self._wait_answers(p, self.timeout)
        self._wait_answers(r, self.timeout)
        self.timings["servers"] = time.monotonic() - t
        t = time.monotonic()
        p.client("CREATE USER '%s'@'127.0.0.1' IDENTIFIED BY '%s'; "
                 "GRANT REPLICATION SLAVE ON *.* TO '%s'@'127.0.0.1';"
                 % (self.repl_user, self.repl_password, self.repl_user))
        r.client("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=%d, "
                 "MASTER_USER='%s', MASTER_PASSWORD='%s', MASTER_USE_GTID=slave_pos, "
                 "MASTER_CONNECT_RETRY=1; START SLAVE;"
                 % (p.port, self.repl_user, self.repl_password))
        self.wait_replica(self.timeout)
        self.timings["replication"] = time.monotonic() - t

    # ------------------------------------------------------------ API

    def _server(self, which):
        if which not in self.servers:
            raise ValueError("which is 'primary' or 'replica', not %r" % (which,))
        return self.servers[which]

    def node(self, which):
        """NodeInfo(host, port, socket, name) of 'primary' or 'replica'."""
        return self._server(which).info

    def sql(self, which, query, timeout=60):
        """Runs query as root on 'primary' or 'replica' through its
        socket; the rows as lists of strings."""
        return self._server(which).client(query, timeout=timeout)

    def gtid_current_pos(self, which):
        return self._server(which).variable("gtid_current_pos")

    def gtid_binlog_pos(self, which):
        return self._server(which).variable("gtid_binlog_pos")

    def gtid_slave_pos(self, which="replica"):
        return self._server(which).variable("gtid_slave_pos")

    def replica_status(self):
        """SHOW SLAVE STATUS of the replica as a dict ({} if none)."""
        rows = self.servers["replica"].dicts("SHOW SLAVE STATUS")
        return rows[0] if rows else {}

    def lag(self):
        """Where each stands: primary's gtid_binlog_pos, the replica's
        gtid_slave_pos, Seconds_Behind_Master, and whether the replica has
        applied everything the primary has written (caught_up)."""
        p = self.gtid_binlog_pos("primary")
        st = self.replica_status()
        r = self.gtid_slave_pos()
        return {"primary": p, "replica": r,
                "seconds_behind": st.get("Seconds_Behind_Master"),
                "io_running": st.get("Slave_IO_Running"),
                "sql_running": st.get("Slave_SQL_Running"),
                "caught_up": p == r}

    def wait_replica(self, timeout=30):
        """Waits until both replication threads run and the replica has
        applied the primary's gtid_binlog_pos (MASTER_GTID_WAIT)."""
        r = self.servers["replica"]

        def threads():
            if not r.running():
                raise ClusterError("replica: mariadbd exited (%s)" % r.proc.returncode)
            st = self.replica_status()
            if st.get("Last_IO_Error") or st.get("Last_SQL_Error"):
                err = st.get("Last_IO_Error") or st.get("Last_SQL_Error")
                # a connection refused while the primary starts is retried
                if st.get("Slave_SQL_Running") == "No":
                    raise ClusterError("replication stopped: %s" % err)
            return st.get("Slave_IO_Running") == "Yes" and st.get("Slave_SQL_Running") == "Yes"
        t0 = time.monotonic()
        wait_until(threads, timeout, 0.1, "the replica's threads to run")
        pos = self.gtid_binlog_pos("primary")
        left = max(1, int(timeout - (time.monotonic() - t0)))
        got = r.client("SELECT MASTER_GTID_WAIT('%s', %d)" % (pos, left), timeout=left + 30)
        if got[0][0] != "0":
            raise ClusterError("the replica did not reach %s in %ds: %r" % (pos, left, self.lag()))
        return pos

    def stop_replica_server(self, kill=False, timeout=60):
        """Stops the replica's mariadbd by its pid: SIGTERM (a clean stop)
        or, kill=True, SIGKILL (a crash)."""
        r = self.servers["replica"]
        if kill:
            r.kill()
            return
        if r.signal(signal.SIGTERM):
            try:
                r.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                r.kill()
                raise ClusterError("the replica did not stop in %ds (killed)" % timeout)
        if r.proc is not None:
            r.past.append((r.proc.pid, r.starttime))
            r.proc = None

    def start_replica_server(self, timeout=None):
        """Starts the replica's mariadbd again; replication resumes by
        itself (the threads start with the server). Waits until it has
        caught up with the primary; returns the seconds it took."""
        timeout = timeout or self.timeout
        r = self.servers["replica"]
        t0 = time.monotonic()
        try:
            r.start()
            self._wait_answers(r, timeout)
            self.wait_replica(timeout)
        except Exception as e:
            raise self._failed("restart of the replica", e) from e
        took = time.monotonic() - t0
        _log("replica restarted and caught up in %.1fs" % took)
        return took

    def create_admin(self, user, password):
        """A root-like account for user@127.0.0.1 and user@localhost, made
        on the primary (and replicated): connect to node(...).port."""
        self.create_admin_on(self.servers["primary"], user, password)
