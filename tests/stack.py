"""A whole private Tertulia stack for tests: MariaDB, the FastCGI programs
and nginx, started by cgi/stack.sh (the script `make run` uses) in a fresh
temporary folder on a free port of 127.0.0.1.

    with Stack() as s:
        requests.get(s.url + "/healthz")

Environment:
  TERTULIA_BUILD      folder of the built programs (default <repo>/build)
  TERTULIA_KEEP=1     keep the temporary folder (logs, database) afterwards
  TERTULIA_SANITIZED=1  the programs are an AddressSanitizer/UBSan build:
                      their reports go to VAR/log/asan.* and VAR/log/ubsan.*,
                      and stopping the stack fails if any report exists.

Mail: the stack's mail sender (tertuliactl mail) sends to 127.0.0.1 on
Stack.smtp_port, a free port where nothing listens until a test starts an
SMTP server there (tests/http/smtp_sink.py), and retries every second or
two. extra_config adds or overrides configuration keys. config names an
existing configuration file to start from instead (copied into the new
folder, as a host joining another's database would have it; extra_config
then adds nothing, as for any configuration stack.sh finds written).

TERTULIA_TEST_DB=HOST:PORT runs every stack made without a configuration
file on that existing server instead of a private one, as a company's
Tertulia would run: each stack gets a database of its own (created before
it starts, dropped when it stops) through the administrative account
TERTULIA_TEST_DB_USER (root) with TERTULIA_TEST_DB_PASSWORD (empty), and
the programs' accounts, which every database of the server shares, get the
same passwords in every stack. Stack.sql() then runs there; Stack.socket
is not a server's.

Everything started is stopped by `cgi/stack.sh stop`, which works from the
pid files; a process still alive after that is killed by its pid, never by
its name.
"""

import ctypes
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STACK_SH = os.path.join(ROOT, "cgi", "stack.sh")
# the programs with a database account of their own (cgi/stack.sh)
DB_PROGRAMS = ("account", "forum", "reviews", "ideas", "moderation", "insights", "mail")


def external_server():
    """(host, port, admin user, admin password) of TERTULIA_TEST_DB, or None."""
    where = os.environ.get("TERTULIA_TEST_DB")
    if not where:
        return None
    host, _, port = where.rpartition(":")
    return (host or "127.0.0.1", port, os.environ.get("TERTULIA_TEST_DB_USER", "root"),
            os.environ.get("TERTULIA_TEST_DB_PASSWORD", ""))



class StackError(RuntimeError):
    pass


def free_port():
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_stat(pid):
    """(state, ppid, start time) of a process from /proc/PID/stat, or None
    if it is gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            data = f.read()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # the command name is in parentheses and may hold spaces or ")"
    rest = data[data.rindex(")") + 2:].split()
    return rest[0], int(rest[1]), int(rest[19])


def alive(pid):
    """Whether pid is a live process (a zombie counts as gone)."""
    st = proc_stat(pid)
    return st is not None and st[0] not in ("Z", "X")


def children(pid):
    """Live processes whose parent is pid."""
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        st = proc_stat(int(name))
        if st and st[1] == pid and st[0] not in ("Z", "X"):
            out.append(int(name))
    return sorted(out)


def wait_until(predicate, timeout=10.0, interval=0.05, what="condition"):
    """Polls predicate until it returns a true value; returns it or raises."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise StackError("timed out after %.0fs waiting for %s" % (timeout, what))
        time.sleep(interval)


