-- Comments on ideas meet the rules when written (core/moderation.c:
-- watched words, links, the text analysis) as posts, reviews and ideas do,
-- so what the rules hold goes to the queue as an item of its own kind
-- (cgi/moderation/items_idea.c), which moderators approve, hide or delete.

ALTER TABLE mod_queue MODIFY target_type ENUM('post','review','idea','idea_comment') NOT NULL;

-- Why a moderator hid or removed a comment (as ideas.mod_note).
ALTER TABLE idea_comments ADD COLUMN IF NOT EXISTS mod_note VARCHAR(500) NULL;

-- The moderation program shows a queued comment with its idea, and
-- changes its status. (The ideas program already reads watched_words and
-- writes mod_queue: 0032.)
GRANT SELECT ON idea_comments TO 'tertulia_moderation'@'%';
GRANT UPDATE (status, mod_note) ON idea_comments TO 'tertulia_moderation'@'%';
