-- Idea votes per member segment on the insight pages.
--
-- A vote keeps the segment its voter had when voting, as posts, reviews
-- and ideas keep their author's (0050): a member who changes segment later
-- does not rewrite what their segment did. Votes cast before this
-- migration get the voter's segment of today, the best that is known.
ALTER TABLE idea_votes ADD COLUMN IF NOT EXISTS segment VARCHAR(40) NOT NULL DEFAULT '';
UPDATE idea_votes v JOIN users u ON u.id = v.user_id SET v.segment = u.segment;

-- The period's votes by idea (the top ideas, and the segment filter) from
-- the index alone; an idea's votes by day and segment (its breakdown, and
-- moving them when the idea stops or starts to count).
ALTER TABLE idea_votes
  DROP KEY IF EXISTS idea_votes_recent,
  ADD KEY idea_votes_recent (created_at, idea_id, segment),
  ADD KEY IF NOT EXISTS idea_votes_idea_day (idea_id, created_at, segment);

-- Votes per day (of the vote, UTC) x the idea's forum category x its
-- product x the voter's segment, over the ideas that count in insight_items
-- (visible ones): kept in the vote's transaction and when an idea is
-- hidden, restored or merged (cgi/services/rollup_votes.c), rebuilt by
-- `tertuliactl rollup`. A row whose votes fall to 0 is deleted.
CREATE TABLE IF NOT EXISTS insight_votes (
  day DATE NOT NULL,
  category_id INT UNSIGNED NOT NULL DEFAULT 0,
  product_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
  segment VARCHAR(40) NOT NULL DEFAULT '',
  votes INT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, category_id, product_id, segment),
  KEY insight_votes_category (category_id, day),
  KEY insight_votes_product (product_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The same summed over category and product: the unfiltered pages read a
-- few rows a day.
CREATE TABLE IF NOT EXISTS insight_votes_all (
  day DATE NOT NULL,
  segment VARCHAR(40) NOT NULL DEFAULT '',
  votes INT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, segment)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Fill them once from the votes there are (the rebuild does the same).
INSERT INTO insight_votes (day, category_id, product_id, segment, votes)
  SELECT DATE(v.created_at), it.category_id, it.product_id, v.segment, COUNT(*)
  FROM idea_votes v JOIN insight_items it ON it.kind = 'idea' AND it.item_id = v.idea_id
  GROUP BY DATE(v.created_at), it.category_id, it.product_id, v.segment
  ON DUPLICATE KEY UPDATE votes = VALUES(votes);
INSERT INTO insight_votes_all (day, segment, votes)
  SELECT day, segment, SUM(votes) FROM insight_votes GROUP BY day, segment
  ON DUPLICATE KEY UPDATE votes = VALUES(votes);

GRANT SELECT ON insight_votes TO 'tertulia_insights'@'%';
GRANT SELECT ON insight_votes_all TO 'tertulia_insights'@'%';
-- the ideas program votes and merges; moderators hide and restore ideas,
-- which moves their votes in or out
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_votes TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_votes_all TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_votes TO 'tertulia_moderation'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_votes_all TO 'tertulia_moderation'@'%';
GRANT SELECT ON idea_votes TO 'tertulia_moderation'@'%';