class Stack:
    # What the tests' configuration adds: the mail sender talks to the
    # tests' SMTP server (smtp.port is filled in) and retries fast. The
    # insight pages read fresh figures on every view: a test checks what it
    # just wrote, and under ASan even a small community's figures can take
    # long enough to be kept (test_insights_cache.py turns it on). Search
    # rankings likewise (test_search_cache.py).
    TEST_CONFIG = {"smtp.host": "127.0.0.1", "smtp.from": "tertulia@tertulia.test",
                   "smtp.retry_base_seconds": "1", "smtp.retry_max_seconds": "2",
                   "smtp.poll_seconds": "1", "smtp.timeout_seconds": "5",
                   "insights.cache_seconds": "0", "search.cache_seconds": "0",
                   "cache.visitor_seconds": "0"}

    def __init__(self, workers=2, demo=True, build=None, extra_config=None, config=None):
        self.root = ROOT
        self.build = build or os.environ.get("TERTULIA_BUILD") or os.path.join(ROOT, "build")
        self.build = os.path.abspath(self.build)
        self.workers = workers
        self.demo = demo
        self.sanitized = os.environ.get("TERTULIA_SANITIZED") == "1"
        self.keep = os.environ.get("TERTULIA_KEEP") == "1"
        self.var = None
        self.port = None
        self.url = None
        self.started = False
        self.smtp_port = free_port()
        self.extra_config = dict(self.TEST_CONFIG, **{"smtp.port": str(self.smtp_port)})
        self.config = config
        self.external = external_server() if config is None else None
        self.db_name = "tertulia"
        if self.external:
            host, port, user, password = self.external
            self.db_name = "tertulia_t%s" % os.urandom(5).hex()
            self.extra_config.update({
                "db.private": "0", "db.host": "%s:%s" % (host, port), "db.name": self.db_name,
                "db.admin.user": user, "db.admin.password": password})
            for p in DB_PROGRAMS:
                self.extra_config["db.%s.password" % p] = hashlib.sha256(
                    ("tertulia test %s %s" % (p, password)).encode()).hexdigest()[:32]
        self.extra_config.update(extra_config or {})
        self._daemons = set()

    # ------------------------------------------------------------ set-up

    @property
    def conf(self):
        return os.path.join(self.var, "tertulia.conf")

    @property
    def socket(self):
        return os.path.join(self.var, "run", "mysqld.sock")

    def env(self):
        """The environment for stack.sh and tertuliactl."""
        env = dict(os.environ)
        env.update(VAR=self.var, PORT=str(self.port), BUILD=self.build,
                   QUIET="1", DEMO="1" if self.demo else "0",
                   WORKERS=str(self.workers),
                   CONF_EXTRA="\n".join("%s = %s" % kv for kv in self.extra_config.items()),
                   # MariaDB's temporary files in our folder, not the shared /tmp
                   TMPDIR=os.path.join(self.var, "tmp"))
        if self.sanitized:
            log = os.path.join(self.var, "log")
            env["ASAN_OPTIONS"] = "log_path=%s/asan:detect_leaks=0" % log
            env["UBSAN_OPTIONS"] = "print_stacktrace=1:log_path=%s/ubsan" % log
        return env

    def stack_sh(self, command, timeout=120):
        """Runs cgi/stack.sh COMMAND for this stack; returns the
        CompletedProcess (stdout, stderr as text)."""
        self._remember_daemons()
        proc = subprocess.Popen([STACK_SH, command], env=self.env(), cwd=ROOT,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        out = {}

        def drain(name, stream):
            out[name] = stream.read()

        readers = [threading.Thread(target=drain, args=(n, st), daemon=True)
                   for n, st in (("out", proc.stdout), ("err", proc.stderr))]
        for t in readers:
            t.start()
        deadline = time.monotonic() + timeout
        # stack.sh waits for each stopped process to be gone; ours are
        # reaped at once rather than when init gets round to it
        while proc.poll() is None:
            self._reap()
            if time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                raise StackError("cgi/stack.sh %s took more than %ds" % (command, timeout))
            time.sleep(0.02)
        for t in readers:
            t.join()
        self._remember_daemons()
        return subprocess.CompletedProcess(proc.args, proc.returncode,
                                           out.get("out", ""), out.get("err", ""))

    def _remember_daemons(self):
        """Notes the pid of each pid file (nginx, mysqld, the programs'
        masters): the daemons that end up as this process's children."""
        for name in self._pid_names():
            pid = self._read_pid(name)
            if pid:
                self._daemons.add(pid)

    def _reap(self):
        """Collects the exit of our daemons that have ended (zombies whose
        parent is this process, which is their subreaper)."""
        me = os.getpid()
        for pid in list(self._daemons):
            st = proc_stat(pid)
            if st is None:
                self._daemons.discard(pid)
            elif st[0] == "Z" and st[1] == me:
                try:
                    os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    pass
                self._daemons.discard(pid)

    def start(self):
        # (stack.sh itself names any program missing from the build)
        if not os.access(os.path.join(self.build, "tertuliactl"), os.X_OK):
            raise StackError("%s/tertuliactl is missing: run make first" % self.build)
        self.var = tempfile.mkdtemp(prefix="tertulia-test-")
        os.chmod(self.var, 0o755)  # nginx's workers read static files through it
        if self.config:
            shutil.copyfile(self.config, self.conf)
        self.port = free_port()
        self.started = True
        _become_subreaper()
        try:
            if self.external:
                self._external_sql(None, "CREATE DATABASE %s CHARACTER SET utf8mb4 "
                                   "COLLATE utf8mb4_unicode_ci" % self.db_name)
            res = self.stack_sh("start")
            if res.returncode != 0:
                raise StackError("cgi/stack.sh start failed (%d):\n%s%s\n%s" % (
                    res.returncode, res.stdout, res.stderr, self.logs()))
            self.url = res.stdout.strip().splitlines()[-1]
            if self.url != "http://127.0.0.1:%d" % self.port:
                raise StackError("cgi/stack.sh start printed %r" % res.stdout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self):
        """Stops everything and removes the folder (unless TERTULIA_KEEP=1).
        Raises when a sanitizer report was written. Safe to call twice."""
        if not self.started:
            return
        self.started = False
        leftovers = []
        try:
            # each process with its start time, so that a reused pid is spared
            procs = [(pid, proc_stat(pid)) for pid in self.all_pids()]
            try:
                self.stack_sh("stop")
            finally:
                # whatever stack.sh could not stop: kill it by its pid
                for pid, st in procs:
                    now = proc_stat(pid)
                    if st and now and now[2] == st[2] and alive(pid):
                        leftovers.append(pid)
                        _kill(pid)
            self.check_sanitizers()
        finally:
            if self.external and not self.keep:
                try:
                    self._external_sql(None, "DROP DATABASE IF EXISTS %s" % self.db_name)
                except StackError as e:
                    print("\ncannot drop the test database %s: %s" % (self.db_name, e))
            if self.keep:
                print("\nTERTULIA_KEEP=1: the stack's folder is kept: %s" % self.var)
            elif self.var:
                shutil.rmtree(self.var, ignore_errors=True)
        if leftovers:
            raise StackError("cgi/stack.sh stop left running (killed now): pids %s"
                             % ", ".join(map(str, leftovers)))

    # How a sanitizer report begins. In gcc's combined ASan+UBSan build,
    # UBSan ignores log_path and reports on stderr: the programs' NAME.err.
    SANITIZER_REPORT = re.compile(r"runtime error: |ERROR: AddressSanitizer|"
                                  r"ERROR: LeakSanitizer|SUMMARY: UndefinedBehaviorSanitizer")

    def check_sanitizers(self):
        """Raises with the content of every ASan/UBSan report in VAR/log:
        the asan.* and ubsan.* files, and reports in the programs' stderr."""
        if not self.var:
            return
        logdir = os.path.join(self.var, "log")
        reports = []
        if os.path.isdir(logdir):
            for name in sorted(os.listdir(logdir)):
                path = os.path.join(logdir, name)
                if name.startswith("asan.") or name.startswith("ubsan."):
                    with open(path, errors="replace") as f:
                        reports.append("==== %s\n%s" % (name, f.read()))
                elif name.endswith(".err") and os.path.isfile(path):
                    with open(path, errors="replace") as f:
                        text = f.read()
                    m = self.SANITIZER_REPORT.search(text)
                    if m:
                        start = text.rfind("\n", 0, m.start()) + 1
                        reports.append("==== %s\n%s" % (name, text[start:start + 4000]))
        if reports:
            text = "\n".join(reports)
            print(text)
            raise StackError("sanitizer reports were written:\n" + text)

    def logs(self, tail=40):
        """The last lines of every log, for failure messages."""
        if not self.var:
            return ""
        out = []
        logdir = os.path.join(self.var, "log")
        if os.path.isdir(logdir):
            for name in sorted(os.listdir(logdir)):
                path = os.path.join(logdir, name)
                if not os.path.isfile(path):
                    continue
                with open(path, errors="replace") as f:
                    lines = f.readlines()[-tail:]
                if lines:
                    out.append("---- %s\n%s" % (name, "".join(lines)))
        return "\n".join(out)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    # ------------------------------------------------------------ processes

    def _read_pid(self, name):
        try:
            with open(os.path.join(self.var, "run", name + ".pid")) as f:
                return int(f.read().strip())
        except (FileNotFoundError, ValueError):
            return None

    def programs(self):
        """The FastCGI programs running now (each has VAR/run/NAME.pid)."""
        return sorted(name for name in self._pid_names()
                      if name not in ("nginx", "mysqld", "supervisor"))

    def _pid_names(self):
        run = os.path.join(self.var, "run") if self.var else None
        if not run or not os.path.isdir(run):
            return []
        return sorted(f[:-4] for f in os.listdir(run) if f.endswith(".pid"))

    def pids(self, program):
        """(master pid, [worker pids]) of a program ("account", "forum",
        ..., or "nginx", "mysqld"); (None, []) when it is not running."""
        master = self._read_pid(program)
        if master is None or not alive(master):
            return None, []
        return master, children(master)

    def all_pids(self):
        """Every process of the stack: each pid file's process and its children."""
        out = []
        for name in self._pid_names():
            master, kids = self.pids(name)
            if master:
                out += [master] + kids
        return out

    def stop_mariadb(self, timeout=60):
        """Stops the private MariaDB (SIGTERM) and waits until it is gone."""
        pid = self._read_pid("mysqld")
        if pid is None or not alive(pid):
            raise StackError("MariaDB is not running")
        self._daemons.add(pid)
        os.kill(pid, signal.SIGTERM)
        wait_until(lambda: not alive(pid), timeout, what="MariaDB to stop")
        self._reap()

    def start_mariadb(self):
        """Starts what is not running (MariaDB) with cgi/stack.sh start."""
        res = self.stack_sh("start")
        if res.returncode != 0:
            raise StackError("cgi/stack.sh start failed (%d):\n%s%s" % (
                res.returncode, res.stdout, res.stderr))

    # ------------------------------------------------------------ tools

    def _external_sql(self, database, query):
        """Runs SQL on the TERTULIA_TEST_DB server as its admin; the rows."""
        host, port, user, password = self.external
        res = subprocess.run(
            ["mariadb", "--no-defaults", "-h", host, "-P", port, "-u", user, "--batch",
             "--skip-column-names", "--raw"] + ([database] if database else []) + ["-e", query],
            capture_output=True, timeout=60, env=dict(os.environ, MYSQL_PWD=password))
        if res.returncode != 0:
            raise StackError("mariadb failed: %s" % res.stderr.decode(errors="replace"))
        text = res.stdout.decode("utf-8", errors="surrogateescape")
        return [line.split("\t") for line in text.splitlines()]

    def sql(self, query):
        """Runs SQL as MariaDB's root through the socket (or as the admin of
        TERTULIA_TEST_DB); returns the rows as lists of strings
        (tab-separated batch output, no header)."""
        if self.external:
            return self._external_sql(self.db_name, query)
        res = subprocess.run(
            ["mariadb", "--no-defaults", "-S", self.socket, "-uroot", "--batch",
             "--skip-column-names", "--raw", "tertulia", "-e", query],
            capture_output=True, timeout=30,
            env=dict(os.environ, MYSQL_PWD=self.conf_get("db.admin.password")))
        if res.returncode != 0:
            raise StackError("mariadb failed: %s" % res.stderr.decode(errors="replace"))
        text = res.stdout.decode("utf-8", errors="surrogateescape")
        return [line.split("\t") for line in text.splitlines()]

    def conf_get(self, key):
        """The value of key in VAR/tertulia.conf (the last line that sets
        it, as the programs read it), or "" when none does."""
        value = ""
        with open(self.conf) as f:
            for line in f:
                k, sep, v = line.partition("=")
                if sep and k.strip() == key:
                    value = v.strip()
        return value

    def ctl(self, *args, input=None, check=True):
        """Runs build/tertuliactl --config VAR/tertulia.conf ARGS."""
        res = subprocess.run([os.path.join(self.build, "tertuliactl"), "--config", self.conf]
                             + list(args), env=self.env(), input=input,
                             capture_output=True, text=True, timeout=60)
        if check and res.returncode != 0:
            raise StackError("tertuliactl %s failed (%d): %s%s" % (
                " ".join(args), res.returncode, res.stdout, res.stderr))
        return res


def _become_subreaper():
    """Makes this process the subreaper of what it starts: the daemons that
    stack.sh leaves behind become its children instead of init's, so that
    they are reaped as soon as they end (stack.sh stop waits for that, and
    some inits reap only every second or two)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass  # only slower without it


def _kill(pid):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
