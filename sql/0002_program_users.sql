-- One database account per program, each with only the grants it needs,
-- so that a flaw in one program reaches no more of the database than that
-- program uses. tertuliactl migrate sets their passwords from the
-- configuration. Only `account` reads password hashes: the others are
-- granted the columns of `users` they show.

CREATE USER IF NOT EXISTS 'tertulia_account'@'%';
CREATE USER IF NOT EXISTS 'tertulia_forum'@'%';

GRANT SELECT, INSERT, UPDATE ON users TO 'tertulia_account'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO 'tertulia_account'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON throttle TO 'tertulia_account'@'%';
GRANT SELECT, INSERT, UPDATE ON account_tokens TO 'tertulia_account'@'%';
GRANT SELECT, INSERT ON audit_log TO 'tertulia_account'@'%';
GRANT SELECT ON meta TO 'tertulia_account'@'%';

GRANT SELECT (id, username, lang, roles, bio, silenced_until, suspended_until,
              created_at, last_seen_at) ON users TO 'tertulia_forum'@'%';
GRANT SELECT ON sessions TO 'tertulia_forum'@'%';
GRANT UPDATE (last_seen_at) ON sessions TO 'tertulia_forum'@'%';
GRANT SELECT ON meta TO 'tertulia_forum'@'%';
