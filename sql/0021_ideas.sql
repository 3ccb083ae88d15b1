-- Co-creation: ideas, their votes, comments, status history and the lock
-- rows of the optional vote budget. The grants are in 0022.
--
-- Two different "statuses": `stage` is where an idea is in the company's
-- pipeline (open -> under_review -> planned -> in_progress -> done, or
-- declined; the pages and the JSON call it "status"), and `status` is the
-- moderation state every content table shares (visible, held, hidden,
-- deleted), so that moderation treats ideas like posts and reviews.
--
-- vote_count is kept exact in the same transaction as each vote (the vote
-- row and the counter change together under the idea's row lock), and
-- recounted from the vote rows when a duplicate is merged.

CREATE TABLE IF NOT EXISTS ideas (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  title VARCHAR(150) NOT NULL,
  body MEDIUMTEXT NOT NULL,
  html MEDIUMTEXT NOT NULL,
  product_id INT UNSIGNED NULL,      -- products(id), from the reviews area (0011)
  category_id INT UNSIGNED NULL,     -- categories(id), the forum's categories
  stage ENUM('open','under_review','planned','in_progress','done','declined')
    NOT NULL DEFAULT 'open',
  status ENUM('visible','held','hidden','deleted') NOT NULL DEFAULT 'visible',
  vote_count INT UNSIGNED NOT NULL DEFAULT 0,
  comment_count INT UNSIGNED NOT NULL DEFAULT 0,   -- positions handed out
  merged_into_id BIGINT UNSIGNED NULL,
  nonce CHAR(32) NULL,               -- from the form: a double submit makes one idea
  sentiment_score FLOAT NULL,
  sentiment_label ENUM('negative','neutral','positive') NULL,
  lang CHAR(2) NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  stage_changed_at DATETIME NULL,
  UNIQUE KEY ideas_nonce (user_id, nonce),
  KEY ideas_top (status, merged_into_id, vote_count),
  KEY ideas_new (status, merged_into_id, created_at),
  KEY ideas_stage (stage, status, stage_changed_at),
  KEY ideas_product (product_id, stage),
  KEY ideas_category (category_id, stage),
  KEY ideas_merged (merged_into_id),
  FULLTEXT KEY ideas_title_ft (title),
  FULLTEXT KEY ideas_ft (title, body),
  CONSTRAINT ideas_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT ideas_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT ideas_category_fk FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT ideas_merged_fk FOREIGN KEY (merged_into_id) REFERENCES ideas (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One vote per member and idea. created_at drives "trending"; a vote is
-- "open" (counts against the vote budget) while its idea is neither done
-- nor declined, which the budget check reads through the join with ideas.
CREATE TABLE IF NOT EXISTS idea_votes (
  idea_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (idea_id, user_id),
  KEY idea_votes_user (user_id, idea_id),
  KEY idea_votes_recent (created_at, idea_id),
  CONSTRAINT idea_votes_idea_fk FOREIGN KEY (idea_id) REFERENCES ideas (id),
  CONSTRAINT idea_votes_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Comments, in order like forum replies: position is handed out under the
-- idea's row lock, so page N is a range read. A staff member's comment may
-- be flagged official: the company's answer, shown as such.
CREATE TABLE IF NOT EXISTS idea_comments (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  idea_id BIGINT UNSIGNED NOT NULL,
  position INT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  body MEDIUMTEXT NOT NULL,
  html MEDIUMTEXT NOT NULL,
  official TINYINT NOT NULL DEFAULT 0,
  status ENUM('visible','held','hidden','deleted') NOT NULL DEFAULT 'visible',
  nonce CHAR(32) NULL,
  sentiment_score FLOAT NULL,
  sentiment_label ENUM('negative','neutral','positive') NULL,
  lang CHAR(2) NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY idea_comments_position (idea_id, position),
  UNIQUE KEY idea_comments_nonce (user_id, nonce),
  KEY idea_comments_official (idea_id, official),
  KEY idea_comments_user (user_id, created_at),
  FULLTEXT KEY idea_comments_ft (body),
  CONSTRAINT idea_comments_idea_fk FOREIGN KEY (idea_id) REFERENCES ideas (id),
  CONSTRAINT idea_comments_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every status change: from, to, the public note, who and when. The
-- notifications area reads these rows to tell voters and the author.
CREATE TABLE IF NOT EXISTS idea_status_changes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  idea_id BIGINT UNSIGNED NOT NULL,
  from_stage ENUM('open','under_review','planned','in_progress','done','declined') NOT NULL,
  to_stage ENUM('open','under_review','planned','in_progress','done','declined') NOT NULL,
  note VARCHAR(2000) NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  KEY idea_status_changes_idea (idea_id, id),
  KEY idea_status_changes_created (created_at),
  CONSTRAINT idea_status_changes_idea_fk FOREIGN KEY (idea_id) REFERENCES ideas (id),
  CONSTRAINT idea_status_changes_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per member who has voted while a vote budget was set: a vote
-- takes this row's lock first, so that parallel votes of one member cannot
-- both see room left in the budget.
CREATE TABLE IF NOT EXISTS idea_vote_locks (
  user_id BIGINT UNSIGNED NOT NULL PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
