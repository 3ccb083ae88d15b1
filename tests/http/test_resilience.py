"""The stack under trouble: health check, the database going away and
coming back, workers dying, and stopping. Every test leaves the shared
stack as it found it."""

import os
import signal
import threading
import time

import pytest

import tertulia_http as th
from stack import proc_stat, wait_until
from tertulia_http import text


def test_healthz(client):
    r = client().get("/healthz")
    assert r.status_code == 200
    assert r.text.strip() == "ok"
    assert r.headers["Content-Type"].startswith("text/plain")


def check_503(r, what):
    assert r.status_code == 503, "%s answered %d" % (what, r.status_code)
    assert int(r.headers.get("Retry-After", "0")) > 0, "%s: no Retry-After" % what
    body = r.text.lower()
    for word in ("mysql", "mariadb", "sql", "select ", "traceback", "e_db"):
        assert word not in body, "%s shows %r" % (what, word)


def all_processes(stack):
    """{program: (master, [workers])} of every FastCGI program."""
    run = os.path.join(stack.var, "run")
    out = {p: stack.pids(p) for p in stack.programs()
           if os.path.exists(os.path.join(run, p + ".sock"))}
    assert "account" in out and "forum" in out, out
    return out


def test_database_down_gives_503_and_recovers(stack, client, member):
    m, account = member
    visitor = client()
    login_page = visitor.get("/login")
    before = all_processes(stack)
    stack.stop_mariadb()
    try:
        r = visitor.get("/healthz")
        check_503(r, "/healthz")
        r = visitor.get("/u/john")
        check_503(r, "/u/john")
        assert text("en", "error.503.title") in th.visible_text(r.text)
        assert text("en", "error.503.text") in th.visible_text(r.text)
        r = visitor.get("/u/john", headers={"Accept-Language": "es"})
        check_503(r, "/u/john in Spanish")
        assert text("es", "error.503.title") in th.visible_text(r.text)
        r = visitor.get("/u/john.json")
        check_503(r, "/u/john.json")
        assert r.json()["ok"] is False
        check_503(m.get("/settings"), "/settings for a member")
        check_503(m.get("/"), "/ for a member")
        # a login while the database is away is not "wrong password"
        r = visitor.post("/login", data={"username": account.username,
                                         "password": account.password,
                                         "csrf": th.csrf_of(login_page.text)})
        check_503(r, "POST /login")
    finally:
        stack.start_mariadb()
    wait_until(lambda: visitor.get("/healthz").status_code == 200, 30,
               what="/healthz to answer 200 again")
    for i in range(10):
        assert visitor.get("/u/john").status_code == 200
        assert m.get("/settings").status_code == 200, "the member's session survives"
        assert visitor.get("/healthz").status_code == 200
    assert th.login(client(), account.username, account.password).status_code == 303
    # no program was restarted for this
    assert all_processes(stack) == before


def test_database_restart_between_requests_goes_unnoticed(stack, client, member, as_demo):
    # Every worker holds a connection from before the restart: the next
    # request must reconnect rather than fail. An insights worker also
    # holds the side connections its pages' reads ahead ran on.
    m, _ = member
    visitor = client()
    mkt = as_demo("marketing")
    for i in range(6):  # every worker has used its connection
        assert visitor.get("/u/john").status_code == 200
        assert visitor.get("/healthz").status_code == 200
        assert mkt.get("/insights").status_code == 200
    before = all_processes(stack)
    stack.stop_mariadb()
    stack.start_mariadb()
    answers = []
    for i in range(8):
        answers.append(("/healthz", visitor.get("/healthz").status_code))
        answers.append(("/u/john", visitor.get("/u/john").status_code))
        answers.append(("/settings", m.get("/settings").status_code))
        r = mkt.get("/insights.json")
        answers.append(("/insights.json", r.status_code))
        if r.status_code == 200:
            # the reads that ran ahead before the restart are read again
            answers.append(("/insights.json products", 200 if r.json()["products"] else 0))
    bad = [a for a in answers if a[1] != 200]
    assert bad == [], "answers other than 200 just after the restart: %s" % bad
    assert all_processes(stack) == before


