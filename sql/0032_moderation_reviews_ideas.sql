-- Moderation of reviews and ideas (cgi/moderation/items_review.c and
-- items_idea.c): what the moderation program reads and changes of the
-- reviews and ideas areas' tables, and what those programs need to apply
-- the rules when content is written (core/moderation.c: watched words, the
-- first-posts and links rules) and to queue what the rules hold.

-- Why a moderator hid or removed an idea: its author is shown this (as
-- posts.mod_note and reviews.mod_note).
ALTER TABLE ideas ADD COLUMN IF NOT EXISTS mod_note VARCHAR(500) NULL;

-- Reviews change status, and are edited, through core/reviews_store.c: the
-- review row, its revision, the product's rating summary, and whether its
-- author bought the product (the definer's-rights view of 0011).
GRANT SELECT ON reviews TO 'tertulia_moderation'@'%';
GRANT UPDATE (status, mod_note, rating, title, body, html, pros, cons, verified, edited_at)
  ON reviews TO 'tertulia_moderation'@'%';
GRANT SELECT, INSERT ON review_revisions TO 'tertulia_moderation'@'%';
GRANT SELECT, UPDATE ON product_ratings TO 'tertulia_moderation'@'%';
GRANT SELECT (id, sku, name, active) ON products TO 'tertulia_moderation'@'%';
GRANT SELECT ON review_purchases TO 'tertulia_moderation'@'%';
GRANT SELECT ON ideas TO 'tertulia_moderation'@'%';
GRANT UPDATE (status, mod_note) ON ideas TO 'tertulia_moderation'@'%';

-- The reviews and ideas programs check new content against the rules and
-- queue what they hold, as the forum does (0031).
GRANT SELECT ON watched_words TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT, UPDATE ON mod_queue TO 'tertulia_reviews'@'%';
GRANT SELECT ON watched_words TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT, UPDATE ON mod_queue TO 'tertulia_ideas'@'%';
