-- rollup_queue: the work a write leaves for the rows every writer shares
-- (the insight rollups of 0050-0054 and a category's counters). A write
-- queues its jobs in its own transaction, so none is lost; they are
-- applied just after it commits, each in a transaction of its own, by the
-- program that wrote (services/rollup_queue.c), and what is left over
-- (a conflict, a crash in between) by `tertuliactl drain`. Two writes on
-- different threads then share no row in their transactions, and on a
-- Galera cluster do not conflict.
--
-- job: written, changed, flagged (kind, target = the item's id), thread,
-- answered (target = the thread), verified (target = the product, n1 =
-- the order line), category (target = the category, n1 threads and n2
-- posts to add), posted (the same, for a new visible post, which also
-- moves the category's last_post_at to created_at).
CREATE TABLE IF NOT EXISTS rollup_queue (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job ENUM('written','changed','flagged','thread','answered','verified','category','posted') NOT NULL,
  kind ENUM('post','review','idea') NULL,
  target BIGINT NOT NULL,
  n1 BIGINT NOT NULL DEFAULT 0,
  n2 BIGINT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL,
  KEY rollup_queue_age (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

GRANT SELECT, INSERT, DELETE ON rollup_queue TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT, DELETE ON rollup_queue TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT, DELETE ON rollup_queue TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT, DELETE ON rollup_queue TO 'tertulia_moderation'@'%';
