#!/usr/bin/python3
"""`make scan`: scanners no one here wrote, against a private stack.

Starts a stack (tests/stack.py) in a temporary folder that is KEPT, logs in
a member (maria) and the admin, finds every form and query parameter by
crawling as both (tests/http/crawl.py: nothing is listed by hand), then

  - sqlmap on every text field of every form and every query parameter,
    one run per parameter (--batch --level 3 --risk 2 --dbms MySQL), at most
    SQLMAP_SECONDS each, SQLMAP_JOBS at a time;
  - wapiti's xss, permanentxss and csrf modules over the whole site as the
    member, bounded by --max-scan-time and --max-attack-time.

Results go to VAR/scan/ (sqlmap/, wapiti.json, the logs) and a summary to
VAR/scan/SUMMARY.md, printed at the end. The exit status is 1 when a
scanner reports a finding, 0 otherwise. tests/security/README.md records
what was found and what was concluded.

Environment: TERTULIA_BUILD (the programs, default build/), SQLMAP_SECONDS
(300), SQLMAP_JOBS (3), SQLMAP_LEVEL and SQLMAP_RISK (3 and 2; 1 and 1 try
the common payloads only and finish every parameter in seconds),
WAPITI_SECONDS (900), SCAN_ONLY (sqlmap or wapiti), SQLMAP_MATCH (a regular
expression: only the parameters whose name, as "POST /login [username] as
visitor", it finds; to give the slow ones a longer bound).
"""

import concurrent.futures
import itertools
import json
import os
import re
import subprocess
import sys
import threading
import time
from urllib.parse import quote, urlencode, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
sys.path.insert(0, TESTS)
sys.path.insert(0, os.path.join(TESTS, "http"))

import crawl  # noqa: E402
import routes  # noqa: E402
import tertulia_http as th  # noqa: E402
from stack import Stack  # noqa: E402

SQLMAP_SECONDS = int(os.environ.get("SQLMAP_SECONDS", "300"))
SQLMAP_JOBS = int(os.environ.get("SQLMAP_JOBS", "3"))
SQLMAP_LEVEL = os.environ.get("SQLMAP_LEVEL", "3")
SQLMAP_RISK = os.environ.get("SQLMAP_RISK", "2")
WAPITI_SECONDS = int(os.environ.get("WAPITI_SECONDS", "900"))
ONLY = os.environ.get("SCAN_ONLY", "")
MATCH = re.compile(os.environ.get("SQLMAP_MATCH", ""))

# The scanners send thousands of logins and registrations from one address:
# without this the throttles would answer 429 and hide the code behind them.
SCAN_CONFIG = {"throttle.register_per_ip": "1000000", "throttle.login_per_ip": "1000000",
               "throttle.login_per_account": "1000000"}


def log(msg):
    print("[scan %s] %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


RUNNING, RUNNING_LOCK = set(), threading.Lock()  # the scanners' processes now
_n = itertools.count(1)


def filler(field):
    """A valid value for a form field (so that the request sqlmap starts
    from is one the program accepts, and the code past validation runs)."""
    if field.value:
        return field.value
    name, n = field.name, next(_n)
    if "email" in name or field.kind == "email":
        return "scan%d@example.org" % n
    if name == "username":
        return "scanner%d" % n
    if "password" in name:
        return "long enough pass %d" % n
    if field.kind == "number" or name in ("days", "position", "into", "rating"):
        return "1"
    if name in ("sku", "slug"):
        return "scan-%d" % n
    return "Plain words %d" % n


def run(args, timeout):
    """Runs a scanner, killed at timeout; returns (output, timed out)."""
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL, text=True)
    with RUNNING_LOCK:
        RUNNING.add(p)
    try:
        out, _ = p.communicate(timeout=timeout)
        return out, False
    except subprocess.TimeoutExpired:
        p.kill()
        out, _ = p.communicate()
        return out, True
    finally:
        with RUNNING_LOCK:
            RUNNING.discard(p)


def stop_scanners():
    with RUNNING_LOCK:
        for p in RUNNING:
            p.kill()


def cookie_header(client):
    return "; ".join("%s=%s" % (c.name, c.value) for c in client.cookies)


class Target:
    """One parameter for sqlmap: a query parameter (GET) or a form field
    (POST, with the form's other fields as a browser would send them)."""

    def __init__(self, role, client, method, path, param, data=None):
        self.number = 0
        self.role, self.client, self.method = role, client, method
        self.path, self.param, self.data = path, param, data
        self.result, self.seconds, self.detail = None, 0.0, ""

    @property
    def name(self):
        return "%s %s [%s] as %s" % (self.method, self.path, self.param, self.role)


