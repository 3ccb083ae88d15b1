"""Every template the C code names, and every template a template includes,
is a file under templates/, and every template is used.

A program renders a template by its path under templates/ without ".cs"
(r->template = "forum/thread", req_render(r, "insights/kept", ...),
view_render(..., "error", ...)); tertuliactl renders only the mail, from
templates/email/ ("text", "html"). A template includes another by its path
under the same folder (include:"header.cs", include:"reviews/macros.cs"):
web/view.c makes that folder the parse's load path. A name that is not
there is a 500 page the first time it is drawn; this check finds it by
reading the sources, naming the file and line.
"""

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

RENDERED = (
    re.compile(r'\btemplate\s*=\s*"([^"]*)"'),
    re.compile(r'\breq_render\s*\([^,]*,\s*"([^"]*)"'),
    re.compile(r'\bview_render\s*\([^,]*,\s*"([^"]*)"'),
)
INCLUDED = re.compile(r'<\?cs\s+l?include\s*:\s*"([^"]*)"')


def template_folder(rel):
    """The folder (under templates/) whose templates the C file at rel
    renders: tertuliactl's mail, or the programs'."""
    return "email" if rel.startswith("cgi/ctl/") else ""


def walk(root, top, ext):
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(ext):
                path = os.path.join(dirpath, name)
                yield os.path.relpath(path, root).replace(os.sep, "/"), path


def lines(path):
    with open(path, encoding="utf-8") as f:
        yield from enumerate(f, 1)


def problems(root):
    """(file, line, what) for each template named but missing, and
    (template, 0, what) for each template nothing renders or includes."""
    found, used = [], set()
    tdir = os.path.join(root, "templates")
    for rel, path in walk(root, "cgi", ".c"):
        folder = template_folder(rel)
        for ln, line in lines(path):
            for rule in RENDERED:
                for name in rule.findall(line):
                    want = "/".join(p for p in (folder, name + ".cs") if p)
                    used.add(want)
                    if not os.path.isfile(os.path.join(tdir, want)):
                        found.append((rel, ln, "renders %r: no templates/%s" % (name, want)))
    for rel, path in walk(root, "templates", ".cs"):
        own = rel[len("templates/"):]
        folder = "email" if own.startswith("email/") else ""
        for ln, line in lines(path):
            for name in INCLUDED.findall(line):
                want = "/".join(p for p in (folder, name) if p)
                used.add(want)
                if not os.path.isfile(os.path.join(tdir, want)):
                    found.append((rel, ln, "includes %r: no templates/%s" % (name, want)))
    for rel, _ in walk(root, "templates", ".cs"):
        if rel[len("templates/"):] not in used:
            found.append((rel, 0, "neither rendered nor included"))
    return found


def report(found):
    return "\n".join("%s:%d: %s" % p for p in found)


def test_every_template_named_is_there_and_every_template_is_used():
    found = problems(ROOT)
    assert not found, report(found)


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def test_the_check_finds_each_kind(tmp_path):
    root = str(tmp_path)
    write(root, "cgi/forum/thread.c",
          'int f(request *r)\n{\n\tr->template = "forum/thread";\n'
          '\tr->template = "forum/gone";\n\treturn req_render(r, "thread", &sb);\n}\n')
    write(root, "cgi/ctl/mail_compose.c", 'rc = view_render(m->tc, "text", h, lang, &o);\n')
    write(root, "templates/header.cs", "<!DOCTYPE html>\n")
    write(root, "templates/forum/thread.cs",
          '<?cs include:"header.cs" ?>\n<?cs include:"forum/macros.cs" ?>\n')
    write(root, "templates/email/text.cs", "Hello\n")
    write(root, "templates/forum/orphan.cs", "\n")
    found = problems(root)
    assert [(rel, ln) for rel, ln, _ in found] == [
        ("cgi/forum/thread.c", 4),
        ("cgi/forum/thread.c", 5),
        ("templates/forum/thread.cs", 2),
        ("templates/forum/orphan.cs", 0),
    ], report(found)
