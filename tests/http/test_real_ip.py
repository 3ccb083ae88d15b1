"""The client's address behind a balancer (proxy.trusted, nginx.conf's
real-IP lines that cgi/stack.sh writes): the programs count the throttles
by the client that X-Forwarded-For names when, and only when, the peer is
a trusted balancer. With none configured (the default) the header is
ignored: a client cannot pick its own address to dodge a limit."""

import pytest

import tertulia_http as th

BALANCER = "127.0.0.1"  # the trusted peer: the tests' other clients are 127.0.x.y


@pytest.fixture(scope="module")
def behind(own_stack):
    """A stack behind one trusted balancer, 127.0.0.1."""
    return own_stack(workers=1, demo=False, extra_config={"proxy.trusted": BALANCER})


def attempt(c, client_address, forwarded=True):
    """One registration attempt (a password too short: refused, but
    counted like every attempt); returns the status."""
    headers = {"X-Forwarded-For": client_address} if forwarded else {}
    r = c.form("/register", {"username": th.unique_name("rip"),
                              "email": th.unique_name("rip") + "@example.org",
                              "password": "short"}, page="/register", headers=headers)
    return r.status_code


def counted(stack, address):
    """Registration attempts counted for address."""
    rows = stack.sql("SELECT COALESCE(SUM(hits), 0) FROM throttle WHERE k = 'register:ip:%s'"
                     % address)
    return int(rows[0][0])


def test_each_client_behind_the_balancer_is_counted_for_itself(behind):
    c = th.Client(behind.url, source=BALANCER)
    for i in range(10):
        assert attempt(c, "203.0.113.7") == 400, "attempt %d" % (i + 1)
    # the eleventh from that client is refused ...
    assert attempt(c, "203.0.113.7") == 429
    # ... and the next, through the same balancer, from another is not
    assert attempt(c, "203.0.113.8") == 400
    account = th.new_account()
    r = c.form("/register", {"username": account.username, "email": account.email,
                             "password": account.password}, page="/register",
               headers={"X-Forwarded-For": "198.51.100.20, 203.0.113.9"})
    assert r.status_code == 303, th.field_errors(r.text)
    assert counted(behind, "203.0.113.7") == 10
    assert counted(behind, "203.0.113.8") == 1
    # the client is the last address the balancer did not add itself
    assert counted(behind, "203.0.113.9") == 1
    assert counted(behind, "198.51.100.20") == 0
    assert counted(behind, BALANCER) == 0


def test_a_peer_that_is_not_a_trusted_balancer_is_counted_for_itself(behind):
    c = th.Client(behind.url)  # 127.0.x.y: not trusted
    assert attempt(c, "203.0.113.50") == 400
    assert counted(behind, c.source) == 1
    assert counted(behind, "203.0.113.50") == 0


def test_with_no_trusted_balancer_the_header_is_ignored(stack):
    c = th.Client(stack.url)
    for i in range(10):
        assert attempt(c, "192.0.2.%d" % (i + 1)) == 400, "attempt %d" % (i + 1)
    # a new forged address each time changed nothing: the peer's is full
    assert attempt(c, "192.0.2.99") == 429
    assert counted(stack, c.source) == 10
    assert counted(stack, "192.0.2.1") == 0
    with open(stack.var + "/nginx.conf") as f:
        lines = [line.strip() for line in f]
    assert [line for line in lines if line.startswith(("set_real_ip_from", "real_ip"))] == []
