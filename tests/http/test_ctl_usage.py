"""`tertuliactl`'s command line (cgi/tertuliactl.c, cgi/base/args.h): every
command and subcommand says how it is used, and a command line that is
wrong changes nothing.

- `tertuliactl --help`, `-h` and `help` list every command on stdout, exit 0;
  no command at all prints the list on stderr and exits 2.
- `tertuliactl COMMAND --help` (and -h) prints that command's usage on
  stdout and exits 0, reading no configuration.
- an unknown option, an option without its value, a number that is not one
  (or is out of range), a missing or extra argument, an unknown command:
  what is wrong and the usage on stderr, exit 2, before the configuration
  is read or the database reached.

Most of these run against a configuration file that does not exist and one
that names a database nowhere: a command that read its configuration or
tried to connect would exit 1 ("cannot read configuration", "cannot reach
the database") instead of 2. One test runs them all against the test
stack and checks that no row and no kept-page stamp changed; another, that
`generate` refuses the stack's database, which holds more than the demo.
"""

import os
import subprocess

import pytest

import tertulia_http as th

BUILD = os.path.abspath(os.environ.get("TERTULIA_BUILD")
                        or os.path.join(os.path.dirname(__file__), "..", "..", "build"))
CTL = os.path.join(BUILD, "tertuliactl")

# A small generate, so that a tertuliactl that ignored a mistake would only
# write a little (the default is 500,000 posts).
SMALL = ["--users", "5", "--categories", "1", "--threads", "2", "--posts", "4",
         "--big-thread", "2", "--products", "1", "--reviews", "2", "--big-product", "1",
         "--ideas", "1", "--votes", "1"]

# Each command: the words that name it, a valid rest of the command line,
# its options that take a value, and command lines missing something it
# needs (an operand or a required option) or with a bad value.
COMMANDS = {
    "migrate": dict(ok=[], values=[], missing=[], bad=[]),
    "user add": dict(ok=["nobody_x", "--email", "nobody_x@example.org", "--role", "staff"],
                     values=["--email", "--role"],
                     missing=[[], ["nobody_x"], ["--email", "nobody_x@example.org"]],
                     bad=[["nobody_x", "--email", "nobody_x@example.org", "--role", "wizard"],
                          ["nobody_x", "--email", "not-an-address"],
                          ["nobody_x", "--email", "a@example.org", "--email", "b@example.org"]]),
    "user role": dict(ok=["nobody_x", "+staff", "-admin"], values=[],
                      missing=[[], ["nobody_x"]],
                      bad=[["nobody_x", "+wizard"], ["nobody_x", "staff"]]),
    "user unsuspend": dict(ok=["nobody_x"], values=[], missing=[[]],
                           bad=[["bad name!"], ["nobody_x", "someone_else"]]),
    "demo": dict(ok=[], values=[], missing=[], bad=[]),
    "mail": dict(ok=["--once"], values=["--pid", "--origin"], missing=[],
                 bad=[["--once", "--once"], ["--once=1"]]),
    "reengage": dict(ok=["--days", "30", "--limit", "5"], values=["--days", "--limit"],
                     missing=[[], ["--limit", "5"]],
                     bad=[["--days", "abc"], ["--days", "-3"], ["--days", "0"],
                          ["--days", "30", "--limit", "many"], ["--days=1.5"]]),
    "generate": dict(ok=SMALL + ["--seed", "7"],
                     values=[SMALL[i] for i in range(0, len(SMALL), 2)] + ["--seed"],
                     missing=[],
                     bad=[SMALL + ["--posts", "abc"], ["--posts", "abc"] + SMALL[2:6],
                          ["--users", "-3"] + SMALL[2:], ["--yes=1"] + SMALL,
                          # posts fewer than threads
                          ["--threads", "10", "--posts", "5", "--big-thread", "1"]]),
    "products import": dict(ok=["/nonexistent/products.csv"], values=[], missing=[[]], bad=[]),
    "orders import": dict(ok=["/nonexistent/orders.csv"], values=[], missing=[[]], bad=[]),
    "orders invite": dict(ok=["SKU-1", "a@example.org", "3"], values=[],
                          missing=[[], ["SKU-1"]],
                          bad=[["SKU-1", "a@example.org", "abc"], ["SKU-1", "a@example.org", "-3"],
                               ["SKU-1", "a@example.org", "400"], ["SKU-1", "nobody"]]),
    "apikey create": dict(ok=["usage-test"], values=[], missing=[[]], bad=[["bad name!"]]),
    "apikey list": dict(ok=[], values=[], missing=[], bad=[]),
    "apikey revoke": dict(ok=["usage-test"], values=[], missing=[[]], bad=[]),
    "sentiment": dict(ok=[], values=[], missing=[], bad=[]),
    "rollup": dict(ok=[], values=[], missing=[], bad=[]),
    "drain": dict(ok=["--follow"], values=["--pid"], missing=[],
                  bad=[["--follow", "--follow"], ["--follow=1"], ["extra"]]),
    "check": dict(ok=["--repair"], values=[], missing=[], bad=[["--repair", "--repair"]]),
    "passwords rotate": dict(ok=["account", "mail"], values=[], missing=[],
                             bad=[["Account"], ["account", "nosuch"], ["admin"]]),
    "host config": dict(ok=["--out", "/nonexistent/host.conf"], values=["--out"], missing=[[]],
                        bad=[["--out", "a.conf", "--out", "b.conf"]]),
}
NAMES = sorted(COMMANDS)


