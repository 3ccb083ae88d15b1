-- Moderation: flags from members, the queue of items needing a moderator,
-- watched words, and a note on moderated content that its author can read.
-- The moderation program's account and grants are in 0031.

CREATE TABLE IF NOT EXISTS flags (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  target_type ENUM('post','review','idea') NOT NULL,
  target_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  reason ENUM('spam','abuse','off_topic','other') NOT NULL,
  note VARCHAR(500) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  resolved_at DATETIME NULL,
  UNIQUE KEY flags_once (target_type, target_id, user_id),
  KEY flags_open (resolved_at, created_at),
  KEY flags_reason (reason, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per item that needs (or needed) a moderator: held by a rule, or
-- flagged. Reopened when flagged again after a decision.
CREATE TABLE IF NOT EXISTS mod_queue (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  target_type ENUM('post','review','idea') NOT NULL,
  target_id BIGINT UNSIGNED NOT NULL,
  cause ENUM('flags','new_member','links','watched_word','abusive') NOT NULL,
  detail VARCHAR(200) NOT NULL DEFAULT '',
  author_id BIGINT UNSIGNED NOT NULL,
  category_id INT UNSIGNED NULL,
  product_id BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  resolved_at DATETIME NULL,
  resolved_by BIGINT UNSIGNED NULL,
  action VARCHAR(20) NULL,
  UNIQUE KEY mod_queue_item (target_type, target_id),
  KEY mod_queue_open (resolved_at, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Words moderators watch, per language ('' for any): hold the content,
-- block it (refused with a message), or replace the word.
CREATE TABLE IF NOT EXISTS watched_words (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  word VARCHAR(100) NOT NULL,
  lang CHAR(2) NOT NULL DEFAULT '',
  action ENUM('hold','block','replace') NOT NULL,
  replacement VARCHAR(100) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  UNIQUE KEY watched_words_word (word, lang)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Why a moderator hid or removed a post: its author is shown this, with
-- the text they wrote.
ALTER TABLE posts ADD COLUMN IF NOT EXISTS mod_note VARCHAR(500) NULL;
ALTER TABLE threads ADD COLUMN IF NOT EXISTS mod_note VARCHAR(500) NULL;
