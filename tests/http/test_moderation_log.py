"""The audit log at /mod/log (filters, CSV export, append-only for every
program), the public transparency report and the moderation figures for
marketing."""

import csv
import datetime
import io
import re

import pytest

import tertulia_http as th
from tertulia_http import text
from mod_helpers import (REASON, act_ok, flag_ok, log_rows, logged, members,  # noqa: F401
                         moderator, new_thread, reply)


def today(delta=0):
    return (datetime.datetime.now(datetime.timezone.utc).date()
            + datetime.timedelta(days=delta)).isoformat()


def this_month():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m")


# ================================================================== the log

def test_log_page_shows_who_what_which_item_why_and_when(members, moderator):
    (author, _), = members(1)
    _, pid = new_thread(author)
    mod, account = moderator
    act_ok(mod, [pid], "hide", reason="Advertising a competitor")
    r = mod.get("/mod/log?actor=" + account.username)
    assert r.status_code == 200
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", r.text, re.S) if "<td>" in row]
    assert len(rows) == 1
    cells = [th.visible_text(c) for c in re.findall(r"<td>(.*?)</td>", rows[0], re.S)]
    when, who, what, which, why = cells[:5]
    assert who == account.username
    assert what == text("en", "mod.act.hide")
    assert which == "%s %d" % (text("en", "mod.kind_post"), pid)
    # the item is a link to its moderation page
    assert 'href="/mod/item/post/%d"' % pid in rows[0]
    assert why == "Advertising a competitor"
    assert today()[:4] in when
    logged(mod, account.username, "hide", "post", pid, "Advertising a competitor")


def test_log_records_word_changes_and_thread_tools(members, moderator):
    (author, _), = members(1)
    tid, _ = new_thread(author)
    mod, account = moderator
    r = mod.form("/t/%d/lock" % tid, {"on": "1", "reason": REASON}, page="/t/%d" % tid)
    assert r.status_code == 303
    logged(mod, account.username, "lock", "thread", tid)
    word = "logw%s" % th.unique_name("").replace("_", "x")
    assert mod.form("/mod/words", {"word": word, "lang": "any", "action": "hold"},
                    page="/mod/words").status_code == 303
    rows = log_rows(mod, action="word_add", actor=account.username)
    assert [a["detail"] for a in rows] == [word]
    wid = rows[0]["target_id"]
    assert mod.form("/mod/words/%d/delete" % wid, {}, page="/mod/words").status_code == 303
    assert [a["target_id"] for a in log_rows(mod, action="word_delete",
                                             actor=account.username)] == [wid]


def test_log_filters_by_action_and_actor(client, stack, members, moderator):
    (author, _), = members(1)
    tid, first = new_thread(author)
    second = reply(author, tid)
    mod, account = moderator
    other = client()
    other_account = th.register(other)
    stack.ctl("user", "role", other_account.username, "+moderator")
    act_ok(mod, [first], "warn")
    act_ok(mod, [second], "hide")
    act_ok(other, [second], "restore")

    mine = log_rows(mod, actor=account.username)
    assert sorted(a["action"] for a in mine) == ["hide", "warn"]
    assert [a["action"] for a in log_rows(mod, actor=account.username, action="hide")] == ["hide"]
    theirs = log_rows(mod, actor=other_account.username)
    assert [(a["action"], a["target_id"]) for a in theirs] == [("restore", second)]
    restores = log_rows(mod, action="restore")
    assert restores and all(a["action"] == "restore" for a in restores)
    assert log_rows(mod, actor=th.unique_name("nobody")) == []


def test_log_filters_by_dates(members, moderator):
    (author, _), = members(1)
    _, pid = new_thread(author)
    mod, account = moderator
    act_ok(mod, [pid], "hide")
    by_me = dict(actor=account.username)
    assert len(log_rows(mod, **by_me, **{"from": today(), "to": today()})) == 1
    assert len(log_rows(mod, **by_me, **{"from": today(-1)})) == 1
    assert len(log_rows(mod, **by_me, to=today())) == 1
    assert log_rows(mod, **by_me, **{"from": today(1)}) == []
    assert log_rows(mod, **by_me, to=today(-1)) == []


