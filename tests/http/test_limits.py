"""Limits: what is too slow, too big or too deep is refused quickly, with
the right status, and the programs' memory stays bounded. nginx
(nginx.conf) cuts slow clients and huge headers and bodies off before they
reach a program; the programs stop reading a form at KV_MAX_PAIRS fields
and Markdown is rendered by cmark, which does not recurse.

These run on the shared stack: nothing here changes what other tests see
but a thread of odd posts.
"""

import socket
import threading
import time

import pytest

import forum_http as fh
import tertulia_http as th
from tertulia_http import text

QUICK = 3.0  # seconds: a refusal takes less


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS for %d" % pid)


@pytest.fixture(scope="module")
def memory(stack):
    """The workers' RSS (KB) before this module's tests, checked after all of
    them: the same workers (none died), none grown by more than 32 MB. In an
    AddressSanitizer build only the first holds: ASan keeps freed memory in
    a quarantine of up to 256 MB on purpose (to catch use after free), so
    its workers grow with every large body until that is full; the plain
    build's run of this module is the one that measures growth."""
    programs = ["forum", "account", "reviews", "ideas"]
    before = {}
    for p in programs:
        for pid in stack.pids(p)[1]:
            before[pid] = (p, rss_kb(pid))
    yield before
    grown = []
    for pid, (p, kb) in before.items():
        now = rss_kb(pid)  # raises if the worker is gone
        if now - kb > 32 * 1024 and not stack.sanitized:
            grown.append("%s worker %d: %d KB -> %d KB" % (p, pid, kb, now))
    assert not grown, grown


def timed(fn, *args, **kw):
    t = time.monotonic()
    r = fn(*args, **kw)
    return r, time.monotonic() - t


def raw_request(stack, data, read_timeout=30):
    """Sends bytes to nginx and returns (status line, seconds)."""
    with socket.create_connection(("127.0.0.1", stack.port), timeout=read_timeout) as s:
        t = time.monotonic()
        s.sendall(data)
        answer = b""
        try:
            while b"\r\n" not in answer:
                chunk = s.recv(4096)
                if not chunk:
                    break
                answer += chunk
        except ConnectionResetError:
            pass
        return answer.split(b"\r\n", 1)[0].decode("latin-1"), time.monotonic() - t


# ------------------------------------------------------------ slow clients

def test_slow_headers_are_cut_off_and_hold_no_worker(stack, client, memory):
    """Slowloris: clients sending their headers a byte a second are cut off
    by nginx (client_header_timeout 15 s), and while they dribble, others
    are served: the programs never see a request before nginx has all of it."""
    results = []

    def slow_client():
        start = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", stack.port), timeout=40) as s:
                request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100
                for byte in request:
                    s.sendall(bytes([byte]))
                    time.sleep(1)
                results.append(("sent everything", time.monotonic() - start))
        except (BrokenPipeError, ConnectionResetError, socket.timeout) as e:
            results.append((type(e).__name__, time.monotonic() - start))

    slow = [threading.Thread(target=slow_client) for _ in range(6)]  # more than the workers
    for t in slow:
        t.start()
    time.sleep(2)
    c = client()
    for _ in range(10):
        r, took = timed(c.get, "/")
        assert r.status_code == 200 and took < QUICK, (r.status_code, took)
    for t in slow:
        t.join(60)
    assert len(results) == 6
    for what, took in results:
        assert what != "sent everything", "a slow client was never cut off"
        assert 14 <= took <= 25, "cut off after %.1f s" % took


# ------------------------------------------------------------ too big

@pytest.mark.parametrize("what,data,statuses", [
    ("a 20 KB cookie", b"GET / HTTP/1.1\r\nHost: x\r\nCookie: a=" + b"b" * 20000 + b"\r\n\r\n",
     ("400",)),
    ("a 20 KB URL", b"GET /search?q=" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
     ("414",)),
    ("100 headers of 1 KB", b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(
        b"X-H%d: %s\r\n" % (i, b"v" * 1000) for i in range(100)) + b"\r\n", ("400",)),
    ("a 1 MB header line", b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"v" * (1 << 20) +
     b"\r\n\r\n", ("400",)),
])
def test_huge_headers_are_refused(stack, memory, what, data, statuses):
    line, took = raw_request(stack, data)
    assert line.split(" ")[1:2] and line.split(" ")[1] in statuses, "%s: %r" % (what, line)
    assert took < QUICK, "%s took %.1f s" % (what, took)


def test_a_10_mb_body_is_refused_at_once(member, memory):
    c, _ = member
    tid = fh.create_thread(c, "cafe")
    body = "csrf=%s&body=" % c.token("/t/%d" % tid) + "a" * (10 << 20)
    r, took = timed(c.post, "/t/%d/reply" % tid, data=body,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    assert took < QUICK, took
    assert text("en", "error.413.title") in r.text  # nginx shows our page

    def chunks():  # no Content-Length: nginx counts as it reads
        yield body[:1000].encode()
        for _ in range(10):
            yield b"a" * (1 << 20)

    r, took = timed(c.post, "/t/%d/reply" % tid, data=chunks(),
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413 and took < QUICK, (r.status_code, took)


def test_100000_form_fields_are_refused(member, memory):
    c, account = member
    body = "csrf=%s&" % c.token("/settings") + "&".join("f%d=1" % i for i in range(100000))
    r, took = timed(c.post, "/settings", data=body,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code in (400, 413), r.status_code
    assert took < QUICK, took
    # a few hundred over KV_MAX_PAIRS in a query string
    r, took = timed(c.get, "/search?" + "&".join("q%d=1" % i for i in range(300)))
    assert r.status_code == 400 and took < QUICK, (r.status_code, took)
    assert c.get("/settings").status_code == 200  # and the member goes on


# ------------------------------------------------------------ too deep

DEEP = {
    "quotes": ">" * 19990 + " x",
    "brackets": "[" * 19990 + "x",
    "lists": "".join("  " * i + "- x\n" for i in range(140)),
    "emphasis": "*a " * 6000 + "x" + " a*" * 600,
    "links": "[a](" * 4000 + "x" + ")" * 4000,
    "backticks": "`" * 19990,
}


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_deeply_nested_markdown_is_quick(member, memory, kind):
    c, _ = member
    tid = fh.create_thread(c, "cafe", "Deep %s %s" % (kind, th.unique_name("d")))
    r, took = timed(fh.post_reply, c, tid, DEEP[kind])
    assert r.status_code in (303, 400), r.status_code
    assert took < QUICK, "%s: the reply took %.1f s" % (kind, took)
    r, took = timed(c.get, "/t/%d" % tid)
    assert r.status_code == 200 and took < QUICK, (r.status_code, took)


def test_markdown_over_the_length_limit_is_refused(member, memory):
    c, _ = member
    tid = fh.create_thread(c, "cafe")
    for body in (">" * 50000, "[" * 50000):
        r, took = timed(fh.post_reply, c, tid, body)
        assert r.status_code == 400 and took < QUICK, (r.status_code, took)
        assert th.field_errors(r.text) == {"body": text("en", "err.too_long", 20000)}
