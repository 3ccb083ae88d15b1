-- The moderation program: flags, the queue, actions on content and members,
-- the audit log (which it reads and appends to, never changes).
CREATE USER IF NOT EXISTS 'tertulia_moderation'@'%';
GRANT SELECT (id, username, lang, roles, bio, silenced_until, suspended_until, created_at, last_seen_at)
  ON users TO 'tertulia_moderation'@'%';
GRANT UPDATE (silenced_until, suspended_until) ON users TO 'tertulia_moderation'@'%';
GRANT SELECT ON sessions TO 'tertulia_moderation'@'%';
GRANT UPDATE (last_seen_at) ON sessions TO 'tertulia_moderation'@'%';
GRANT SELECT ON meta TO 'tertulia_moderation'@'%';
GRANT SELECT, INSERT ON audit_log TO 'tertulia_moderation'@'%';
GRANT SELECT, INSERT, UPDATE ON flags TO 'tertulia_moderation'@'%';
GRANT SELECT, INSERT, UPDATE ON mod_queue TO 'tertulia_moderation'@'%';
GRANT SELECT, INSERT, DELETE ON watched_words TO 'tertulia_moderation'@'%';
GRANT SELECT ON categories TO 'tertulia_moderation'@'%';
GRANT SELECT, UPDATE ON threads TO 'tertulia_moderation'@'%';
GRANT SELECT, UPDATE ON posts TO 'tertulia_moderation'@'%';
GRANT UPDATE ON categories TO 'tertulia_moderation'@'%';
GRANT SELECT, INSERT ON post_revisions TO 'tertulia_moderation'@'%';

-- The forum checks new content against the rules and queues what it holds,
-- and moderators use its thread tools (lock, pin, move, split).
GRANT SELECT ON watched_words TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT, UPDATE ON mod_queue TO 'tertulia_forum'@'%';
GRANT SELECT ON flags TO 'tertulia_forum'@'%';
