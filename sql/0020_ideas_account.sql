-- The ideas program's database account (its tables and grants come in
-- the migrations numbered 0021-0029).
CREATE USER IF NOT EXISTS 'tertulia_ideas'@'%';
GRANT SELECT (id, username, lang, roles, bio, silenced_until, suspended_until, created_at, last_seen_at)
  ON users TO 'tertulia_ideas'@'%';
GRANT SELECT ON sessions TO 'tertulia_ideas'@'%';
GRANT UPDATE (last_seen_at) ON sessions TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT ON audit_log TO 'tertulia_ideas'@'%';
GRANT SELECT ON meta TO 'tertulia_ideas'@'%';
