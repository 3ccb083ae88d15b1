#!/usr/bin/env python3
"""Checks that the C sources keep the layers' one direction (make layering).

Every file of cgi/ is in one place, and may include only what its place
allows (a quoted include names a file from cgi/, "web/app.h"; a file's own
folder may be named without it, "forum.h"):

    base/       errors, strings, log, kv, utf8, config: nothing but base/
    db/         MariaDB: base/
    text/       Markdown, sentiment, themes, charts: base/, no request and
                no database
    web/        the gate, requests, forms, sessions, views, the server and
                the caches: base/, db/, text/, never a service or an area
    services/   moderation rules, notifications, accounts, insights and
                rollups: base/, db/, text/, never web/ or an area
    site/       what the programs share above both: their hooks into web/,
                services shown on a page: the layers below, no area
    AREA/*_store.[ch]  an area's store, and AREA/*_item.[ch] its content
                as moderators see it: the layers below web/ and its own
                store and items; never web/, another area, or another
                area's store
    AREA/       the rest of an area (its program's handlers): anything
                below, and other areas' stores, never their handlers
    the programs (cgi/NAME.c), cgi/ctl/ and tertuliactl: anything

A violation is printed as FILE:LINE: includes "X": the rule it breaks, and
the exit status is 1. Run it as `make layering`, or with a folder to check
another tree (tests/layering/test_check_includes.py does).
"""

import os
import re
import sys

LAYERS = ("base", "db", "text", "web", "services", "site")
BELOW = {
    "base": {"base"},
    "db": {"base", "db"},
    "text": {"base", "text"},
    "web": {"base", "db", "text", "web"},
    "services": {"base", "db", "text", "services"},
    "site": {"base", "db", "text", "web", "services", "site"},
}
RULE = {
    "base": "base/ includes nothing but base/",
    "db": "db/ includes only base/",
    "text": "text/ knows no request and no database: base/ only",
    "web": "web/ includes no service and no area (a program passes its hooks in)",
    "services": "services/ never include web/ or an area",
    "site": "site/ includes the layers, never an area",
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def areas(cgi):
    """Folders of cgi/ that are neither a layer nor the command line's."""
    return sorted(d for d in os.listdir(cgi)
                  if os.path.isdir(os.path.join(cgi, d)) and d not in LAYERS
                  and d not in ("ctl", "systemd") and not d.startswith("."))


def is_store(path):
    """What an area shares with the others: its store and its items."""
    return re.search(r"_(store|item)\.[ch]$", path) is not None


def resolve(cgi, src_dir, name):
    """The included file as a path under cgi/ ("web/app.h"), or None when it
    is not one of ours."""
    local = os.path.normpath(os.path.join(src_dir, name))
    if os.path.isfile(os.path.join(cgi, local)):
        return local
    if os.path.isfile(os.path.join(cgi, name)):
        return os.path.normpath(name)
    return None


def problem(src, target, area_names):
    """Why src (a path under cgi/) may not include target, or None."""
    place = src.split("/")[0] if "/" in src else None
    tplace = target.split("/")[0] if "/" in target else None
    if place is None or place == "ctl":
        return None
    if place in LAYERS:
        if tplace not in BELOW[place]:
            return RULE[place]
        return None
    if place in area_names:
        if is_store(src):
            if tplace in BELOW["services"]:
                return None
            if tplace == place and is_store(target):
                return None
            return ("an area's store and items include only the layers below web/ and "
                    "their own area's store and items, never web/ or another area")
        if tplace in area_names and tplace != place and not is_store(target):
            return "an area includes another area's store or items at most, never its handlers"
        if tplace is None:
            return "an area includes no program's own file"
    return None


def check(root):
    cgi = os.path.join(root, "cgi")
    area_names = areas(cgi)
    found = []
    for dirpath, _, files in os.walk(cgi):
        for f in sorted(files):
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(dirpath, f)
            src = os.path.relpath(path, cgi)
            with open(path, encoding="utf-8", errors="replace") as fh:
                for n, line in enumerate(fh, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    target = resolve(cgi, os.path.dirname(src), m.group(1))
                    if target is None:
                        found.append("cgi/%s:%d: includes \"%s\": no such file of cgi/"
                                     % (src, n, m.group(1)))
                        continue
                    why = problem(src, target, area_names)
                    if why:
                        found.append("cgi/%s:%d: includes \"%s\": %s" % (src, n, m.group(1), why))
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else \
        os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    found = check(root)
    for line in found:
        print(line)
    if found:
        print("layering: %d include(s) against the layers' direction" % len(found))
        return 1
    print("layering: every include goes down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
