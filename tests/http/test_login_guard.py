"""Login throttles stop whoever guesses, not the account's owner: failures
are counted per address and per account and address; the lock on an
account guessed at from many addresses lets through, with the right
password, a browser the owner logged in from before (a signed cookie).

A stack of its own with small limits: two failures per account and
address, four on one account from everywhere."""

import pytest

import tertulia_http as th
from tertulia_http import field_errors, text

LIMITS = {"throttle.login_per_account": "2", "throttle.login_account_lock": "4"}


@pytest.fixture(scope="module")
def own(own_stack):
    """A stack without the demo, with the small limits of LIMITS."""
    return own_stack(workers=1, demo=False, extra_config=LIMITS)


@pytest.fixture
def browser(own):
    """A factory of clients of this module's stack, closed when the test is
    done."""
    make, close = th.clients(own.url)
    yield make
    close()


def guess_from_many(browser, account, addresses=2, each=2):
    """Wrong passwords from several addresses, each up to its own limit;
    the guessers' clients."""
    guessers = []
    for a in range(addresses):
        g = browser()
        for i in range(each):
            r = th.login(g, account.username, "wrong %d %d" % (a, i))
            assert r.status_code == 401, "address %d attempt %d" % (a, i + 1)
        assert th.login(g, account.username, account.password).status_code == 429
        guessers.append(g)
    return guessers


def test_account_guessed_from_many_addresses_lets_its_known_browser_in(browser):
    owner = browser()
    account = th.register(owner)            # registering logs in, but leaves no mark
    assert th.login(owner, account.username, account.password).status_code == 303
    assert owner.cookies.get("tertulia_device")
    owner.form("/logout", {}, page="/")

    guessers = guess_from_many(browser, account)
    # four failures in all: a browser the account never logged in from is
    # kept out, even with the right password
    stranger = browser()
    r = th.login(stranger, account.username, account.password)
    assert r.status_code == 429
    assert field_errors(r.text) == {"username": text("en", "err.throttled", 15)}
    assert not stranger.session_cookie
    # the owner's browser gets in
    r = th.login(owner, account.username, account.password)
    assert r.status_code == 303
    assert owner.get("/settings.json").status_code == 200
    # and the guessers are still kept out
    for g in guessers:
        assert th.login(g, account.username, account.password).status_code == 429


def test_known_browser_still_needs_the_password_and_its_address_limit(browser):
    owner = browser()
    account = th.register(owner)
    assert th.login(owner, account.username, account.password).status_code == 303
    owner.form("/logout", {}, page="/")
    guess_from_many(browser, account)
    for i in range(2):
        assert th.login(owner, account.username, "typo %d" % i).status_code == 401
    assert th.login(owner, account.username, account.password).status_code == 429


def test_known_browser_cookie_is_for_one_account_and_cannot_be_forged(browser):
    owner, other = browser(), browser()
    account = th.register(owner)
    mine = th.register(other)
    assert th.login(other, mine.username, mine.password).status_code == 303
    cookie = other.cookies.get("tertulia_device")
    assert cookie
    guess_from_many(browser, account)
    uid = cookie.split(".", 1)[0]
    for forged in (cookie, cookie[:-2] + ("AA" if cookie[-2:] != "AA" else "BB"),
                   "%s.%s" % (int(uid) - 1, cookie.split(".", 1)[1]), "garbage"):
        c = browser()
        c.cookies.set("tertulia_device", forged)
        r = th.login(c, account.username, account.password)
        assert r.status_code == 429, forged
        assert not c.session_cookie
