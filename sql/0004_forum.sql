-- The forum: categories, threads, posts (with their revisions) and likes.
--
-- Posts carry their position in the thread (1 = the opening post), assigned
-- under the thread's row lock, so that page N of a thread is a range read of
-- (thread_id, position) and deep pages cost what page 1 costs.
-- The HTML of a post is rendered from its Markdown when written or edited.

CREATE TABLE IF NOT EXISTS categories (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug VARCHAR(60) NOT NULL,
  name_en VARCHAR(80) NOT NULL,
  name_es VARCHAR(80) NOT NULL,
  description_en VARCHAR(300) NOT NULL DEFAULT '',
  description_es VARCHAR(300) NOT NULL DEFAULT '',
  position INT NOT NULL DEFAULT 0,
  thread_count INT UNSIGNED NOT NULL DEFAULT 0,
  post_count INT UNSIGNED NOT NULL DEFAULT 0,
  last_post_at DATETIME NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY categories_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS threads (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  category_id INT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  title VARCHAR(150) NOT NULL,
  slug VARCHAR(80) NOT NULL,
  status ENUM('visible','held','hidden','deleted') NOT NULL DEFAULT 'visible',
  pinned TINYINT NOT NULL DEFAULT 0,
  locked TINYINT NOT NULL DEFAULT 0,
  reply_count INT UNSIGNED NOT NULL DEFAULT 0,
  post_count INT UNSIGNED NOT NULL DEFAULT 0,  -- positions handed out
  like_count INT UNSIGNED NOT NULL DEFAULT 0,
  views INT UNSIGNED NOT NULL DEFAULT 0,
  solved_post_id BIGINT UNSIGNED NULL,
  first_reply_at DATETIME NULL,
  created_at DATETIME NOT NULL,
  last_post_at DATETIME NOT NULL,
  last_user_id BIGINT UNSIGNED NULL,
  KEY threads_latest (category_id, status, pinned, last_post_at),
  KEY threads_new (category_id, status, created_at),
  KEY threads_top (category_id, status, like_count),
  KEY threads_unanswered (category_id, status, reply_count, created_at),
  KEY threads_all_latest (status, last_post_at),
  KEY threads_user (user_id, created_at),
  FULLTEXT KEY threads_ft (title),
  CONSTRAINT threads_category_fk FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT threads_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS posts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  thread_id BIGINT UNSIGNED NOT NULL,
  position INT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  body MEDIUMTEXT NOT NULL,
  html MEDIUMTEXT NOT NULL,
  status ENUM('visible','held','hidden','deleted') NOT NULL DEFAULT 'visible',
  like_count INT UNSIGNED NOT NULL DEFAULT 0,
  quote_post_id BIGINT UNSIGNED NULL,
  nonce CHAR(32) NULL,          -- from the form: a double submit makes one post
  sentiment_score FLOAT NULL,
  sentiment_label ENUM('negative','neutral','positive') NULL,
  lang CHAR(2) NULL,
  created_at DATETIME NOT NULL,
  edited_at DATETIME NULL,
  UNIQUE KEY posts_position (thread_id, position),
  UNIQUE KEY posts_nonce (user_id, nonce),
  KEY posts_user (user_id, created_at),
  KEY posts_created (created_at),
  FULLTEXT KEY posts_ft (body),
  CONSTRAINT posts_thread_fk FOREIGN KEY (thread_id) REFERENCES threads (id),
  CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every edit keeps the text it replaced: who edited, when, what was there.
CREATE TABLE IF NOT EXISTS post_revisions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_id BIGINT UNSIGNED NOT NULL,
  editor_id BIGINT UNSIGNED NOT NULL,
  old_title VARCHAR(150) NULL,
  old_body MEDIUMTEXT NOT NULL,
  created_at DATETIME NOT NULL,
  KEY post_revisions_post (post_id, id),
  CONSTRAINT post_revisions_post_fk FOREIGN KEY (post_id) REFERENCES posts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS post_likes (
  post_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (post_id, user_id),
  KEY post_likes_user (user_id),
  CONSTRAINT post_likes_post_fk FOREIGN KEY (post_id) REFERENCES posts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