def without(argv, option):
    """argv without option and the value after it."""
    out, skip = [], False
    for i, a in enumerate(argv):
        if skip:
            skip = False
            continue
        if a == option:
            skip = True
            continue
        out.append(a)
    return out


def wrong_lines(name):
    """Every wrong command line for the command name: (what, argv after its
    name). Each must exit 2."""
    c = COMMANDS[name]
    out = [("unknown option", c["ok"] + ["--bogus"]),
           ("unknown option first", ["--no-such-thing"] + c["ok"]),
           ("unknown short option", c["ok"] + ["-z"]),
           ("extra argument", c["ok"] + ["extra"])]
    for opt in c["values"]:
        out.append(("%s without its value" % opt, without(c["ok"], opt) + [opt]))
        out.append(("%s followed by an option" % opt, without(c["ok"], opt) + [opt, "--help"]))
    out += [("missing argument", m) for m in c["missing"]]
    out += [("bad value", b) for b in c["bad"]]
    return out


@pytest.fixture(scope="module")
def configs(tmp_path_factory):
    """Two configurations no command line here may get as far as: a file
    that does not exist, and one naming a database that is nowhere."""
    d = tmp_path_factory.mktemp("ctl-usage")
    nowhere = d / "nowhere.conf"
    nowhere.write_text("secret = %s\n"
                       "db.private = 0\n"
                       "db.host = localhost\n"
                       "db.socket = %s/no-such.sock\n"
                       "db.name = no_such_database\n"
                       "db.admin.user = nobody\n"
                       "db.admin.password = nothing\n"
                       "cache.changes_file = %s/changes\n" % ("ab" * 32, d, d))
    return {"missing": str(d / "no-such.conf"), "nowhere": str(nowhere)}


def run(config, *argv, stdin=""):
    return subprocess.run([CTL, "--config", config] + list(argv), input=stdin,
                          capture_output=True, text=True, timeout=30)


def assert_refused(res, name, argv):
    what = "tertuliactl %s %s" % (name, " ".join(argv))
    assert res.returncode == 2, "%s exited %d:\n%s%s" % (what, res.returncode, res.stdout,
                                                          res.stderr)
    assert res.stdout == "", what
    assert ("usage: tertuliactl " + name) in res.stderr, what + ": " + res.stderr
    # nothing was read or reached
    assert "configuration" not in res.stderr.split("usage:")[0], what + ": " + res.stderr
    assert "database" not in res.stderr.split("usage:")[0], what + ": " + res.stderr


# ---------------------------------------------------------------- the list

@pytest.mark.parametrize("word", ["--help", "-h", "help"])
def test_help_lists_every_command(configs, word):
    res = run(configs["missing"], word)
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""
    lines = res.stdout.splitlines()
    for name in NAMES:
        assert sum(1 for line in lines if line.strip().startswith(name + "  ")) == 1, name
    # also without --config
    res = subprocess.run([CTL, word], capture_output=True, text=True, timeout=30)
    assert res.returncode == 0 and "generate" in res.stdout


def test_no_command_is_a_usage_error(configs):
    for argv in ([CTL], [CTL, "--config", configs["nowhere"]]):
        res = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        assert res.returncode == 2
        assert res.stdout == ""
        assert "usage: tertuliactl" in res.stderr and "generate" in res.stderr


@pytest.mark.parametrize("argv", [["frobnicate"], ["user"], ["user", "delete", "x"],
                                  ["apikey"], ["apikey", "rotate"], ["orders", "--bogus"],
                                  ["--bogus", "migrate"], ["help", "frobnicate"],
                                  ["--config"], ["-x"]])
def test_unknown_commands_are_usage_errors(configs, argv):
    for config in configs.values():
        res = subprocess.run([CTL] + (argv if argv == ["--config"] else
                                      ["--config", config] + argv),
                             capture_output=True, text=True, timeout=30)
        assert res.returncode == 2, (argv, res.stderr)
        assert res.stdout == ""
        assert "usage: tertuliactl" in res.stderr
        assert "cannot read configuration" not in res.stderr


