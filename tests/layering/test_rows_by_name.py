"""Query results are read by the column's name, never by its number.

Outside cgi/db/, a value of a result is read with row_str, row_int,
row_double, row_len or row_null and the column's label (its AS), or with
db_cell/db_cell_int and a column found by db_col: moving a column in a
SELECT then changes nothing the code reads. This check reads the sources
and fails, naming file and line, on

  - a db_cell(...) or db_cell_int(...) whose column (the third argument) is
    a literal number, such as db_cell(rows, 0, 3) or
    db_cell_int(rows, i, (size_t)2);
  - an index into a result's arrays, ->cells[, ->lens[ or ->names[.

Comments and string literals are not read. cgi/db/ is where rows are made
and read, so it is left out; so are base/ and text/ for the arrays' rule,
since they may not include db/ (tests/layering/check_includes.py) and a
->names[ there is another struct's (a mention list's, in markdown.c).
"""

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

CALL = re.compile(r"\bdb_cell(?:_int)?\s*\(")
INDEX = re.compile(r"->\s*(cells|lens|names)\s*\[")
# a column argument made of numbers only: 3, 0x2, 4u, (size_t)2, (1 + 1)
CAST = re.compile(r"\(\s*(?:const\s+)?(?:unsigned\s+|signed\s+)?"
                  r"(?:size_t|int|long|long\s+long|short|char|unsigned)\s*\)")
NUMERIC = re.compile(r"^[\s()+\-*/%<>|&^~]*"
                     r"(?:(?:0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*[\s()+\-*/%<>|&^~]*)+$")
# the layers that cannot see a db_rows: no ->names[ of theirs is a result's
NO_DB = ("base", "text")


def blank_comments_and_strings(src):
    """src with comments, string and character literals turned to spaces,
    newlines kept, so that offsets and line numbers stay what they were."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c and src[j] != "\n":
                j += 2 if src[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", src[i + 1:j - 1]) + src[j - 1:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def call_arguments(code, start):
    """The top-level arguments of the call whose '(' is at start."""
    depth, args, begin = 0, [], start + 1
    for i in range(start, len(code)):
        ch = code[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                args.append(code[begin:i])
                return args
        elif ch == "," and depth == 1:
            args.append(code[begin:i])
            begin = i + 1
    return args


def is_literal_number(arg):
    return bool(NUMERIC.match(CAST.sub(" ", arg))) and re.search(r"[0-9]", arg) is not None


def problems_in(path, rel):
    """(rel, line, what) for each read by number in the file at path."""
    with open(path, encoding="utf-8", errors="replace") as f:
        src = f.read()
    code = blank_comments_and_strings(src)
    lines = src.split("\n")
    found = []

    def line_of(offset):
        return code.count("\n", 0, offset) + 1

    for m in CALL.finditer(code):
        args = call_arguments(code, m.end() - 1)
        if len(args) >= 3 and is_literal_number(args[2]):
            ln = line_of(m.start())
            found.append((rel, ln, "column by number: " + lines[ln - 1].strip()))
    if rel.split("/")[1] not in NO_DB:
        for m in INDEX.finditer(code):
            ln = line_of(m.start())
            found.append((rel, ln, "->%s[ index: %s" % (m.group(1), lines[ln - 1].strip())))
    return found


def problems(root):
    """Every read by number in root/cgi, outside cgi/db/, in file order."""
    found = []
    cgi = os.path.join(root, "cgi")
    for dirpath, dirnames, filenames in os.walk(cgi):
        dirnames.sort()
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        if rel_dir == "cgi/db" or rel_dir.startswith("cgi/db/"):
            dirnames[:] = []
            continue
        for name in sorted(filenames):
            if name.endswith(".c"):
                rel = rel_dir + "/" + name
                found.extend(problems_in(os.path.join(dirpath, name), rel))
    return found


def report(found):
    return "\n".join("%s:%d: %s" % p for p in found)


def test_the_tree_reads_rows_by_name():
    found = problems(ROOT)
    assert not found, ("%d reads by column number (use row_str/row_int/... and "
                       "the column's label):\n%s" % (len(found), report(found)))


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


PLANTED = """\
#include "db/db.h"
/* a comment may say db_cell(rows, 0, 3) and rows->cells[0] */
static const char S[] = "db_cell(rows, 0, 3) ->lens[1]";
void f(db_rows *rows, size_t i, size_t col)
{
	const char *a = db_cell(rows, 0, 3);
	long long b = db_cell_int(rows, i,
				  (size_t)2);
	size_t c = rows->lens[i * rows->ncols + 1];
	const char *d = rows -> cells [0];
	const char *e = rows->names[1];
	long long g = db_cell_int(rows, 0, 0x1u);
	const char *h = db_cell(rows, f2(1, 2), (1 + 1));
	const char *ok1 = db_cell(rows, i, col);
	const char *ok2 = db_cell(rows, 0, db_col(rows, "title"));
	long long ok3 = row_int(rows, 0, "id");
	const char *ok4 = db_cell(rows, 0, col + 1);
	size_t ok5 = rows->nrows * rows->ncols;
}
"""


def test_the_check_finds_each_kind_and_names_file_and_line(tmp_path):
    root = str(tmp_path)
    write(root, "cgi/forum/planted.c", PLANTED)
    found = problems(root)
    assert [(rel, ln) for rel, ln, _ in found] == [
        ("cgi/forum/planted.c", 6),   # db_cell(rows, 0, 3)
        ("cgi/forum/planted.c", 7),   # db_cell_int(..., (size_t)2) over two lines
        ("cgi/forum/planted.c", 12),  # 0x1u
        ("cgi/forum/planted.c", 13),  # (1 + 1)
        ("cgi/forum/planted.c", 9),   # ->lens[
        ("cgi/forum/planted.c", 10),  # -> cells [
        ("cgi/forum/planted.c", 11),  # ->names[
    ], report(found)
    assert "cgi/forum/planted.c:6: column by number: const char *a = db_cell(rows, 0, 3);" \
        in report(found)
    assert "->lens[ index" in report(found)


def test_db_and_the_layers_without_a_database_are_left_out(tmp_path):
    root = str(tmp_path)
    write(root, "cgi/db/db.c", PLANTED)
    write(root, "cgi/db/rows_hdf.c", "void g(db_rows *r) { r->cells[0] = 0; }\n")
    write(root, "cgi/text/markdown.c", "void m(list *l) { l->names[l->n][0] = 0; }\n")
    write(root, "cgi/services/clean.c",
          "#include \"db/db.h\"\nlong long n(db_rows *r) { return row_int(r, 0, \"n\"); }\n")
    assert problems(root) == []
    # a call by number is wrong in any layer but db/
    write(root, "cgi/base/x.c", "void x(void) { db_cell(r, 0, 1); }\n")
    assert [(rel, ln) for rel, ln, _ in problems(root)] == [("cgi/base/x.c", 1)]