@pytest.mark.parametrize("date", ["yesterday", "2026-13-01", "2026-02-30", "2026-04-31",
                                  "2026-1-5", "20260105", "2026-01-00", "0000-00-00"])
def test_log_refuses_an_invalid_date(moderator, date):
    mod, _ = moderator
    for name in ("from", "to"):
        r = mod.get("/mod/log", params={name: date})
        assert r.status_code == 400, (name, date)
        assert th.field_errors(r.text).get(name) == text("en", "mod.err.date")
        assert th.input_value(r.text, name) == date  # the filter typed is kept
        assert mod.get("/mod/log.csv", params={name: date}).status_code == 400


def test_log_csv_export(members, moderator):
    (author, _), = members(1)
    tid, first = new_thread(author)
    second = reply(author, tid)
    mod, account = moderator
    act_ok(mod, [first], "warn", reason="=1+1")
    act_ok(mod, [second], "hide", reason='He said "buy now", twice')

    r = mod.get("/mod/log.csv?actor=" + account.username)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in r.headers.get("Content-Disposition", "")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8"))))
    header, body = rows[0], rows[1:]
    for column in ("created_at", "actor", "action", "target_type", "target_id", "reason"):
        assert column in header
    col = {name: i for i, name in enumerate(header)}
    assert len(body) == 2
    by_action = {row[col["action"]]: row for row in body}
    assert by_action["hide"][col["reason"]] == 'He said "buy now", twice'
    assert by_action["hide"][col["target_id"]] == str(second)
    assert by_action["hide"][col["actor"]] == account.username
    # when: a date a spreadsheet reads, today's
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", by_action["hide"][col["created_at"]])
    assert by_action["hide"][col["created_at"]].startswith(today()[:8])
    defused = by_action["warn"][col["reason"]]
    assert not defused.startswith(("=", "+", "-", "@")), defused
    assert "=1+1" in defused
    # the export follows the page's filters
    r = mod.get("/mod/log.csv", params={"actor": account.username, "action": "hide"})
    assert len(list(csv.reader(io.StringIO(r.text)))) == 2


def test_log_csv_defuses_every_formula_start(stack, members, moderator):
    # = + - @ are the well-known starts; a spreadsheet also runs a formula
    # after a leading TAB or CR, which a reason typed (TAB) or stored by
    # another way (CR) may hold.
    (author, _), = members(1)
    tid, first = new_thread(author)
    second = reply(author, tid)
    mod, account = moderator
    act_ok(mod, [first], "warn", reason="\t=HYPERLINK(\"http://evil.example\")")
    act_ok(mod, [second], "hide", reason="\t@SUM(A1)")
    stack.sql("INSERT INTO audit_log (actor_id, action, target_type, target_id, reason, "
              "detail, created_at) SELECT id, 'restore', 'post', %d, CONCAT(CHAR(13), '=2+2'), "
              "CONCAT('-', '1+1'), UTC_TIMESTAMP() FROM users WHERE username = '%s'"
              % (second, account.username))

    r = mod.get("/mod/log.csv", params={"actor": account.username})
    assert r.status_code == 200
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8"))))
    col = {name: i for i, name in enumerate(rows[0])}
    by_action = {row[col["action"]]: row for row in rows[1:]}
    assert set(by_action) == {"warn", "hide", "restore"}
    for action, kept in (("warn", '=HYPERLINK("http://evil.example")'), ("hide", "@SUM(A1)"),
                         ("restore", "=2+2")):
        cell = by_action[action][col["reason"]]
        assert cell.startswith("'"), (action, cell)
        assert kept in cell, (action, cell)
    assert by_action["restore"][col["detail"]] == "'-1+1"
    # figures stay figures: the ids are not quoted away
    assert by_action["hide"][col["target_id"]] == str(second)


