"""The XSS and injection corpus, and the check that a page does not carry
any of it unescaped. Shared by tests/http/test_hostile_input.py and
tests/browser/test_no_alert_browser.py.

Every payload that could make markup carries the marker x9k (as a tag or an
attribute name), so that a page whose parse shows an element or attribute
named x9k has let one through, whatever the context it landed in.
"""

import html.parser
import json
import re

MARK = "x9k"

# Strings meant to be stored and shown again: each fits a title (at most
# 150 characters) so that it passes validation and reaches the pages, and
# each holds several attacks, for the contexts it may land in (element
# text, a quoted attribute, a URL, Markdown, a template, SQL).
STORED = [
    "<script>alert(1)</script><x9k> <img src=x onerror=alert(1) x9k> "
    "[j](javascript:alert(1)) ![i](javascript:alert(1))",
    "\"><svg onload=alert(1) x9k><iframe src=javascript:alert(1) x9k> "
    "\" onmouseover=\"alert(1)\" x9k=\"1' onfocus='alert(1)' x9k='1",
    "javascript:alert(1)",
    "<?cs var:Config.VarEscapeMode ?>{{7*7}}${7*7}<%= 7*7 %><!--x9k--> "
    "' OR '1'='1' -- \"; DROP TABLE users; -- \\ % _",
    "\u202egnp.exe \u202d&lt;script&gt;alert(1)&lt;/script&gt; &#x3C;x9k&#x3E;",
]
# One string for the places where a single try is enough.
SHORT = "\"'><x9k onfocus='alert(1)' x9k>" + "<script>alert(1)</script>"

# Strings that every text field must refuse (or take) without a 500: bytes
# that are not UTF-8, a NUL, control characters and far too much text.
REFUSED = [
    b"caf\xc3 \xff\xfe <x9k>",          # invalid UTF-8
    "a\x00b<script>alert(1)</script>",   # NUL
    "line\x1b[31m\x07\x08<x9k>",         # control characters
    "<script>alert(1)</script>" + "A" * 100000,
]

CORPUS = STORED + REFUSED

# Every corpus string holds one of these: a page without any of them
# carries nothing of the corpus, escaped or not.
MARKERS = ("x9k", "alert(", "javascript:")

# Literal text that never appears in a page of ours unless a payload was
# printed without escaping (each starts with "<", which escaping turns
# into &lt;).
RAW_FORBIDDEN = ["<script>alert(", "<svg onload", "<iframe", "<img src=x", "<?cs", "<x9k",
                 "<%=", "<!--x9k"]

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
             "background", "srcset", "ping"}
DANGEROUS_TAGS = {"iframe", "object", "embed", "base", "applet", "frame", "frameset"}


class _Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.script = None  # (type, text) of the script being read

    def handle_starttag(self, tag, attrs):
        if tag == MARK:
            self.problems.append("an injected <%s> element" % tag)
        if tag in DANGEROUS_TAGS:
            self.problems.append("a <%s> element" % tag)
        for name, value in attrs:
            if name == MARK:
                self.problems.append("an injected attribute %s on <%s>" % (name, tag))
            elif name.startswith("on"):
                self.problems.append("an event handler %s=%r on <%s>" % (name, value, tag))
            elif name in URL_ATTRS and value:
                v = re.sub(r"[\x00-\x20]+", "", value).lower()
                if v.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append("a %s URL %s=%r on <%s>" % (v.split(":")[0], name,
                                                                      value, tag))
            elif name == "style" and value and re.search(r"expression|url\s*\(\s*['\"]?\s*javascript",
                                                          value, re.I):
                self.problems.append("script in a style attribute on <%s>" % tag)
        if tag == "script":
            a = dict(attrs)
            if a.get("src"):
                self.script = None
            else:
                self.script = [a.get("type") or "", ""]
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            self.problems.append("a meta refresh")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self.script is not None:
            self.script[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            kind, text = self.script
            self.script = None
            if kind != "application/ld+json":
                self.problems.append("an inline script: %r" % text[:80])
                return
            try:
                json.loads(text)
            except ValueError as e:
                self.problems.append("JSON-LD that is not JSON (%s): %r" % (e, text[:120]))


_TAG = re.compile(r"<[A-Za-z][-A-Za-z0-9]*((?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
_ATTR = re.compile(r"""\s+([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")


def problems(text, always=True):
    """What is wrong with a page's HTML: [description], empty when the
    page carries no corpus string unescaped. Checked on the raw text (the
    forbidden literals, attribute values without quotes) and on its parse
    (markers, event handlers, script URLs, inline scripts, frames).
    always=False skips a page that holds no corpus marker at all."""
    if not always and not any(m in text for m in MARKERS):
        return []
    out = []
    for s in RAW_FORBIDDEN:
        i = text.find(s)
        if i >= 0:
            out.append("the raw text %r: ...%s..." % (s, text[max(0, i - 60):i + 60]))
    for m in _TAG.finditer(text):
        for name, value in _ATTR.findall(m.group(1)):
            if value and value[0] not in "\"'":
                out.append("an attribute value without quotes: %s=%s in %s" % (
                    name, value, m.group(0)[:120]))
    c = _Checker()
    try:
        c.feed(text)
        c.close()
    except Exception as e:  # noqa: BLE001 - a page the parser chokes on is a problem too
        out.append("the page does not parse: %s" % e)
    return out + c.problems