@pytest.mark.parametrize("group", ["user", "products", "orders", "apikey", "passwords", "host"])
def test_a_group_lists_its_subcommands(configs, group):
    subs = [n for n in NAMES if n.startswith(group + " ")]
    for argv in ([group, "--help"], [group, "-h"], ["help", group]):
        res = run(configs["missing"], *argv)
        assert res.returncode == 0, res.stderr
        for name in subs:
            assert "usage: tertuliactl " + name in res.stdout


# ---------------------------------------------------------------- each command

@pytest.mark.parametrize("name", NAMES)
def test_help_prints_the_usage_and_reads_nothing(configs, name):
    words = name.split()
    for config in configs.values():
        for argv in (["--help"], ["-h"], COMMANDS[name]["ok"] + ["--help"]):
            res = run(config, *(words + argv))
            assert res.returncode == 0, (name, argv, res.stderr)
            assert res.stdout.startswith("usage: tertuliactl " + name), res.stdout
            assert res.stderr == ""
            for opt in COMMANDS[name]["values"]:
                assert opt in res.stdout
        res = run(config, "help", *words)
        assert res.returncode == 0 and res.stdout.startswith("usage: tertuliactl " + name)


@pytest.mark.parametrize("name", NAMES)
def test_wrong_command_lines_exit_2_before_anything(configs, name):
    words = name.split()
    for what, argv in wrong_lines(name):
        for config in configs.values():
            res = run(config, *(words + argv), stdin="a long enough password 123\n")
            assert_refused(res, name, argv)


def test_the_message_names_what_is_wrong(configs):
    cfg = configs["nowhere"]
    cases = [
        (["generate", "--bogus"], "unknown option --bogus"),
        (["generate", "--posts", "abc"], "--posts: a whole number"),
        (["reengage", "--days", "-3"], "--days: a whole number from 1 to 3650, not '-3'"),
        (["reengage"], "--days N is required"),
        (["mail", "--pid"], "--pid needs a value"),
        (["check", "extra"], "'extra'"),
        (["user", "add"], "missing NAME"),
        (["user", "role", "x", "+wizard"], "+wizard"),
        (["orders", "invite", "SKU-1", "a@example.org", "3", "4"], "'4'"),
        (["generate", "--threads", "10", "--posts", "5"], "--posts (5) must be at least"),
    ]
    for argv, message in cases:
        res = run(cfg, *argv)
        assert res.returncode == 2
        assert message in res.stderr.splitlines()[0], (argv, res.stderr)


def test_right_command_lines_do_get_to_the_configuration(configs):
    """The other side of the above: the same command lines, right, go on
    to read the configuration (and fail there, in these tests)."""
    for name in NAMES:
        res = run(configs["missing"], *(name.split() + COMMANDS[name]["ok"]))
        assert res.returncode == 1, (name, res.stderr)
        assert "cannot read configuration" in res.stderr


# ---------------------------------------------------------------- the real stack

TABLES = ["users", "threads", "posts", "reviews", "ideas", "idea_votes", "products",
          "orders", "api_keys", "reengagements", "meta", "schema_migrations", "categories",
          "audit_log"]


def snapshot(stack):
    counts = {t: stack.sql("SELECT COUNT(*) FROM %s" % t)[0][0] for t in TABLES}
    counts["roles"] = stack.sql("SELECT COUNT(*) FROM users WHERE roles <> ''")[0][0]
    changes = os.path.join(stack.var, "run", "changes")
    counts["changes file"] = os.path.getsize(changes) if os.path.exists(changes) else None
    return counts


def test_wrong_command_lines_change_nothing_on_the_stack(stack, client):
    account = th.register(client())
    before = snapshot(stack)
    for name in NAMES:
        words = name.split()
        for what, argv in wrong_lines(name):
            # the account exists: user role would change it if it ran
            argv = [account.username if a == "nobody_x" else a for a in argv]
            res = stack.ctl(*(words + argv), input="a long enough password 123\n", check=False)
            assert_refused(res, name, argv)
        res = stack.ctl(*(words + COMMANDS[name]["ok"] + ["--help"]), input="", check=False)
        assert res.returncode == 0, (name, res.stderr)
    assert snapshot(stack) == before
    assert stack.sql("SELECT roles FROM users WHERE username = '%s'"
                     % account.username) == [[""]]


def test_generate_refuses_a_database_with_more_than_the_demo(stack, client):
    th.register(client())  # a member the demo did not make, whatever ran before
    before = snapshot(stack)
    res = stack.ctl("generate", *SMALL, check=False)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "more than the demo" in res.stderr
    assert "accounts the demo did not create" in res.stderr
    assert "--yes" in res.stderr
    assert res.stdout == ""
    assert snapshot(stack) == before
    assert stack.sql("SELECT COUNT(*) FROM users WHERE username LIKE 'gen\\_%'") == [["0"]]
