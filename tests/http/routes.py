"""The programs' routes and query parameters, read from the C sources, so
that the tests that must cover every route (tests/http/test_authz_matrix.py)
or every form and parameter (test_hostile_input.py, tests/security/scan.py)
pick up a route added later without being told.

    for r in routes():          # every `static const route routes[]` entry
        r.program, r.methods, r.pattern, r.flags, r.roles, r.fields

    query_params()["forum"]     # {"q", "page", "sort", ...}: what the
                                # program's handlers read with req_query()
"""

import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CGI = os.path.join(ROOT, "cgi")

_TABLE = re.compile(r"static\s+const\s+route\s+routes\s*\[\s*\]\s*=\s*\{(.*?)\n\}\s*;", re.S)
_ENTRY = re.compile(r"\{\s*([A-Z_|\s]+?)\s*,\s*\"([^\"]+)\"\s*,\s*(\w+)\s*,\s*([\w|\s]+?)\s*,"
                    r"\s*(\w+)\s*,\s*(\w+)\s*\}")
_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
_QUERY = re.compile(r"req_query\(\s*\w+\s*,\s*\"([^\"]+)\"\s*\)")


class Route:
    """One entry of a program's route table."""

    def __init__(self, program, flags, pattern, handler, roles, fields, kept):
        self.program = program
        self.flags = frozenset(f.strip() for f in flags.split("|") if f.strip())
        self.pattern = pattern
        self.handler = handler
        self.roles = frozenset(x.strip() for x in roles.split("|") if x.strip() not in ("", "0"))
        self.fields = None if fields == "NULL" else fields
        self.kept = None if kept == "NULL" else kept    # a visitor cache hit's hook

    @property
    def methods(self):
        return [m for m in ("GET", "POST") if "R_" + m in self.flags]

    @property
    def key(self):
        """"GET /t/:id": how the expectations tables name a route. A route
        table entry with R_GET | R_POST gives two keys."""
        return ["%s %s" % (m, self.pattern) for m in self.methods]

    def __repr__(self):
        return "Route(%s: %s %s)" % (self.program, "|".join(self.methods), self.pattern)


def programs():
    """The FastCGI programs: cgi/NAME.c with a route table."""
    out = []
    for name in sorted(os.listdir(CGI)):
        path = os.path.join(CGI, name)
        if name.endswith(".c") and os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                if _TABLE.search(_COMMENT.sub("", f.read())):
                    out.append(name[:-2])
    return out


def routes():
    """Every route of every program, in table order. Raises when a table
    has an entry this parser does not understand (so that a new shape of
    entry is not silently left out)."""
    out = []
    for program in programs():
        with open(os.path.join(CGI, program + ".c"), encoding="utf-8") as f:
            text = _COMMENT.sub("", f.read())
        body = _TABLE.search(text).group(1)
        entries = re.findall(r"\{[^{}]*\}", body)
        for raw in entries:
            m = _ENTRY.fullmatch(raw.strip())
            if not m:
                raise ValueError("cgi/%s.c: route entry not understood: %s" % (program, raw))
            out.append(Route(program, *m.groups()))
    if not out:
        raise ValueError("no route tables found in %s" % CGI)
    return out


def _sources(program):
    paths = [os.path.join(CGI, program + ".c")]
    folder = os.path.join(CGI, program)
    if os.path.isdir(folder):
        paths += [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(".c")]
    return paths


def query_params():
    """{program: set of query parameter names its handlers read}: every
    req_query(r, "name") in cgi/PROGRAM.c and cgi/PROGRAM/*.c, plus "page"
    where req_page() is used."""
    out = {}
    for program in programs():
        names = set()
        for path in _sources(program):
            with open(path, encoding="utf-8") as f:
                text = _COMMENT.sub("", f.read())
            names.update(_QUERY.findall(text))
            if "req_page(" in text:
                names.add("page")
        out[program] = names
    return out


def pattern_regex(pattern):
    """A regex matching the paths of a route pattern as route_match() in
    cgi/web/route.c does: ":id" 1-18 digits, ":s" 1-100 of [A-Za-z0-9._-],
    ":name" 1-100 bytes of anything but "/" and control characters."""
    out = ""
    for part in re.split(r"(:id|:s|:name)(?=/|$)", pattern):
        if part == ":id":
            out += r"[0-9]{1,18}"
        elif part == ":s":
            out += r"[A-Za-z0-9._-]{1,100}"
        elif part == ":name":
            out += r"[^/\x00-\x1f\x7f]{1,100}"
        else:
            out += re.escape(part)
    return re.compile("^" + out + "$")


def route_of(path, method="GET", table=None):
    """The route a path (without query) is served by, or None: the first
    match in table order, as route_find() does."""
    for r in table or routes():
        if method in r.methods and pattern_regex(r.pattern).match(path):
            return r
    return None
