"""The layering check fails on each kind of include against the layers'
direction, naming the file, the line and the rule, and passes on the tree
as it is."""

import os
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CHECK = os.path.join(HERE, "check_includes.py")


def run(root):
    p = subprocess.run([sys.executable, CHECK, root], capture_output=True, text=True)
    return p.returncode, p.stdout


@pytest.fixture
def tree(tmp_path):
    shutil.copytree(os.path.join(ROOT, "cgi"), tmp_path / "cgi",
                    ignore=shutil.ignore_patterns("lexicon", "systemd"))
    return tmp_path


def plant(tree, path, include):
    """Adds an include after the first line of tree/cgi/path."""
    p = tree / "cgi" / path
    lines = p.read_text().split("\n")
    lines.insert(1, '#include "%s"' % include)
    p.write_text("\n".join(lines))


def test_the_tree_as_it_is_passes():
    rc, out = run(ROOT)
    assert rc == 0, out
    assert "every include goes down" in out


@pytest.mark.parametrize("path,include,rule", [
    ("web/app.c", "forum/forum.h", "web/ includes no service and no area"),
    ("web/app.h", "services/notify.h", "web/ includes no service and no area"),
    ("web/route.c", "forum/forum_store.h", "web/ includes no service and no area"),
    ("services/insight_read.c", "web/app.h", "services/ never include web/ or an area"),
    ("services/notify.c", "forum/forum_store.h", "services/ never include web/ or an area"),
    ("text/markdown.c", "db/db.h", "text/ knows no request and no database"),
    ("base/str.c", "db/db.h", "base/ includes nothing but base/"),
    ("db/db.c", "web/app.h", "db/ includes only base/"),
    ("reviews/reviews_store.c", "forum/forum_store.h", "an area's store and items include only"),
    ("ideas/idea_store.c", "web/app.h", "an area's store and items include only"),
    ("reviews/reviews_item.c", "web/app.h", "an area's store and items include only"),
    ("ideas/idea_item.c", "forum/forum_item.h", "an area's store and items include only"),
    ("forum/thread.c", "reviews/reviews.h", "an area includes another area's store or items"),
])
def test_an_include_against_the_direction_fails_naming_file_and_rule(tree, path, include, rule):
    plant(tree, path, include)
    rc, out = run(str(tree))
    assert rc == 1, out
    assert 'cgi/%s:2: includes "%s": %s' % (path, include, rule) in out, out


def test_what_the_layers_allow_passes(tree):
    plant(tree, "web/app.c", "text/markdown.h")
    plant(tree, "services/notify.c", "text/markdown.h")
    plant(tree, "forum/thread.c", "reviews/reviews_store.h")
    plant(tree, "reviews/reviews_store.c", "services/notify.h")
    plant(tree, "moderation/queue.c", "reviews/reviews_item.h")
    plant(tree, "forum/forum_item.c", "forum/forum_store.h")
    rc, out = run(str(tree))
    assert rc == 0, out


def test_an_include_of_no_file_is_named(tree):
    plant(tree, "web/app.c", "core/app.h")
    rc, out = run(str(tree))
    assert rc == 1
    assert 'cgi/web/app.c:2: includes "core/app.h": no such file of cgi/' in out