@pytest.mark.parametrize("program,paths", [("account", ["/login", "/u/john"]),
                                           ("forum", ["/", "/healthz"])])
def test_killed_worker_is_replaced(stack, client, program, paths):
    master, workers = stack.pids(program)
    assert master and len(workers) == 2, (master, workers)
    victim = workers[0]
    os.kill(victim, signal.SIGKILL)

    def replaced():
        m, now = stack.pids(program)
        return m == master and victim not in now and len(now) == 2 and now

    now = wait_until(replaced, 30, what="a new %s worker" % program)
    assert set(now) - set(workers), "no new worker"
    c = client()
    codes = [c.get(paths[i % len(paths)]).status_code for i in range(20)]
    assert codes == [200] * 20
    assert stack.pids(program)[0] == master


@pytest.fixture(scope="module")
def own(own_stack):
    """A stack of its own for the tests that stop things: the shared one
    goes on."""
    return own_stack(workers=2)


def test_sigterm_lets_the_request_in_flight_finish(own):
    s = own
    # A login (Argon2: a tenth of a second of work) is in a worker when
    # the program is told to stop: it must still get its answer.
    master, workers = s.pids("account")
    assert master and len(workers) == 2, (master, workers)
    c = th.Client(s.url)
    token = c.token("/login")
    result = {}
    # the worker that answered the token's page may still be running after
    # its answer (its log line, what it drops between requests): a worker
    # seen running must be the login's, so wait until both are idle first
    def idle():
        for _ in range(10):
            if any((proc_stat(w) or ("?",))[0] == "R" for w in workers):
                return False
            time.sleep(0.01)
        return True

    wait_until(idle, 10, what="the workers to be idle")

    def send():
        try:
            result["r"] = c.post("/login", data={"username": "john", "password":
                                                 "not the password", "csrf": token})
        except Exception as e:  # noqa: BLE001 - reported below
            result["error"] = e

    t = threading.Thread(target=send)
    t.start()
    busy = False
    deadline = time.monotonic() + 5
    try:
        while t.is_alive() and time.monotonic() < deadline and not busy:
            busy = any((proc_stat(w) or ("?",))[0] == "R" for w in workers)
            if not busy:
                time.sleep(0.0005)
        if busy:
            os.kill(master, signal.SIGTERM)
        t.join(60)
        if not busy:
            pytest.skip("the login was not caught working in a worker")
        assert "error" not in result, result.get("error")
        assert result["r"].status_code == 401, "the request in flight got %d" % (
            result["r"].status_code)
        wait_until(lambda: s.pids("account")[0] is None, 30,
                   what="the account program to stop")
        assert not any(proc_stat(w) and proc_stat(w)[0] not in ("Z", "X") for w in workers)
    finally:
        t.join(60)
        res = s.stack_sh("start")  # the account program again, for what follows
        assert res.returncode == 0, res.stderr


def test_stop_ends_every_process(own):
    s = own
    pids = s.all_pids()
    assert {"account", "forum"} <= set(s.programs())
    for name in ["nginx", "mysqld"] + s.programs():
        master, workers = s.pids(name)
        assert master, "%s is not running" % name
        if name in ("account", "forum"):
            assert len(workers) == 2, (name, workers)
    res = s.stack_sh("stop")
    assert res.returncode == 0, res.stderr
    left = [p for p in pids if proc_stat(p) and proc_stat(p)[0] not in ("Z", "X")]
    assert left == [], "still running after cgi/stack.sh stop: %s" % left
    run = os.path.join(s.var, "run")
    assert [f for f in os.listdir(run) if f.endswith((".pid", ".sock"))] == []
