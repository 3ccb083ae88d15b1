-- How far each member has read each thread: the highest post position a
-- page of theirs showed. Lists show the posts since ("3 new") and lead to
-- the first of them; the thread marks where they begin. Written by the
-- forum program when a member opens a thread page, never lowered.
CREATE TABLE IF NOT EXISTS thread_reads (
  user_id BIGINT UNSIGNED NOT NULL,
  thread_id BIGINT UNSIGNED NOT NULL,
  last_position INT UNSIGNED NOT NULL,
  read_at DATETIME NOT NULL,
  PRIMARY KEY (user_id, thread_id),
  KEY thread_reads_thread (thread_id),
  CONSTRAINT thread_reads_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT thread_reads_thread_fk FOREIGN KEY (thread_id) REFERENCES threads (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

GRANT SELECT, INSERT, UPDATE ON thread_reads TO 'tertulia_forum'@'%';
