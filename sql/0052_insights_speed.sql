-- What keeps the insight pages fast on a large community (measured on
-- 500,000 posts, 100,000 reviews and 10,000 ideas over a year): two more
-- rollups and a few indexes. Written to be run again after an interrupted
-- run (on a large database the indexes take a while).

-- Theme phrases per day and label over the whole community, without the
-- kind, category and product of insight_themes (whose rows this sums): the
-- unfiltered pages rank phrases from a few thousand rows a month instead
-- of hundreds of thousands.
CREATE TABLE IF NOT EXISTS insight_themes_all (
  day DATE NOT NULL,
  label TINYINT NOT NULL,
  phrase_hash BIGINT NOT NULL,
  phrase VARCHAR(80) NOT NULL,
  n INT NOT NULL,
  PRIMARY KEY (day, label, phrase_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A category's or product's themes, and a phrase's examples.
ALTER TABLE insight_themes
  ADD KEY IF NOT EXISTS insight_themes_category (category_id, day),
  ADD KEY IF NOT EXISTS insight_themes_product (product_id, day),
  ADD KEY IF NOT EXISTS insight_themes_examples (phrase_hash, label, day);
ALTER TABLE insight_themes DROP KEY IF EXISTS insight_themes_phrase;

-- Member-days of activity by the gap since the member's previous day of
-- activity (0: their first day ever). A member active in a period has
-- exactly one day in it whose previous day is before the period (or none):
-- so the members active in a period, new, returning and back after a
-- dormant gap are sums over these rows, never a count of distinct members.
CREATE TABLE IF NOT EXISTS insight_gaps (
  day DATE NOT NULL,
  segment VARCHAR(40) NOT NULL DEFAULT '',
  gap INT NOT NULL,
  n INT NOT NULL,
  PRIMARY KEY (day, segment, gap)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The unhappy reviews of a period (recovery), and the idea pipeline.
ALTER TABLE reviews ADD KEY IF NOT EXISTS reviews_unhappy (rating, created_at);
ALTER TABLE ideas ADD KEY IF NOT EXISTS ideas_pipeline (status, merged_into_id, stage);

GRANT SELECT ON insight_themes_all TO 'tertulia_insights'@'%';
GRANT SELECT ON insight_gaps TO 'tertulia_insights'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_themes_all TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_themes_all TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_themes_all TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_themes_all TO 'tertulia_moderation'@'%';
GRANT SELECT, INSERT, UPDATE ON insight_gaps TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT, UPDATE ON insight_gaps TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT, UPDATE ON insight_gaps TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT, UPDATE ON insight_gaps TO 'tertulia_moderation'@'%';
