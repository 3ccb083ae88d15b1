"""Checks of a stack's database as a whole, shared by the fault and backup
tests: row counts and checksums of every table, and the forum's invariants."""

import hashlib
import struct


def tables(stack):
    return sorted(r[0] for r in stack.sql(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
        "AND table_type = 'BASE TABLE'"))


def fingerprint(stack):
    """{table: (row count, checksum)} of every table. CHECKSUM TABLE, but
    for a table with a generated column (users.username_key), whose
    CHECKSUM TABLE is not the same for the same rows after they are loaded
    again: there, a hash of its rows in key order."""
    names = tables(stack)
    generated = {r[0] for r in stack.sql(
        "SELECT DISTINCT table_name FROM information_schema.columns "
        "WHERE table_schema = DATABASE() AND extra LIKE '%GENERATED%'")}
    sums = {r[0].split(".", 1)[1]: r[1] for r in stack.sql(
        "CHECKSUM TABLE " + ", ".join("`%s`" % t for t in names) + " EXTENDED")}
    for t in generated:
        rows = stack.sql("SELECT * FROM `%s` ORDER BY 1" % t)
        sums[t] = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    return {t: (stack.sql("SELECT COUNT(*) FROM `%s`" % t)[0][0], sums[t]) for t in names}


# products whose kept home-page ranking is not what their counts give (a
# division in a SELECT keeps 4 decimals, one stored in the column 6)
DAMPED_OFF = ("SELECT COUNT(*) FROM product_ratings "
              "WHERE ABS(damped_rating - (rating_sum + 6) / (review_count + 2)) >= 0.0001")


def check_consistent(stack):
    """No thread without its posts, no position handed out twice or beyond
    the thread's count, every product's ranking (damped_rating) what its
    counts say, and InnoDB finds every table sound."""
    assert stack.sql("SELECT COUNT(*) FROM threads t WHERE NOT EXISTS "
                     "(SELECT 1 FROM posts p WHERE p.thread_id = t.id)") == [["0"]]
    assert stack.sql("SELECT COUNT(*) FROM (SELECT thread_id, position FROM posts "
                     "GROUP BY thread_id, position HAVING COUNT(*) > 1) d") == [["0"]]
    assert stack.sql("SELECT COUNT(*) FROM threads t WHERE post_count < "
                     "(SELECT MAX(position) FROM posts p WHERE p.thread_id = t.id)") == [["0"]]
    assert stack.sql(DAMPED_OFF) == [["0"]]
    rows = stack.sql("CHECK TABLE " + ", ".join("`%s`" % t for t in tables(stack)))
    bad = [r for r in rows if r[2] in ("error", "warning") or (r[2] == "status" and r[3] != "OK")]
    assert not bad, bad


# A corrupted index as a full disk may leave one (test_db_check.py, and the
# Galera test of a repair on one node): with MariaDB stopped, two bytes of
# a key in a leaf page are changed so that the page is out of order, and the
# page checksum is made valid again.
PAGE = 16384                       # innodb_page_size (the default)
FIL_PAGE_TYPE, FIL_PAGE_INDEX = 24, 17855
PAGE_INDEX_ID = 38 + 28            # page header (after the FIL header) + 28


def crc32c(data):
    """CRC-32C (Castagnoli), the full_crc32 page checksum of MariaDB 10.5+."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def break_index_order(ibd, index_id, key):
    """Makes `key` begin with "zz" in the B-tree page of index `index_id`
    that holds it, and writes the page's checksum again. Returns the page
    number."""
    with open(ibd, "r+b") as f:
        data = bytearray(f.read())
        for n in range(len(data) // PAGE):
            page = data[n * PAGE:(n + 1) * PAGE]
            if (struct.unpack(">H", page[FIL_PAGE_TYPE:FIL_PAGE_TYPE + 2])[0] != FIL_PAGE_INDEX
                    or struct.unpack(">Q", page[PAGE_INDEX_ID:PAGE_INDEX_ID + 8])[0] != index_id):
                continue
            at = page.find(key)
            if at < 0:
                continue
            page[at:at + 2] = b"zz"
            page[PAGE - 4:] = struct.pack(">I", crc32c(bytes(page[:PAGE - 4])))
            f.seek(n * PAGE)
            f.write(page)
            return n
    raise AssertionError("no page of index %d holds %r" % (index_id, key))
