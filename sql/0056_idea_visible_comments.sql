-- An idea's comment count as people see it. ideas.comment_count is the
-- positions handed out (the pages of comments are cut by position, as a
-- thread's by posts.position), so it also counts comments held for review,
-- hidden or deleted; lists and the idea page showed that number. The
-- visible count is kept like threads.reply_count: +1 when a comment is
-- written visible, +/-1 when moderation changes its status, moved whole by
-- a merge.
ALTER TABLE ideas ADD COLUMN IF NOT EXISTS visible_comment_count INT UNSIGNED NOT NULL DEFAULT 0
  AFTER comment_count;
UPDATE ideas i SET visible_comment_count =
  (SELECT COUNT(*) FROM idea_comments c WHERE c.idea_id = i.id AND c.status = 'visible');
GRANT UPDATE (visible_comment_count) ON ideas TO 'tertulia_moderation'@'%';
