-- Opening a thread, an idea or a review marks read the member's
-- notifications about it (services/notify_view.c, notify_mark_seen): the
-- program that shows it reads which notifications those are and sets
-- their read_at, nothing else of them.
GRANT SELECT (id, recipient_id, kind, target_type, target_id, read_at), UPDATE (read_at)
  ON notifications TO 'tertulia_forum'@'%';
GRANT SELECT (id, recipient_id, kind, target_type, target_id, read_at), UPDATE (read_at)
  ON notifications TO 'tertulia_ideas'@'%';
GRANT SELECT (id, recipient_id, kind, target_type, target_id, read_at), UPDATE (read_at)
  ON notifications TO 'tertulia_reviews'@'%';
