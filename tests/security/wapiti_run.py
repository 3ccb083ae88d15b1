#!/usr/bin/python3
"""Runs Debian 12's wapiti (3.0.4) with one fix: its URL exclusions (-x)
compile a pattern that ends in "(?ms)", which Python 3.11 refuses ("global
flags not at the start of the expression"), so any -x made wapiti stop
before scanning. The fixed translation puts the flags first; it is
otherwise wapiti's own (wapitiCore/net/crawler.py, wildcard_translate).
Arguments are wapiti's."""

import re
import sys

from wapitiCore.main.wapiti import wapiti_main
import wapitiCore.net.crawler as crawler


def wildcard_translate(pattern):
    """A wildcard pattern (* for anything) as a regular expression."""
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern)
                      + r"\Z")


crawler.wildcard_translate = wildcard_translate

if __name__ == "__main__":
    sys.argv[0] = "wapiti"
    sys.exit(wapiti_main())
