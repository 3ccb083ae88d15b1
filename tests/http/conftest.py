"""Fixtures of the HTTP tests: one private stack shared by the whole run,
the stacks a module starts for itself (own_stack), and clients that each
connect from their own loopback address."""

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # tests/: stack.py
sys.path.insert(0, HERE)                   # tertulia_http.py

from stack import Stack  # noqa: E402
import tertulia_http as th  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: fault tests and long runs with a stack of "
                            "their own (make test runs them; make test-asan leaves them out)")


class Stacks:
    """The stacks a scope of the tests started, so that they are all
    stopped when it ends.

    start(**options) starts a new stack (the options of tests/stack.py's
    Stack: workers, demo, extra_config); shared(**options) gives the one
    stack of that configuration, started the first time it is asked for."""

    def __init__(self):
        self.started = []
        self.by_config = {}

    def start(self, **options):
        s = Stack(**options)
        s.start()
        self.started.append(s)
        return s

    def shared(self, workers=2, demo=True, extra_config=None):
        key = (workers, demo, tuple(sorted((extra_config or {}).items())))
        if key not in self.by_config:
            self.by_config[key] = self.start(workers=workers, demo=demo,
                                             extra_config=extra_config)
        return self.by_config[key]

    def stop_all(self):
        """Stops every stack, the last started first; raises the first
        error (a sanitizer report, a process left running) once all are
        stopped."""
        errors = []
        while self.started:
            try:
                self.started.pop().stop()
            except Exception as e:  # noqa: BLE001 - raised below
                errors.append(e)
        if errors:
            raise errors[0]


@pytest.fixture(scope="session")
def shared_stacks():
    """Stacks that live for the whole run, one a configuration: for tests
    that only add their own members and content, so that they do not get
    in each other's way."""
    stacks = Stacks()
    try:
        yield stacks
    finally:
        stacks.stop_all()


@pytest.fixture(scope="session")
def stack(shared_stacks):
    """The stack most tests share: two workers a program and the demo."""
    return shared_stacks.shared(workers=2, demo=True)


@pytest.fixture(scope="module")
def own_stack():
    """A factory for a test module's own stacks: own_stack(**options)
    starts a new stack (workers, demo, extra_config as in tests/stack.py's
    Stack) that no other module uses, and stops it when the module's tests
    are done. For tests that stop, kill, fill, restore or break things, or
    that need a configuration no other module does."""
    stacks = Stacks()
    try:
        yield stacks.start
    finally:
        stacks.stop_all()


@pytest.fixture(scope="session")
def base_url(stack):
    return stack.url


@pytest.fixture
def client(stack):
    """A factory of clients of the shared stack (tertulia_http.clients),
    closed when the test is done."""
    make, close = th.clients(stack.url)
    yield make
    close()


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
