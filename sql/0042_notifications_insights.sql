-- Every program draws the page header with the member's unread count
-- (core/app.c): the insights program, whose account 0051 makes, needs the
-- same read of notifications (recipient_id, read_at) as the others (0041).
CREATE USER IF NOT EXISTS 'tertulia_insights'@'%';
GRANT SELECT (recipient_id, read_at) ON notifications TO 'tertulia_insights'@'%';
