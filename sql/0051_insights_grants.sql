-- The insights program only reads: its account gets SELECT on
-- the rollups and on the few tables its pages look up by key or by a short
-- indexed range, and nothing else but the session touch every program
-- makes. The programs that write content keep the rollups (0050) in their
-- own transactions.

CREATE USER IF NOT EXISTS 'tertulia_insights'@'%';
GRANT SELECT (id, username, lang, roles, bio, silenced_until, suspended_until,
              created_at, last_seen_at, segment) ON users TO 'tertulia_insights'@'%';
GRANT SELECT ON sessions TO 'tertulia_insights'@'%';
GRANT UPDATE (last_seen_at) ON sessions TO 'tertulia_insights'@'%';
GRANT SELECT ON meta TO 'tertulia_insights'@'%';
GRANT SELECT ON insight_daily TO 'tertulia_insights'@'%';
GRANT SELECT ON insight_themes TO 'tertulia_insights'@'%';
GRANT SELECT ON insight_activity TO 'tertulia_insights'@'%';
-- names, example quotes, unanswered threads, the idea pipeline, recovery
GRANT SELECT (id, slug, name_en, name_es, position) ON categories TO 'tertulia_insights'@'%';
GRANT SELECT (id, sku, name, category, active) ON products TO 'tertulia_insights'@'%';
GRANT SELECT ON threads TO 'tertulia_insights'@'%';
GRANT SELECT ON posts TO 'tertulia_insights'@'%';
GRANT SELECT ON reviews TO 'tertulia_insights'@'%';
GRANT SELECT ON review_responses TO 'tertulia_insights'@'%';
GRANT SELECT ON ideas TO 'tertulia_insights'@'%';
GRANT SELECT ON idea_votes TO 'tertulia_insights'@'%';
-- the moderation summary
GRANT SELECT ON flags TO 'tertulia_insights'@'%';
GRANT SELECT ON mod_queue TO 'tertulia_insights'@'%';
GRANT SELECT ON audit_log TO 'tertulia_insights'@'%';
-- the referral figure: registrations through invitations (0040)
GRANT SELECT ON invitations TO 'tertulia_insights'@'%';

-- Writers: each keeps the rollups of what it writes, and reads the
-- author's segment and the flags of the item.
GRANT SELECT (segment) ON users TO 'tertulia_forum'@'%';
GRANT SELECT (segment) ON users TO 'tertulia_reviews'@'%';
GRANT SELECT (segment) ON users TO 'tertulia_ideas'@'%';
GRANT SELECT (segment) ON users TO 'tertulia_moderation'@'%';
GRANT SELECT ON flags TO 'tertulia_reviews'@'%';
GRANT SELECT ON flags TO 'tertulia_ideas'@'%';
-- theme phrases are split at the forum's search stopwords (0003)
GRANT SELECT ON ft_stopwords TO 'tertulia_forum'@'%';
GRANT SELECT ON ft_stopwords TO 'tertulia_reviews'@'%';
GRANT SELECT ON ft_stopwords TO 'tertulia_ideas'@'%';
GRANT SELECT ON ft_stopwords TO 'tertulia_moderation'@'%';
-- moderators hide, restore and edit reviews and ideas too: the item is
-- read and scored again
GRANT SELECT ON reviews TO 'tertulia_moderation'@'%';
GRANT SELECT ON ideas TO 'tertulia_moderation'@'%';
GRANT UPDATE (sentiment_score, sentiment_label, lang) ON reviews TO 'tertulia_moderation'@'%';
GRANT UPDATE (sentiment_score, sentiment_label, lang) ON ideas TO 'tertulia_moderation'@'%';

GRANT SELECT, INSERT, UPDATE, DELETE ON insight_daily TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_items TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_themes TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT ON insight_activity TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_daily TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_items TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_themes TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT ON insight_activity TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_daily TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_items TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_themes TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT ON insight_activity TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_daily TO 'tertulia_moderation'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_items TO 'tertulia_moderation'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON insight_themes TO 'tertulia_moderation'@'%';
GRANT SELECT, INSERT ON insight_activity TO 'tertulia_moderation'@'%';