def test_every_csv_export_writes_its_cells_through_csv_cell():
    # One function decides what is defused (cgi/base/csv_out.c): a program
    # that answers CSV writes no cell by other means.
    import glob
    import os
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    answering = []
    for path in glob.glob(os.path.join(root, "cgi", "*", "*.c")) + \
            glob.glob(os.path.join(root, "cgi", "*.c")):
        if os.sep + "ctl" + os.sep in path:
            continue        # tertuliactl reads CSV files, it answers none
        with open(path, encoding="utf-8") as f:
            src = f.read()
        if "text/csv" in src:
            answering.append(os.path.relpath(path, root))
            assert "csv_cell(" in src, path
            assert not re.search(r"strbuf_(puts|printf|append)\(&r->raw", src), path
    assert sorted(answering) == ["cgi/insights/export.c", "cgi/moderation/log.c"]


def test_no_web_program_can_change_the_audit_log(stack):
    accounts = [row[0] for row in stack.sql(
        "SELECT DISTINCT User FROM mysql.user WHERE User LIKE 'tertulia\\_%'")]
    for needed in ("account", "forum", "reviews", "ideas", "moderation"):
        assert "tertulia_" + needed in accounts
    for account in accounts:
        grants = [row[0] for row in stack.sql("SHOW GRANTS FOR '%s'@'%%'" % account)]
        assert grants, account
        for grant in grants:
            m = re.match(r"^GRANT (.*) ON (?:FUNCTION |PROCEDURE )?(\S+) TO ", grant)
            assert m, grant
            privileges, target = m.group(1), m.group(2).replace("`", "")
            if target in ("*.*", "tertulia.*", "tertulia.audit_log"):
                bad = re.findall(r"\b(UPDATE|DELETE|ALL|DROP|ALTER)\b", privileges)
                assert not bad, "%s may %s the audit log: %s" % (account, bad, grant)


# ------------------------------------------------------------------ in Spanish

def in_spanish(c):
    assert c.form("/lang", {"lang": "es", "next": "/"}).status_code == 303
    return c


def shown(html):
    """Visible text as a person reads it: no space before a comma."""
    return re.sub(r" ,", ",", th.visible_text(html))


def log_cells(html):
    """[[cell html, ...], ...] of the log's table, newest first."""
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "<td>" in row]
    return [re.findall(r"<td>(.*?)</td>", row, re.S) for row in rows]


# The way the programs store a log line, which a page never shows as it is.
CODES = re.compile(r"->|\b[a-z]+_[a-z_]+\b|\b\d+\.\d{5,}\b|\b\d{4}-\d\d(-\d\d)?\b|"
                   r"\b(approve|hide|delete|restore|warn|silence|suspend|merge|lock|"
                   r"visible|held|hidden|into|days|links|flags|item|post|thread)\b")


def test_log_in_spanish_names_actions_statuses_and_links_each_item(members, moderator):
    (author, author_account), = members(1)
    tid, pid = new_thread(author)
    mod, account = moderator
    in_spanish(mod)
    act_ok(mod, [pid], "hide")
    act_ok(mod, [pid], "restore")
    act_ok(mod, [pid], "silence", days="3")
    assert mod.form("/t/%d/lock" % tid, {"on": "1", "reason": REASON},
                    page="/t/%d" % tid).status_code == 303

    r = mod.get("/mod/log?actor=" + account.username)
    assert r.status_code == 200
    lock, silence, restore, hide = log_cells(r.text)
    es = lambda key: text("es", key)  # noqa: E731
    post = "%s %d" % (es("mod.kind_post"), pid)

    assert [shown(row[2]) for row in (lock, silence, restore, hide)] == [
        es("mod.act.lock"), es("mod.act.silence"), es("mod.act.restore"), es("mod.act.hide")]
    # what was hidden and restored, and its link
    for row in (hide, restore):
        assert shown(row[3]) == post
        assert '<a href="/mod/item/post/%d">' % pid in row[3]
    assert shown(hide[5]) == "%s → %s" % (es("mod.st.visible"), es("mod.st.hidden"))
    assert shown(restore[5]) == "%s → %s" % (es("mod.st.hidden"), es("mod.st.visible"))
    # a silence is the member's, for a post, so many days
    assert shown(silence[3]) == "%s %s" % (es("mod.kind_user"), author_account.username)
    assert 'href="/u/%s"' % author_account.username in silence[3]
    assert shown(silence[5]) == "%s %s, 3 %s" % (es("mod.for_item"), post,
                                                 es("count.days.other"))
    assert 'href="/mod/item/post/%d"' % pid in silence[5]
    # a thread tool: the thread
    assert shown(lock[3]) == "%s %d" % (es("mod.kind_thread"), tid)
    assert 'href="/t/%d"' % tid in lock[3]
    page = shown(r.text[r.text.index("<table"):r.text.index("</table>")])
    assert not CODES.search(page.replace(REASON, "")), CODES.search(page).group(0)


