"""The cluster tests: MariaDB topologies of their own (tests/cluster/
mariadb_cluster.py), selected with `pytest -m cluster`."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # tests/: stack.py
sys.path.insert(0, HERE)                   # mariadb_cluster.py


def pytest_configure(config):
    config.addinivalue_line("markers", "cluster: starts a Galera cluster or a primary with a "
                            "replica of its own (mariadb-server, galera-4, rsync; as root "
                            "the servers run as the user mysql)")