def targets_of(role, client, site):
    out = []
    for path, name in sorted(site.params):
        out.append(Target(role, client, "GET", path, name))
    for form in site.forms:
        fields = form.defaults()
        by_name = {f.name: f for f in form.fields}
        for f in form.text_fields():
            if f.name == "csrf":
                continue
            data = [(k, v if k not in by_name or by_name[k].kind in ("hidden", "select",
                                                                    "radio", "checkbox")
                     else filler(by_name[k])) for k, v in fields if k != f.name]
            data.append((f.name, filler(f)))
            out.append(Target(role, client, "POST", form.action, f.name, data))
    return out


def run_sqlmap(t, outdir, base):
    url = base + t.path
    # 401 and 403 are answers here (a wrong password, a refused action),
    # not a reason for sqlmap to give up
    args = ["sqlmap", "--batch", "--level", SQLMAP_LEVEL, "--risk", SQLMAP_RISK, "--dbms", "MySQL",
            "--timeout", "10", "--retries", "1", "--time-sec", "2", "--threads", "1",
            "--ignore-code", "401,403",
            # an output folder each: runs side by side must not share
            # sqlmap's session file
            "--disable-coloring", "--flush-session",
            "--output-dir", os.path.join(outdir, "%03d" % t.number),
            "--cookie", cookie_header(t.client), "-p", t.param,
            # the session cookie is not a parameter to attack, and sqlmap
            # must not take the site's cookies from the answers
            "--drop-set-cookie"]
    if t.method == "GET":
        sep = "&" if "?" in url else "?"
        url += sep + urlencode([(t.param, "1")])
    else:
        args += ["--data", "&".join("%s=%s" % (quote(k, safe=""), quote(v, safe=""))
                                    for k, v in t.data)]
    args += ["-u", url]
    start = time.monotonic()
    out, timed_out = run(args, SQLMAP_SECONDS)
    t.seconds = time.monotonic() - start
    logname = "%03d-%s-%s-%s.txt" % (t.number, t.method, re.sub(r"[^A-Za-z0-9]+", "_", t.path),
                                     re.sub(r"[^A-Za-z0-9]+", "_", t.param))
    with open(os.path.join(outdir, "logs", logname), "w") as f:
        f.write(" ".join(args) + "\n\n" + out)
    if timed_out:
        t.result = "time limit"
    else:
        if "identified the following injection point" in out or \
                re.search(r"parameter '[^']*' is vulnerable", out):
            t.result = "INJECTABLE"
            t.detail = "\n".join(line for line in out.splitlines()
                                 if "injectable" in line or "Payload:" in line)[:2000]
        elif "do not appear to be injectable" in out or "does not seem to be injectable" in out:
            t.result = "not injectable"
        else:
            t.result = "inconclusive"
            t.detail = "\n".join(line for line in out.splitlines()
                                 if "[CRITICAL]" in line or "[ERROR]" in line)[:600]
    codes = re.search(r"HTTP error codes detected during run:\n(.*?)(?:\n\[|\Z)", out, re.S)
    if codes:
        t.detail = (t.detail + "\nHTTP errors: " + " ".join(codes.group(1).split())).strip()
    return t