def test_log_in_spanish_writes_a_merge_with_the_idea_it_went_into(as_demo):
    # the demo's moderator merged a duplicate idea
    mod = in_spanish(as_demo("moderadora"))
    merge = [a for a in log_rows(mod, action="merge", actor="moderadora")][-1]
    into = int(merge["detail"].rsplit(" ", 1)[1])
    r = mod.get("/mod/log", params={"action": "merge", "actor": "moderadora"})
    row = log_cells(r.text)[-1]
    assert shown(row[2]) == text("es", "mod.act.merge")
    assert shown(row[3]) == "%s %d" % (text("es", "mod.kind_idea"), merge["target_id"])
    assert shown(row[5]) == "%s %s %d" % (text("es", "mod.merged_into"),
                                          text("es", "mod.kind_idea"), into)
    assert '<a href="/ideas/%d">' % into in row[5]
    assert "into" not in shown(row[5])


def test_log_action_filter_is_a_list_of_the_actions_named_in_the_readers_language(
        members, moderator):
    (author, _), = members(1)
    _, pid = new_thread(author)
    mod, account = moderator
    in_spanish(mod)
    act_ok(mod, [pid], "hide")
    act_ok(mod, [pid], "warn")
    r = mod.get("/mod/log")
    select = re.search(r'<select id="action" name="action".*?</select>', r.text, re.S)
    assert select, "the action filter is not a list"
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(0))
    assert options[0] == ("", text("es", "mod.any"))
    named = dict(options[1:])
    for code in ("approve", "hide", "delete", "restore", "edit", "warn", "silence", "suspend",
                 "lift", "merge", "lock", "move", "split", "word_add", "roles"):
        assert named.get(code) == text("es", "mod.act." + code), code
    # choosing one shows those lines, and the list says which is chosen
    r = mod.get("/mod/log", params={"action": "hide", "actor": account.username})
    assert [shown(row[2]) for row in log_cells(r.text)] == [text("es", "mod.act.hide")]
    assert re.search(r'<option value="hide" selected>', r.text)
    # a name typed by hand is no action: said so, not an empty log
    r = mod.get("/mod/log", params={"action": "ocultar"})
    assert r.status_code == 400
    assert th.field_errors(r.text).get("action") == text("es", "mod.err.log_action")


def find_in_queue(mod, pid):
    """The queue's entry (its HTML) of a post, on whichever page it is."""
    page = 1
    while True:
        r = mod.get("/mod", params={"page": page})
        assert r.status_code == 200
        m = re.search(r'<article class="mod-entry" aria-labelledby="item-post-%d">.*?</article>'
                      % pid, r.text, re.S)
        if m:
            return m.group(0)
        data = mod.get("/mod.json", params={"page": page}).json()
        assert data.get("next_page"), "post %d is not in the queue" % pid
        page = data["next_page"]


