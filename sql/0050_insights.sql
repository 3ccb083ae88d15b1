-- Insights: member segments, and the rollups the marketing
-- pages read instead of the content. The insights program's account and
-- every program's grants on these tables are in 0051.
--
-- Every post, review and idea is scored when written or edited (its
-- sentiment_score, sentiment_label and lang columns), and its contribution
-- to the rollups is kept in the same transaction as the write, the status
-- change or the flag (cgi/services/rollup.c). `tertuliactl rollup` rebuilds all
-- of these tables from the content and must give exactly the same rows.
--
-- Scores are stored rounded to thousandths, and the rollups sum them as
-- integer thousandths, so that the incremental path and the rebuild add the
-- very same numbers.

-- A member's segment ("persona"), one key of the configured list
-- insights.segments, chosen in /settings; '' for none.
ALTER TABLE users ADD COLUMN IF NOT EXISTS segment VARCHAR(40) NOT NULL DEFAULT '';

-- The author's segment when the item was written: the insight pages show
-- what each segment said at the time, so a member who changes segment does
-- not rewrite history.
ALTER TABLE posts ADD COLUMN IF NOT EXISTS segment VARCHAR(40) NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN IF NOT EXISTS segment VARCHAR(40) NOT NULL DEFAULT '';
ALTER TABLE ideas ADD COLUMN IF NOT EXISTS segment VARCHAR(40) NOT NULL DEFAULT '';
-- the rebuild reads ideas day by day, as posts and reviews (their indexes
-- on created_at are in 0004 and 0011)
ALTER TABLE ideas ADD KEY IF NOT EXISTS ideas_created (created_at);

-- One row per day (of the item's creation, UTC) x kind x forum category x
-- product x segment, over the content that counts: visible posts in
-- visible threads, visible reviews, visible ideas. 0 stands for "none" in
-- category_id and product_id. A row whose items fall to 0 is deleted.
--   positive/neutral/negative/unscored  items by label (unscored: no
--                       lexicons were loaded when it was written)
--   score_sum           the scored items' scores, in thousandths
--   rated, rating_sum, stars1..stars5   reviews' ratings
--   verified, verified_rating_sum       reviews by verified buyers
--   flags               members' flags on these items
--   threads, answered, solved, reply_seconds   opening posts: their thread,
--                       whether it got a reply, was solved, and the seconds
--                       to its first reply (summed over answered threads)
CREATE TABLE IF NOT EXISTS insight_daily (
  day DATE NOT NULL,
  kind ENUM('post','review','idea') NOT NULL,
  category_id INT UNSIGNED NOT NULL DEFAULT 0,
  product_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
  segment VARCHAR(40) NOT NULL DEFAULT '',
  items INT NOT NULL DEFAULT 0,
  positive INT NOT NULL DEFAULT 0,
  neutral INT NOT NULL DEFAULT 0,
  negative INT NOT NULL DEFAULT 0,
  unscored INT NOT NULL DEFAULT 0,
  score_sum BIGINT NOT NULL DEFAULT 0,
  rated INT NOT NULL DEFAULT 0,
  rating_sum INT NOT NULL DEFAULT 0,
  stars1 INT NOT NULL DEFAULT 0,
  stars2 INT NOT NULL DEFAULT 0,
  stars3 INT NOT NULL DEFAULT 0,
  stars4 INT NOT NULL DEFAULT 0,
  stars5 INT NOT NULL DEFAULT 0,
  verified INT NOT NULL DEFAULT 0,
  verified_rating_sum INT NOT NULL DEFAULT 0,
  flags INT NOT NULL DEFAULT 0,
  threads INT NOT NULL DEFAULT 0,
  answered INT NOT NULL DEFAULT 0,
  solved INT NOT NULL DEFAULT 0,
  reply_seconds BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, kind, category_id, product_id, segment),
  KEY insight_daily_product (product_id, day),
  KEY insight_daily_category (category_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What each counted item adds to the rollups right now: when it changes,
-- this row is taken out of insight_daily and insight_themes and its new
-- contribution put in. label is -1, 0, 1, or NULL when unscored. phrases
-- holds the 8-byte hashes of the item's theme phrases (see themes.h).
CREATE TABLE IF NOT EXISTS insight_items (
  kind ENUM('post','review','idea') NOT NULL,
  item_id BIGINT UNSIGNED NOT NULL,
  day DATE NOT NULL,
  category_id INT UNSIGNED NOT NULL DEFAULT 0,
  product_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
  segment VARCHAR(40) NOT NULL DEFAULT '',
  label TINYINT NULL,
  score INT NOT NULL DEFAULT 0,
  rating TINYINT NOT NULL DEFAULT 0,
  verified TINYINT NOT NULL DEFAULT 0,
  flags INT NOT NULL DEFAULT 0,
  thread TINYINT NOT NULL DEFAULT 0,
  answered TINYINT NOT NULL DEFAULT 0,
  solved TINYINT NOT NULL DEFAULT 0,
  reply_seconds INT NOT NULL DEFAULT 0,
  phrases VARBINARY(512) NOT NULL DEFAULT '',
  PRIMARY KEY (kind, item_id),
  KEY insight_items_bucket (day, kind, category_id, product_id, label, item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Theme phrases (RAKE-style candidates, see themes.h) per day x kind x
-- category x product x label: n items of that label mention the phrase;
-- ex1 < ex2 are the two smallest ids of those items, the example quotes.
CREATE TABLE IF NOT EXISTS insight_themes (
  day DATE NOT NULL,
  kind ENUM('post','review','idea') NOT NULL,
  category_id INT UNSIGNED NOT NULL DEFAULT 0,
  product_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
  label TINYINT NOT NULL,
  phrase_hash BIGINT NOT NULL,
  phrase VARCHAR(80) NOT NULL,
  n INT NOT NULL,
  ex1 BIGINT UNSIGNED NOT NULL,
  ex2 BIGINT UNSIGNED NULL,
  PRIMARY KEY (day, kind, category_id, product_id, label, phrase_hash),
  KEY insight_themes_phrase (phrase_hash, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per member per day on which they wrote anything (any status):
-- where the relationship figures come from. first_day is the member's
-- first day of activity, prev_day the one before this (NULL for the first),
-- segment the member's segment at their first write of the day.
CREATE TABLE IF NOT EXISTS insight_activity (
  day DATE NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  segment VARCHAR(40) NOT NULL DEFAULT '',
  first_day DATE NOT NULL,
  prev_day DATE NULL,
  PRIMARY KEY (day, user_id),
  KEY insight_activity_user (user_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
