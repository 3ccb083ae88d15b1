-- Product reviews: products, their rating summaries, reviews (with their
-- revisions, helpful votes and the company's responses), the company's
-- orders (which make a review "verified") and the API keys its systems use.
--
-- A product's rating summary is one row updated in the same transaction as
-- every review write, under that row's lock (cgi/reviews/reviews_store.c): pages
-- read it and never recount the reviews. Only visible reviews are counted.

CREATE TABLE IF NOT EXISTS products (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sku VARCHAR(40) NOT NULL,               -- [A-Za-z0-9._-], unique in any case
  name VARCHAR(150) NOT NULL,
  description TEXT NOT NULL,              -- plain text, shown with its line breaks
  category VARCHAR(60) NOT NULL DEFAULT '',
  image_url VARCHAR(500) NULL,            -- https:// or a path on this site
  active TINYINT NOT NULL DEFAULT 1,      -- inactive: not listed, no new reviews
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  UNIQUE KEY products_sku (sku),
  KEY products_list (active, category, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS product_ratings (
  product_id INT UNSIGNED NOT NULL PRIMARY KEY,
  review_count INT NOT NULL DEFAULT 0,
  rating_sum INT NOT NULL DEFAULT 0,
  stars1 INT NOT NULL DEFAULT 0,
  stars2 INT NOT NULL DEFAULT 0,
  stars3 INT NOT NULL DEFAULT 0,
  stars4 INT NOT NULL DEFAULT 0,
  stars5 INT NOT NULL DEFAULT 0,
  CONSTRAINT product_ratings_product_fk FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One live review per member and product: `live` is 1 unless the review is
-- deleted (then NULL, which a unique key does not compare), so a member who
-- deleted a review may write a new one while the old row stays for the
-- moderators. The helpful rank is the lower bound of the Wilson score
-- interval (95%) of the helpful votes, kept by MariaDB from the counters.
CREATE TABLE IF NOT EXISTS reviews (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id INT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  rating TINYINT UNSIGNED NOT NULL,
  title VARCHAR(120) NOT NULL,
  body MEDIUMTEXT NOT NULL,
  html MEDIUMTEXT NOT NULL,
  pros VARCHAR(1000) NOT NULL DEFAULT '',
  cons VARCHAR(1000) NOT NULL DEFAULT '',
  verified TINYINT NOT NULL DEFAULT 0,    -- set by the server from orders, never by a form
  status ENUM('visible','held','hidden','deleted') NOT NULL DEFAULT 'visible',
  live TINYINT AS (IF(status = 'deleted', NULL, 1)) PERSISTENT,
  helpful_yes INT NOT NULL DEFAULT 0,
  helpful_no INT NOT NULL DEFAULT 0,
  helpful_rank DOUBLE AS (IF(helpful_yes + helpful_no = 0, 0,
    ((helpful_yes + 1.9208) / (helpful_yes + helpful_no)
     - 1.96 * SQRT(helpful_yes * helpful_no / (helpful_yes + helpful_no) + 0.9604)
       / (helpful_yes + helpful_no))
    / (1 + 3.8416 / (helpful_yes + helpful_no)))) PERSISTENT,
  nonce CHAR(32) NULL,                    -- from the form: a double submit is one review
  sentiment_score FLOAT NULL,
  sentiment_label ENUM('negative','neutral','positive') NULL,
  lang CHAR(2) NULL,
  mod_note VARCHAR(500) NULL,
  created_at DATETIME NOT NULL,
  edited_at DATETIME NULL,
  CHECK (rating BETWEEN 1 AND 5),
  UNIQUE KEY reviews_one_live (product_id, user_id, live),
  KEY reviews_newest (product_id, status, created_at),
  KEY reviews_rating (product_id, status, rating, created_at),
  KEY reviews_helpful (product_id, status, helpful_rank, created_at),
  KEY reviews_user (user_id, created_at),
  KEY reviews_created (created_at),
  FULLTEXT KEY reviews_ft (title, body),
  CONSTRAINT reviews_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT reviews_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every edit keeps what it replaced.
CREATE TABLE IF NOT EXISTS review_revisions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  review_id BIGINT UNSIGNED NOT NULL,
  editor_id BIGINT UNSIGNED NOT NULL,
  old_rating TINYINT UNSIGNED NOT NULL,
  old_title VARCHAR(120) NOT NULL,
  old_body MEDIUMTEXT NOT NULL,
  old_pros VARCHAR(1000) NOT NULL,
  old_cons VARCHAR(1000) NOT NULL,
  created_at DATETIME NOT NULL,
  KEY review_revisions_review (review_id, id),
  CONSTRAINT review_revisions_review_fk FOREIGN KEY (review_id) REFERENCES reviews (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One vote per member and review, changeable; the review's counters move
-- in the same transaction, under the review's row lock.
CREATE TABLE IF NOT EXISTS review_votes (
  review_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  helpful TINYINT NOT NULL,               -- 1 yes, 0 no
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (review_id, user_id),
  KEY review_votes_user (user_id),
  CONSTRAINT review_votes_review_fk FOREIGN KEY (review_id) REFERENCES reviews (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The company's one official, public response to a review.
CREATE TABLE IF NOT EXISTS review_responses (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  review_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,       -- the staff member who wrote it
  body MEDIUMTEXT NOT NULL,
  html MEDIUMTEXT NOT NULL,
  created_at DATETIME NOT NULL,
  edited_at DATETIME NULL,
  edited_by BIGINT UNSIGNED NULL,
  UNIQUE KEY review_responses_review (review_id),
  CONSTRAINT review_responses_review_fk FOREIGN KEY (review_id) REFERENCES reviews (id),
  CONSTRAINT review_responses_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Order lines the company reports (tertuliactl orders import, POST
-- /api/orders). An order line is (order_id, product): reporting it again
-- updates it. The email is the buyer's; a review is verified when its
-- author's account has the same email (compared without case).
CREATE TABLE IF NOT EXISTS orders (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id VARCHAR(64) NOT NULL,
  product_id INT UNSIGNED NOT NULL,
  email VARCHAR(254) NOT NULL,
  ordered_on DATE NOT NULL,
  source ENUM('import','api','demo') NOT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  UNIQUE KEY orders_line (order_id, product_id),
  KEY orders_buyer (email, product_id),
  CONSTRAINT orders_product_fk FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Keys of the company's systems. Only a hash of each key is stored
-- (libsodium crypto_generichash, 32 bytes): a copy of this table calls no API.
CREATE TABLE IF NOT EXISTS api_keys (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(60) NOT NULL,
  key_hash BINARY(32) NOT NULL,
  created_at DATETIME NOT NULL,
  last_used_at DATETIME NULL,
  revoked_at DATETIME NULL,
  UNIQUE KEY api_keys_name (name),
  UNIQUE KEY api_keys_hash (key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who bought what, by account: the join of orders and accounts on the
-- email. It runs with its definer's rights (the migrating account), so the
-- reviews program learns whether one of its members bought a product without
-- being able to read anyone's email address.
CREATE OR REPLACE SQL SECURITY DEFINER VIEW review_purchases AS
  SELECT u.id AS user_id, o.product_id, o.id AS order_row_id, o.ordered_on
  FROM orders o JOIN users u ON u.email = o.email;

-- This file also made the function review_member_email_is, the invitation
-- check, which 0060 replaces with a view: with the binary log on, MariaDB
-- lets only SUPER create a stored function (log_bin_trust_function_creators
-- aside), whatever its characteristics. A database migrated with the
-- function has it until 0060 drops it, so both end alike.
