-- insight_daily summed over the category and the product: the unfiltered
-- insight pages read a few rows a day instead of one per product and
-- category. Kept with insight_daily on every write, and rebuilt from it.
CREATE TABLE IF NOT EXISTS insight_daily_all (
  day DATE NOT NULL,
  kind ENUM('post','review','idea') NOT NULL,
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
  PRIMARY KEY (day, kind, segment)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

GRANT SELECT ON insight_daily_all TO 'tertulia_insights'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_daily_all TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_daily_all TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_daily_all TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_daily_all TO 'tertulia_moderation'@'%';

-- The unhappy reviews of a period, read from the index alone (the
-- recovery figure): rating and day first, then what the figure filters by
-- and averages.
ALTER TABLE reviews
  ADD KEY IF NOT EXISTS reviews_unhappy_cover (rating, created_at, status, product_id, segment,
                                               sentiment_score),
  DROP KEY IF EXISTS reviews_unhappy;

-- The digest's check that a negative theme is new: a few phrases over the
-- four weeks before.
ALTER TABLE insight_themes_all ADD KEY IF NOT EXISTS insight_themes_all_phrase (phrase_hash, label, day);