def test_queue_in_spanish_says_why_each_item_is_there_in_words(members, moderator):
    (author, _), (other, _), (flagger, _) = members(3)
    tid, first = new_thread(author)      # a new member's first post
    links = reply(author, tid, "Mirad [a](http://a.example) [b](http://b.example) "
                               "[c](http://c.example) [d](http://d.example)")
    _, flagged = new_thread(other)
    flag_ok(flagger, flagged)
    mod, _ = moderator
    in_spanish(mod)

    es = lambda key: text("es", key)  # noqa: E731
    entries = {pid: shown(find_in_queue(mod, pid)) for pid in (first, links, flagged)}
    assert "%s: %s" % (es("mod.status"), es("mod.st.visible")) in entries[first]
    assert "%s (%s 1 %s 2)" % (es("mod.cause_new_member"), es("mod.nth_item"),
                               es("mod.of_first")) in entries[first]
    assert "%s: %s" % (es("mod.status"), es("mod.st.held")) in entries[links]
    assert "%s (4 %s)" % (es("mod.cause_links"), es("count.links.other")) in entries[links]
    assert "%s (1 %s, 0 %s)" % (es("mod.cause_flags"), es("count.flags.one"),
                                es("count.counted.other")) in entries[flagged]
    assert "1 %s %s" % (es("count.flags.one"), es("mod.r_spam")) in entries[flagged]
    for pid, entry in entries.items():
        for english in ("of the first", "links", "flags", "counted", "held", "visible", "item"):
            assert not re.search(r"\b%s\b" % english, entry), (pid, english, entry)


def test_stats_in_spanish_write_whole_minutes_category_names_and_actions(stack, members,
                                                                          moderator):
    (author, _), = members(1)
    tid, first = new_thread(author, category="help")
    second = reply(author, tid)
    mod, _ = moderator
    # waited 1.5 minutes and 5.25: a median of more than a whole minute
    for pid, seconds in ((first, 90), (second, 315)):
        stack.sql("UPDATE mod_queue SET created_at = created_at - INTERVAL %d SECOND "
                  "WHERE target_type = 'post' AND target_id = %d" % (seconds, pid))
    act_ok(mod, [first, second], "hide", from_queue=True)
    in_spanish(mod)
    r = mod.get("/mod/stats")
    assert r.status_code == 200
    figures = re.findall(r"<dd>(.*?)</dd>", r.text)
    assert len(figures) == 4
    for f in figures:
        assert re.fullmatch(r"\d+", f), "a figure written %r" % f
    help_es = stack.sql("SELECT name_es FROM categories WHERE slug = 'help'")[0][0]
    rows = [[shown(c) for c in row] for row in log_cells(r.text)]
    assert [help_es, text("es", "mod.act.hide")] in [row[:2] for row in rows]
    assert '<a href="/c/help">' in r.text
    page = shown(r.text[r.text.index("<main"):])
    assert not re.search(r"\bhelp\b|\bhide\b|\d+\.\d{3,}", page)


def test_transparency_in_spanish_names_months_and_actions(client, members, moderator):
    (author, _), = members(1)
    _, pid = new_thread(author)
    mod, _ = moderator
    act_ok(mod, [pid], "hide")
    v = client()
    r = v.get("/mod/transparency", headers={"Accept-Language": "es"})
    assert r.status_code == 200
    rows = [[shown(c) for c in row] for row in log_cells(r.text)]
    now = datetime.datetime.now(datetime.timezone.utc)
    month = "%s %d" % (text("es", "month.%d" % now.month), now.year)
    assert [month, text("es", "mod.act.hide")] in [row[:2] for row in rows]
    page = shown(r.text[r.text.index("<main"):])
    assert this_month() not in page
    assert not re.search(r"\b(hide|approve|restore|delete|merge)\b", page)


# ================================================================== transparency

def month_counts(rows, key):
    return {r[key]: r["n"] for r in rows if r["month"] == this_month()}


