-- The ideas program's grants on its own tables (0021). No DELETE on ideas,
-- comments or status changes: deleting is soft, history is kept. Votes are
-- rows a member adds and takes back.
GRANT SELECT, INSERT, UPDATE ON ideas TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT, DELETE ON idea_votes TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT, UPDATE ON idea_comments TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT ON idea_status_changes TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT, UPDATE ON idea_vote_locks TO 'tertulia_ideas'@'%';
-- An idea may name one of the forum's categories.
GRANT SELECT (id, slug, name_en, name_es, position) ON categories TO 'tertulia_ideas'@'%';

-- The forum shows trending ideas on the home page and searches ideas.
GRANT SELECT ON ideas TO 'tertulia_forum'@'%';
GRANT SELECT ON idea_votes TO 'tertulia_forum'@'%';