def run_wapiti(stack, member, outdir):
    cookies = {"127.0.0.1": {"/": {c.name: {"value": c.value, "expires": None, "secure": False,
                                            "port": None, "version": 0}
                                   for c in member.cookies}}}
    cookie_file = os.path.join(outdir, "wapiti-cookies.json")
    with open(cookie_file, "w") as f:
        json.dump(cookies, f)
    report = os.path.join(outdir, "wapiti.json")
    # (wapiti_run.py: Debian's wapiti with its -x fixed for Python 3.11)
    args = ["/usr/bin/python3", os.path.join(HERE, "wapiti_run.py"), "-u", stack.url + "/",
            "--scope", "folder",
            "-m", "xss,permanentxss,csrf", "-c", cookie_file,
            "--flush-session", "--store-session", os.path.join(outdir, "wapiti-session"),
            "--max-scan-time", str(WAPITI_SECONDS), "--max-attack-time", str(WAPITI_SECONDS // 3),
            "--max-links-per-page", "40", "--max-files-per-dir", "40", "-d", "5",
            "-t", "10", "-f", "json", "-o", report, "--no-bugreport", "-v", "1"]
    for path in crawl.SESSION_ENDERS:
        args += ["-x", stack.url + path]
    log("wapiti: at most %d s" % WAPITI_SECONDS)
    out, timed_out = run(args, WAPITI_SECONDS + 600)
    with open(os.path.join(outdir, "wapiti.log"), "w") as logf:
        logf.write(out)
    if not os.path.exists(report):
        return None, "wapiti wrote no report%s: see wapiti.log" % (
            " (killed at its time limit)" if timed_out else "")
    with open(report) as f:
        data = json.load(f)
    return data, None


def main():
    stack = Stack(workers=2, demo=True, extra_config=SCAN_CONFIG)
    stack.keep = True
    stack.start()
    outdir = os.path.join(stack.var, "scan")
    os.makedirs(outdir, exist_ok=True)
    log("stack at %s, results in %s" % (stack.url, outdir))
    summary = ["# Scan of %s (%s)" % (stack.url, time.strftime("%Y-%m-%d %H:%M:%S")), ""]
    findings = 0
    try:
        member, admin = th.Client(stack.url), th.Client(stack.url)
        th.login_ok(member, "maria")
        th.login_ok(admin, "admin")
        visitor = th.Client(stack.url)
        visitor.get("/login")  # its CSRF cookie

        if ONLY in ("", "sqlmap"):
            targets, seen = [], set()
            for role, c in (("visitor", visitor), ("member", member), ("admin", admin)):
                site = crawl.crawl(c)
                for t in targets_of(role, c, site):
                    r = routes.route_of(urlsplit(t.path).path, t.method)
                    key = (t.method, r.pattern if r else t.path, t.param)
                    if key not in seen:
                        seen.add(key)
                        if MATCH.search(t.name):
                            targets.append(t)
            log("sqlmap: %d parameters, %d at a time, at most %d s each, level %s, risk %s"
                % (len(targets), SQLMAP_JOBS, SQLMAP_SECONDS, SQLMAP_LEVEL, SQLMAP_RISK))
            sqldir = os.path.join(outdir, "sqlmap")
            os.makedirs(os.path.join(sqldir, "logs"), exist_ok=True)
            for i, t in enumerate(targets, 1):
                t.number = i
            pool = concurrent.futures.ThreadPoolExecutor(SQLMAP_JOBS)
            try:
                futures = [pool.submit(run_sqlmap, t, sqldir, stack.url) for t in targets]
                for fut in concurrent.futures.as_completed(futures):
                    t = fut.result()
                    log("sqlmap %-15s %5.0fs  %s" % (t.result, t.seconds, t.name))
            finally:
                pool.shutdown(wait=False, cancel_futures=True)
                stop_scanners()
                pool.shutdown(wait=True)
            counts = {}
            for t in targets:
                counts[t.result] = counts.get(t.result, 0) + 1
            summary += ["## sqlmap", "",
                        "%d parameters (%d query parameters, %d form fields), level %s, risk %s: %s"
                        % (len(targets), sum(t.method == "GET" for t in targets),
                           sum(t.method == "POST" for t in targets), SQLMAP_LEVEL, SQLMAP_RISK,
                           ", ".join("%s %d" % kv for kv in sorted(counts.items()))), ""]
            for t in targets:
                if t.result != "not injectable":
                    summary.append("- %s: %s %s" % (t.name, t.result,
                                                     t.detail.replace("\n", " | ")))
                findings += t.result == "INJECTABLE"
            summary.append("")

        if ONLY in ("", "wapiti"):
            data, err = run_wapiti(stack, member, outdir)
            summary += ["## wapiti (xss, permanentxss, csrf)", ""]
            if err:
                summary.append(err)
            else:
                vulns = data.get("vulnerabilities", {})
                for kind, items in sorted(vulns.items()):
                    summary.append("- %s: %d" % (kind, len(items)))
                    for item in items:
                        findings += 1
                        summary.append("    - %s %s: %s (%s)" % (
                            item.get("method"), item.get("path"), item.get("info"),
                            item.get("parameter")))
                anomalies = data.get("anomalies", {})
                for kind, items in sorted(anomalies.items()):
                    if items:
                        summary.append("- anomaly %s: %d" % (kind, len(items)))
                        for item in items[:20]:
                            summary.append("    - %s %s: %s" % (item.get("method"),
                                                              item.get("path"), item.get("info")))
                # (wapiti 3.0.4's report does not say what it crawled; its log does)
                with open(os.path.join(outdir, "wapiti.log")) as logf:
                    found = re.search(r"Wapiti found (\d+) URLs and forms", logf.read())
                summary.append("")
                summary.append("crawled: %s URLs and forms" % (found.group(1) if found else "?"))
            summary.append("")
        summary.append("findings: %d" % findings)
    finally:
        stop_scanners()
        with open(os.path.join(outdir, "SUMMARY.md"), "w") as f:
            f.write("\n".join(summary) + "\n")
        stack.stop()
    print("\n".join(summary))
    print("\nresults: %s (the stack's folder is kept)" % outdir)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
