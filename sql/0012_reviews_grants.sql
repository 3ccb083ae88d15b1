-- The reviews program's grants on its own tables (its account and base
-- grants are in 0010). It never reads users.email: purchases and invitation
-- addresses are checked through the definer's-rights views of 0011 and 0060.
-- (This file granted EXECUTE on the function 0011 made; neither is made any
-- more, and 0060 drops the function, with its grant, where it was.)
GRANT SELECT, INSERT, UPDATE ON products TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT, UPDATE ON product_ratings TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT, UPDATE ON reviews TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT ON review_revisions TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT, UPDATE ON review_votes TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT, UPDATE ON review_responses TO 'tertulia_reviews'@'%';
-- Orders come in through POST /api/orders; the buyers' addresses are
-- written, never read back.
GRANT INSERT, UPDATE ON orders TO 'tertulia_reviews'@'%';
GRANT SELECT (id, order_id, product_id, ordered_on, source, created_at, updated_at)
  ON orders TO 'tertulia_reviews'@'%';
GRANT SELECT (id, name, key_hash, revoked_at) ON api_keys TO 'tertulia_reviews'@'%';
GRANT UPDATE (last_used_at) ON api_keys TO 'tertulia_reviews'@'%';
GRANT SELECT ON review_purchases TO 'tertulia_reviews'@'%';

-- The forum's home page lists the top-rated products, and search finds
-- reviews (title and body) and filters by product.
GRANT SELECT ON products TO 'tertulia_forum'@'%';
GRANT SELECT ON product_ratings TO 'tertulia_forum'@'%';
GRANT SELECT ON reviews TO 'tertulia_forum'@'%';
