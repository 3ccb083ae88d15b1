-- Accounts, sessions, attempt counters, password reset tokens, audit log.
-- Times are UTC DATETIMEs (every connection sets time_zone = '+00:00').

CREATE TABLE IF NOT EXISTS users (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(30) NOT NULL,
  email VARCHAR(254) NOT NULL,
  password_hash VARCHAR(128) NOT NULL,
  lang VARCHAR(5) NOT NULL DEFAULT '',
  roles SET('moderator','staff','marketing','admin') NOT NULL DEFAULT '',
  bio VARCHAR(500) NOT NULL DEFAULT '',
  email_verified_at DATETIME NULL,
  silenced_until DATETIME NULL,
  suspended_until DATETIME NULL,
  created_at DATETIME NOT NULL,
  last_seen_at DATETIME NULL,
  UNIQUE KEY users_username (username),
  UNIQUE KEY users_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only the hash of a session token is stored: a copy of this table logs no
-- one in.
CREATE TABLE IF NOT EXISTS sessions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash BINARY(32) NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  last_seen_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  UNIQUE KEY sessions_token (token_hash),
  KEY sessions_user (user_id),
  CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Attempt counters (logins, registrations) per key and minute.
CREATE TABLE IF NOT EXISTS throttle (
  k VARCHAR(190) NOT NULL,
  bucket INT UNSIGNED NOT NULL,
  hits INT UNSIGNED NOT NULL,
  PRIMARY KEY (k, bucket),
  KEY throttle_bucket (bucket)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Single-use tokens sent by email: password resets and address checks.
-- Like sessions, only the hash is kept.
CREATE TABLE IF NOT EXISTS account_tokens (
  token_hash BINARY(32) NOT NULL PRIMARY KEY,
  purpose ENUM('reset','verify') NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  email VARCHAR(254) NOT NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  used_at DATETIME NULL,
  KEY account_tokens_user (user_id),
  CONSTRAINT account_tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Who did what to which item, when and why. Append-only: no program is
-- granted UPDATE or DELETE on it.
CREATE TABLE IF NOT EXISTS audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  actor_id BIGINT UNSIGNED NULL,
  action VARCHAR(40) NOT NULL,
  target_type VARCHAR(20) NOT NULL,
  target_id BIGINT UNSIGNED NOT NULL,
  reason VARCHAR(500) NOT NULL DEFAULT '',
  detail VARCHAR(1000) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  KEY audit_created (created_at),
  KEY audit_target (target_type, target_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Facts about this installation ("demo_loaded").
CREATE TABLE IF NOT EXISTS meta (
  k VARCHAR(64) NOT NULL PRIMARY KEY,
  v VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
