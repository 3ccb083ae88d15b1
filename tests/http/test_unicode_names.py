"""Members' names with accents, other alphabets and spaces ("María López"):
registered as the hint says, unique without case, accents or the
difference between a space and "_", refused when they could impersonate
(two scripts, invisible or control characters, odd spaces), reachable at
/u/NAME percent-encoded, and mentioned as @María_López."""

import itertools
import re
from urllib.parse import quote

import pytest

import tertulia_http as th
from tertulia_http import field_errors, text
from mod_helpers import members, new_thread, reply  # noqa: F401 (fixtures)
from notify_helpers import groups

_n = itertools.count(1)


def fresh(base):
    """base with a suffix no other test run uses (digits go with any script)."""
    return "%s %s%d" % (base, int(th.RUN, 16) % 100000, next(_n))


def account(name):
    a = th.new_account()
    a.username = name
    return a


def try_register(c, name):
    a = account(name)
    return c.form("/register", {"username": a.username, "email": a.email,
                                "password": a.password}, page="/register"), a


def profile_path(name):
    return "/u/" + quote(name, safe="")


def test_a_name_with_accents_and_a_space_registers_and_has_its_profile(client):
    c = client()
    name = fresh("María López")
    r, a = try_register(c, name)
    assert r.status_code == 303, field_errors(r.text)
    home = c.get("/")
    assert name in th.visible_text(home.text)
    # the header links to the profile, percent-encoded
    assert 'href="%s"' % profile_path(name) in home.text
    page = client().get(profile_path(name))
    assert page.status_code == 200
    assert "<h1>%s" % name in page.text
    # the avatar's letter is the whole first letter, not half of it
    assert '<span class="avatar" aria-hidden="true">M</span>' in page.text
    # the address a mention links to: the space written "_"
    assert client().get(profile_path(name.replace(" ", "_"))).status_code == 200
    # logging in with it, typed without accents or capitals
    other = client()
    r = th.login(other, name.lower().replace("í", "i").replace("ó", "o"), a.password)
    assert r.status_code == 303
    assert name in th.visible_text(other.get("/").text)


@pytest.mark.parametrize("base", ["Дмитрий", "Σωκράτης", "さくら", "Nguyễn Văn", "Ángel"])
def test_names_of_other_alphabets(client, base):
    c = client()
    name = fresh(base)
    r, _ = try_register(c, name)
    assert r.status_code == 303, field_errors(r.text)
    page = client().get(profile_path(name))
    assert page.status_code == 200 and "<h1>%s" % name in page.text
    assert '<span class="avatar" aria-hidden="true">%s</span>' % base[0] in page.text


def test_names_are_unique_without_case_accents_or_underscores(client):
    name = fresh("María López")
    r, _ = try_register(client(), name)
    assert r.status_code == 303
    for same in (name.lower(), name.upper(), name.replace("í", "i").replace("ó", "o"),
                 name.replace(" ", "_"), name.replace("María", "MARIA").replace(" ", "_")):
        r, _ = try_register(client(), same)
        assert r.status_code in (400, 409), same
        assert field_errors(r.text) == {"username": text("en", "err.name_taken")}, same


@pytest.mark.parametrize("bad", [
    "\u0430dmin",              # Cyrillic а with Latin letters
    "p\u03b1ypal",             # Greek α with Latin letters
    "ad\u200bmin",             # zero-width space
    "ad\u200dmin",             # zero-width joiner
    "adm\u00adin",             # soft hyphen
    "admin\u202e",             # right-to-left override
    "ana\u00a0lopez",          # no-break space
    "ana  lopez",              # two spaces
    " analopez",               # a space first
    "analopez ",               # a space last
    "adm\u0131n",              # dotless ı
    "mari\u0301a",             # a combining accent: one spelling only
    "\uff21dmin",              # fullwidth Ａ
    "ana\U0001F600",           # an emoji
])
def test_names_that_could_impersonate_are_refused(client, bad):
    r, _ = try_register(client(), bad)
    assert r.status_code == 400
    assert field_errors(r.text) == {"username": text("en", "err.username")}


def test_the_hint_promises_what_is_accepted(client):
    for lang in ("en", "es"):
        page = client().get("/register", headers={"Accept-Language": lang}).text
        assert th.visible_text(text(lang, "register.username_hint")) in th.visible_text(page)
    assert "_" in text("en", "register.username_hint")


def test_mentioning_a_name_with_accents_and_spaces(members, client):
    (author, _), = members(1)
    c = client()
    name = fresh("María López")
    r, _ = try_register(c, name)
    assert r.status_code == 303
    tid, _ = new_thread(author)
    mention = "@" + name.replace(" ", "_")
    pid = reply(author, tid, "What do you think, %s?" % mention)
    # she is told
    told = groups(c)
    assert [g["kind"] for g in told] == ["mention"]
    assert told[0]["url"].endswith("#p%d" % pid)
    # the post links the mention to her profile, which answers
    page = client().get("/t/%d" % tid).text
    href = profile_path(name.replace(" ", "_"))
    assert '<a rel="nofollow ugc" href="%s">%s</a>' % (href, mention) in page
    assert client().get(href).status_code == 200
