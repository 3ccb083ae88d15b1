"""The first `make run` on a bare Debian 12, as a new user meets it.

A bare machine is made for real: debootstrap's minimal Debian 12 (bookworm)
with `make` added (what a user needs to type `make run` at all), in a
temporary folder. The repository's files, as a clone has them, are copied
in, and `make run` runs there under chroot, in a mount namespace of its own
(/proc and /dev are mounted for it alone). Nothing the project needs is
installed beforehand: `deps` has to install it, and the build must find
what it installed. A Makefile that asks mariadb_config for its flags when
make reads it fails here with "errmsg.h: No such file or directory".

The test passes the chroot two facts of this machine that are not the
project's: the resolver (/etc/resolv.conf) and the certificate authorities
the host trusts (NODE_EXTRA_CA_CERTS when set, else the system's bundle),
given to node as NODE_EXTRA_CA_CERTS, since the npm registry may be
reached through an intercepting proxy here.

It takes several minutes (about a gigabyte of packages), needs root for
debootstrap and chroot, and stops everything it started by pid: each
process whose root is the chroot is killed before the folder is removed.

Environment:
  TERTULIA_DEBIAN_MIRROR   the Debian mirror for debootstrap (default: the
                           first bookworm URI of this machine's apt sources)
  TERTULIA_KEEP=1          keep the chroot afterwards (its path is printed)
"""

import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest
import requests

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("debootstrap") is None,
    reason="needs root and debootstrap (make deps installs it)")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def debian_mirror():
    """The mirror this machine's apt uses, so the chroot reaches what the
    host reaches."""
    if os.environ.get("TERTULIA_DEBIAN_MIRROR"):
        return os.environ["TERTULIA_DEBIAN_MIRROR"]
    sources = glob.glob("/etc/apt/sources.list.d/*.sources") + ["/etc/apt/sources.list"]
    for path in sources:
        try:
            text = open(path).read()
        except OSError:
            continue
        m = re.search(r"^URIs:\s*(\S+/debian)\s*$", text, re.M) or \
            re.search(r"^deb\s+(?:\[[^]]*\]\s+)?(\S+/debian)\s+bookworm\s", text, re.M)
        if m:
            return m.group(1)
    return "http://deb.debian.org/debian"


def host_ca_bundle():
    """The certificate authorities this machine trusts, as one PEM file, or
    None."""
    for path in (os.environ.get("NODE_EXTRA_CA_CERTS"), "/etc/ssl/certs/ca-certificates.crt"):
        if path and os.path.isfile(path):
            return path
    return None


def repository_files():
    """What a clone of the working tree holds: tracked files, and new ones
    not ignored (a test of uncommitted work sees that work)."""
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         cwd=ROOT, check=True, capture_output=True).stdout
    return [f for f in out.decode().split("\0") if f and os.path.isfile(os.path.join(ROOT, f))]


def processes_in(root):
    """Pids of the processes whose root directory is the chroot."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.readlink(f"/proc/{entry}/root") == root:
                pids.append(int(entry))
        except OSError:
            pass
    return pids


class BareMachine:
    def __init__(self, root):
        self.root = root

    def make(self):
        subprocess.run(["debootstrap", "--variant=minbase", "--include=make", "bookworm",
                        self.root, debian_mirror()],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=900)
        src = os.path.join(self.root, "src")
        for f in repository_files():
            dest = os.path.join(src, f)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copy2(os.path.join(ROOT, f), dest)
        shutil.copy("/etc/resolv.conf", os.path.join(self.root, "etc/resolv.conf"))
        ca = host_ca_bundle()
        if ca:
            shutil.copy(ca, os.path.join(self.root, "root/host-ca.crt"))

    def run(self, command, timeout):
        """Runs a shell command in /src of the chroot, as root with a clean
        environment, and returns (exit status, output)."""
        env = ["PATH=" + PATH, "HOME=/root", "LANG=C.UTF-8"]
        if os.path.isfile(os.path.join(self.root, "root/host-ca.crt")):
            env.append("NODE_EXTRA_CA_CERTS=/root/host-ca.crt")
        inner = ("r=$1; shift; mount -t proc proc \"$r/proc\" && "
                 "mount --rbind /dev \"$r/dev\" && exec chroot \"$r\" /usr/bin/env -i \"$@\"")
        argv = ["unshare", "--mount", "--propagation", "private", "sh", "-c", inner, "sh",
                self.root] + env + ["sh", "-c", "cd /src && " + command]
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=timeout)
        return p.returncode, p.stdout.decode(errors="replace")

    def end(self):
        """Kills by pid what still runs inside, then removes the folder (the
        mounts were the namespace's own and went with its processes)."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            pids = processes_in(self.root)
            for pid in pids:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.time() + 10
            while processes_in(self.root) and time.time() < deadline:
                time.sleep(0.2)
        if os.environ.get("TERTULIA_KEEP") == "1":
            print("chroot kept in", self.root)
            return
        if not processes_in(self.root):
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def bare():
    machine = BareMachine(tempfile.mkdtemp(prefix="tertulia-bare-", dir="/var/tmp"))
    try:
        machine.make()
        yield machine
    finally:
        machine.end()


def test_first_make_run_on_a_bare_machine(bare):
    port = free_port()
    started = time.time()
    rc, out = bare.run(f"make run PORT={port}", timeout=2400)
    minutes = (time.time() - started) / 60
    print(f"first make run: {minutes:.1f} minutes")
    assert rc == 0, out[-4000:]
    assert "installing" in out, "the bare machine had nothing to install?\n" + out[-2000:]
    assert f"Tertulia is running at http://127.0.0.1:{port}" in out, out[-2000:]
    home = requests.get(f"http://127.0.0.1:{port}/", timeout=30)
    assert home.status_code == 200
    assert "Aurora" in home.text
    rc, out = bare.run("make stop", timeout=300)
    assert rc == 0, out
    assert not processes_in(bare.root), "make stop left processes behind"
