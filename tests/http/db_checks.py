"""Checks of a stack's database as a whole, shared by the fault and backup
tests: row counts and checksums of every table, and the forum's invariants."""


def tables(stack):
    return sorted(r[0] for r in stack.sql(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
        "AND table_type = 'BASE TABLE'"))


def fingerprint(stack):
    """{table: (row count, CHECKSUM TABLE)} of every table."""
    names = tables(stack)
    sums = {r[0].split(".", 1)[1]: r[1] for r in stack.sql(
        "CHECKSUM TABLE " + ", ".join("`%s`" % t for t in names) + " EXTENDED")}
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
