"""Every form field a handler reads is declared in its route's field list,
and so validated by the gate before the handler runs (cgi/web/form.h).
Read from the C sources, as routes.py reads the route tables: no stack.

A handler reads fields only through form_get, form_int, form_count and
form_nth on r->in, which answer nothing for an undeclared name; nothing
outside the gate reads the raw form. A field read but not declared would
be a field the handler never gets, or, before, one it got unchecked: a
moderator's delete reason of any length or encoding was read raw, and the
post was deleted before its audit line failed."""

import os
import re

from routes import CGI, _COMMENT, _sources, programs, routes

_SPEC = re.compile(r"(?:static\s+)?const\s+field_spec\s+(\w+)\s*\[\s*\]\s*=\s*\{(.*?)\n\}\s*;", re.S)
_FUNC = re.compile(r"^(?:static\s+)?(?:inline\s+)?(?:const\s+)?[A-Za-z_][\w \t\*]*?\b(\w+)\s*\("
                   r"[^;{}]*\)\s*\n\{\n(.*?)\n\}$", re.M | re.S)
_READ = re.compile(r"\b(?:form_(?:get|int|count|nth)\(\s*&r->in|req_form\(\s*r)\s*,\s*\"([^\"]+)\"")
_VALIDATE = re.compile(r"\bform_validate\(\s*(\w+)")
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
_RAW = re.compile(r"\breq_form\s*\(|\br->form\s*\.|\bkv_(?:get|find)\(\s*&r->form\b")
FORM_MAX_FIELDS = 16


def _read(path):
    with open(path, encoding="utf-8") as f:
        return _COMMENT.sub("", f.read())


def _all_sources():
    out = []
    for dirpath, _, names in os.walk(CGI):
        out += [os.path.join(dirpath, n) for n in names if n.endswith(".c")]
    return sorted(out)


def specs():
    """{name of a field_spec table: [field names]} over every source."""
    out = {}
    for path in _all_sources():
        for name, body in _SPEC.findall(_read(path)):
            out[name] = re.findall(r"\{\s*\"([^\"]+)\"", body)
    return out


def functions(program):
    """{function name: body} of the program's own sources (static functions
    of the same name in two files are taken together)."""
    out = {}
    for path in _sources(program):
        for name, body in _FUNC.findall(_read(path)):
            out[name] = out.get(name, "") + "\n" + body
    return out


def reads(program, handler, funcs=None, table=None):
    """The field names a handler reads, itself or through the functions of
    its program it calls; and the field_spec tables it validates itself."""
    funcs = funcs if funcs is not None else functions(program)
    seen, todo, names, validated = set(), [handler], set(), set()
    while todo:
        f = todo.pop()
        if f in seen or f not in funcs:
            continue
        seen.add(f)
        body = funcs[f]
        names.update(_READ.findall(body))
        validated.update(_VALIDATE.findall(body))
        todo += [c for c in _CALL.findall(body) if c in funcs]
    return names, validated


def test_the_parsers_see_the_handlers_and_their_reads():
    # a regex that stopped matching would make the next test pass vacuously
    assert "do_delete_post" in functions("forum")
    names, _ = reads("forum", "do_delete_post")
    assert names == {"reason"}
    names, _ = reads("moderation", "do_action")
    assert {"action", "reason", "item"} <= names
    assert "reason" in specs()["delete_fields"]


def test_every_field_a_handler_reads_is_declared_on_its_route():
    table = specs()
    funcs = {p: functions(p) for p in programs()}
    problems = []
    for r in routes():
        if "R_POST" not in r.flags:
            continue
        declared = set(table.get(r.fields, [])) if r.fields else set()
        if r.fields and r.fields not in table:
            problems.append("%s: no field_spec table %s" % (r.key, r.fields))
        names, validated = reads(r.program, r.handler, funcs[r.program])
        for v in validated:
            declared |= set(table.get(v, []))
        for name in sorted(names - declared):
            problems.append("%s (%s) reads \"%s\", not declared in %s"
                            % (r.key[-1], r.handler, name, r.fields))
    assert not problems, "\n".join(problems)


def test_no_handler_reads_the_raw_form():
    # only the gate (web/gate.c) and the CSRF check (web/session.c) read
    # r->form; the JSON API hands its parsed body to form_validate
    problems = []
    for path in _all_sources():
        rel = os.path.relpath(path, os.path.dirname(CGI))
        if rel in ("cgi/web/gate.c", "cgi/web/session.c"):
            continue
        for n, line in enumerate(_read(path).splitlines(), 1):
            if _RAW.search(line):
                problems.append("%s:%d: %s" % (rel, n, line.strip()))
    assert not problems, "\n".join(problems)


def test_no_field_table_is_longer_than_the_gate_reads():
    for name, fields in specs().items():
        assert len(fields) <= FORM_MAX_FIELDS, (name, len(fields))
        assert len(set(fields)) == len(fields), (name, fields)
