"""Fixtures of the HTTP tests: one private stack for the whole run, and
clients that each connect from their own loopback address."""

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # tests/: stack.py
sys.path.insert(0, HERE)                   # tertulia_http.py

from stack import Stack  # noqa: E402
import tertulia_http as th  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: fault tests with a stack of their own "
                            "(make test runs them; make test-asan leaves them out)")


@pytest.fixture(scope="session")
def stack():
    s = Stack(workers=2, demo=True)
    s.start()
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture(scope="session")
def base_url(stack):
    return stack.url


@pytest.fixture
def client(stack):
    """A factory: client() gives a new requests.Session with its own cookies
    and its own source address (127.0.x.y)."""
    made = []

    def make():
        c = th.Client(stack.url)
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


@pytest.fixture
def member(client):
    """A client logged in as a newly registered member: (client, account)."""
    c = client()
    account = th.register(c)
    return c, account


@pytest.fixture
def as_demo(client):
    """as_demo("admin") gives a client logged in as that demo account."""
    def make(name):
        c = client()
        th.login_ok(c, name)
        return c
    return make
