-- The reviews program's database account (its tables and grants come in
-- the migrations numbered 0011-0019).
CREATE USER IF NOT EXISTS 'tertulia_reviews'@'%';
GRANT SELECT (id, username, lang, roles, bio, silenced_until, suspended_until, created_at, last_seen_at)
  ON users TO 'tertulia_reviews'@'%';
GRANT SELECT ON sessions TO 'tertulia_reviews'@'%';
GRANT UPDATE (last_seen_at) ON sessions TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT ON audit_log TO 'tertulia_reviews'@'%';
GRANT SELECT ON meta TO 'tertulia_reviews'@'%';
