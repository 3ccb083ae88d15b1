-- What the ideas program reads of the reviews area (0011): products, and
-- which members bought which product. Orders name buyers by email, which
-- only the account program may read, so the ideas program is granted the
-- reviews area's definer's-rights view review_purchases ((user_id,
-- product_id) pairs), never orders or emails.
GRANT SELECT (id, sku, name, active) ON products TO 'tertulia_ideas'@'%';
GRANT SELECT ON review_purchases TO 'tertulia_ideas'@'%';