def test_transparency_report_is_public_and_counts_actions_by_month(client, members, moderator):
    v = client()
    r = v.get("/mod/transparency")
    assert r.status_code == 200
    assert text("en", "mod.transparency") in r.text
    before = v.get("/mod/transparency.json").json()
    (author, _), (flagger, _) = members(2)
    tid, first = new_thread(author)
    second = reply(author, tid)
    flag_ok(flagger, second, "off_topic")
    mod, _ = moderator
    act_ok(mod, [first], "hide")
    act_ok(mod, [second], "delete")
    act_ok(mod, [second], "restore")
    after = v.get("/mod/transparency.json").json()

    a0, a1 = month_counts(before.get("actions", []), "action"), month_counts(after["actions"], "action")
    for action in ("hide", "delete", "restore"):
        assert a1[action] == a0.get(action, 0) + 1, action
    f0, f1 = month_counts(before.get("flags", []), "reason"), month_counts(after["flags"], "reason")
    assert f1["off_topic"] == f0.get("off_topic", 0) + 1
    # no names of people in a public report
    assert author.get("/index.json").json()["me"]["name"] not in v.get("/mod/transparency").text


# ================================================================== figures

@pytest.mark.parametrize("who,status", [("marketing", 200), ("admin", 200),
                                        ("moderadora", 200), ("john", 403)])
def test_stats_answer_marketing_and_moderators(as_demo, who, status):
    assert as_demo(who).get("/mod/stats").status_code == status
    assert as_demo(who).get("/mod/stats.json").status_code == status


def test_stats_refuse_members_and_send_visitors_to_log_in(member, client):
    assert member[0].get("/mod/stats").status_code == 403
    r = client().get("/mod/stats")
    assert r.status_code == 303 and r.headers["Location"].startswith("/login")


def percentile(values, p):
    """PERCENTILE_CONT: linear interpolation between the closest ranks."""
    values = sorted(values)
    if not values:
        return 0
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def test_stats_figures(stack, as_demo, members, moderator):
    marketing = as_demo("marketing")
    before = marketing.get("/mod/stats.json").json()
    (author, _), (flagger, _) = members(2)
    tid, first = new_thread(author, category="help")
    second = reply(author, tid)
    flag_ok(flagger, first, "abuse")
    flag_ok(flagger, second, "abuse")
    # waited one and three hours
    for pid, minutes in ((first, 60), (second, 180)):
        stack.sql("UPDATE mod_queue SET created_at = created_at - INTERVAL %d MINUTE "
                  "WHERE target_type = 'post' AND target_id = %d" % (minutes, pid))
    mod, _ = moderator
    act_ok(mod, [first, second], "hide", from_queue=True)

    data = marketing.get("/mod/stats.json").json()
    assert data["days"] == 30
    abuse = lambda d: {f["reason"]: f["n"] for f in d.get("flags_by_reason", [])}.get("abuse", 0)
    assert abuse(data) == abuse(before) + 2

    waits = [int(r[0]) for r in stack.sql(
        "SELECT TIMESTAMPDIFF(MINUTE, created_at, resolved_at) FROM mod_queue "
        "WHERE resolved_at IS NOT NULL AND resolved_at >= UTC_TIMESTAMP() - INTERVAL 30 DAY")]
    assert data["resolve"]["resolved"] == len(waits)
    assert float(data["resolve"]["median_minutes"]) == pytest.approx(percentile(waits, 0.5))
    assert float(data["resolve"]["p90_minutes"]) == pytest.approx(percentile(waits, 0.9))

    open_now = int(stack.sql("SELECT COUNT(*) FROM mod_queue WHERE resolved_at IS NULL")[0][0])
    assert data["open_items"] == open_now
    hides = {(c["category"], c["action"]): c["n"] for c in data["by_category"]}
    hides0 = {(c["category"], c["action"]): c["n"] for c in before.get("by_category", [])}
    assert hides[("help", "hide")] == hides0.get(("help", "hide"), 0) + 2

    page = th.visible_text(marketing.get("/mod/stats").text)
    for key in ("mod.open_items", "mod.median", "mod.p90", "mod.flag_reasons", "mod.by_category"):
        assert text("es", key) in page
    assert marketing.get("/mod/stats?days=0").status_code == 400
    assert marketing.get("/mod/stats?days=abc").status_code == 400
    assert marketing.get("/mod/stats.json?days=7").json()["days"] == 7
