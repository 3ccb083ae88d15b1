"""Comments and docstrings speak of the code, not of where it came from.

A reader of the repository has no issue tracker and no specification or
design document beside it, so a comment that says "(issue 7 item 4)" or
"SPEC section 6" or "DESIGN \"A request's way through\"" tells them
nothing: it has to say the rule or the behaviour itself. This check reads
every text file under cgi/, templates/, sql/ and tests/, and Makefile and
nginx.conf, and fails, naming file and line, on

  - an issue by its number: "issue 3", "issues 3 and 4", "issue #12",
    "(issue 6, item 2)", in any case;
  - the specification or the design document: SPEC or DESIGN as a word of
    their own, in capitals ("SPEC section 4", "DESIGN.md", "DESIGN \"A
    ...\""), a "spec section 3", a "design doc";
  - a file of a folder shared/, which the repository does not have.

Code is not told apart from comments: a string naming an issue is as
unhelpful as a comment. Identifiers are left alone, since a word joined to
another by an underscore is not a word of its own: chart_spec, field_spec,
arg_spec, _SPEC, SPEC_MAX, DESIGN_W. Nor is "issue" in its plain sense: a
token issued, the issues a review lists. This file is left out: it has to
name what it looks for.
"""

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SELF = "tests/layering/test_comments.py"

FOLDERS = ("cgi", "templates", "sql", "tests")
FILES = ("Makefile", "nginx.conf")

# (what, pattern): \b does not fall between "_" and a letter, so
# identifiers such as _SPEC or chart_spec never match the words.
RULES = (
    ("an issue number", re.compile(r"\bissues?\s*(?:#|no\.?\s*)?\d", re.I)),
    ("the SPEC document", re.compile(r"\bSPECS?\b")),
    ("the SPEC document", re.compile(r"\bspec(?:ification)?\s+(?:sections?|§)\s*\d", re.I)),
    ("the DESIGN document", re.compile(r"\bDESIGN\b")),
    ("the DESIGN document", re.compile(r"\bdesign\s+doc", re.I)),
    ("a file of shared/", re.compile(r"(?<![\w./~-])shared/")),
)


def problems_in(path, rel):
    """(rel, line, what) for each reference in the file at path; a binary
    file (one with a NUL byte) has none."""
    with open(path, "rb") as f:
        data = f.read()
    if b"\0" in data:
        return []
    found = []
    for ln, line in enumerate(data.decode("utf-8", errors="replace").split("\n"), 1):
        for what, rule in RULES:
            if rule.search(line):
                found.append((rel, ln, "%s: %s" % (what, line.strip())))
                break
    return found


def problems(root):
    """Every reference in the files this check reads under root, in file
    order; a folder or file that is missing is skipped."""
    found = []
    for top in FOLDERS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames
                                 if not d.startswith(".") and d != "__pycache__")
            rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
            for name in sorted(filenames):
                rel = rel_dir + "/" + name
                if rel == SELF or name.endswith(".pyc"):
                    continue
                found.extend(problems_in(os.path.join(dirpath, name), rel))
    for rel in FILES:
        path = os.path.join(root, rel)
        if os.path.isfile(path):
            found.extend(problems_in(path, rel))
    return found


def report(found):
    return "\n".join("%s:%d: %s" % p for p in found)


def test_comments_name_no_issue_and_no_document_outside_the_repository():
    found = problems(ROOT)
    assert not found, ("%d references to an issue or to a document outside the "
                       "repository (say the rule or the behaviour instead):\n%s"
                       % (len(found), report(found)))


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


PLANTED_C = """\
/* themes.h: what customers talk about (issue 7 item 4). */
static const field_spec fields[] = { 0 };
/* the length limits of SPEC section 3 */
#define CHART_SPEC_MAX 4	/* chart_spec, arg_spec, _SPEC: identifiers */
/* a session token issued at login; the issues a review lists */
/* as DESIGN "A request's way through" says */
/* the design of the kettle, a tissue 3 ply */
/* see shared/notes.md */
/* var/shared/x and /usr/shared/y are paths, not the folder */
/* Issue #12 */
/* spec section 4 and the design doc */
"""

PLANTED_PY = '''\
"""Moderation (SPEC sections 1 and 5, issues 6 and 8)."""
_SPEC = re.compile("field_spec")
# every bad input (issue 3, item 8)
'''


def test_the_check_finds_each_kind_and_names_file_and_line(tmp_path):
    root = str(tmp_path)
    write(root, "cgi/text/planted.h", PLANTED_C)
    write(root, "tests/http/test_planted.py", PLANTED_PY)
    write(root, "sql/0001_planted.sql", "-- Insights (SPEC section 6)\nSELECT 1;\n")
    write(root, "templates/planted.cs", "<?cs # DESIGN.md, the page layout ?>\n")
    write(root, "Makefile", "# the layers (issue 2)\nall:\n")
    write(root, "nginx.conf", "# limits, shared/limits.txt\nevents {}\n")
    found = problems(root)
    assert [(rel, ln) for rel, ln, _ in found] == [
        ("cgi/text/planted.h", 1),    # issue 7
        ("cgi/text/planted.h", 3),    # SPEC section 3
        ("cgi/text/planted.h", 6),    # DESIGN "..."
        ("cgi/text/planted.h", 8),    # shared/
        ("cgi/text/planted.h", 10),   # Issue #12
        ("cgi/text/planted.h", 11),   # spec section 4, design doc
        ("templates/planted.cs", 1),
        ("sql/0001_planted.sql", 1),
        ("tests/http/test_planted.py", 1),
        ("tests/http/test_planted.py", 3),
        ("Makefile", 1),
        ("nginx.conf", 1),
    ], report(found)
    assert "cgi/text/planted.h:1: an issue number: /* themes.h: what customers talk " \
        "about (issue 7 item 4). */" in report(found)
    assert "sql/0001_planted.sql:1: the SPEC document: -- Insights (SPEC section 6)" \
        in report(found)


def test_this_file_compiled_files_and_binaries_are_left_out(tmp_path):
    root = str(tmp_path)
    write(root, SELF, "# issue 1, SPEC, DESIGN\n")
    write(root, "tests/http/__pycache__/x.txt", "issue 1\n")
    write(root, "tests/http/.cache/x.txt", "issue 1\n")
    with open(os.path.join(root, "tests/http/blob.bin"), "wb") as f:
        f.write(b"\0issue 1 SPEC\n")
    assert problems(root) == []
    # the same line anywhere else is found
    write(root, "tests/layering/other.py", "# issue 1\n")
    assert [(rel, ln) for rel, ln, _ in problems(root)] == [("tests/layering/other.py", 1)]
