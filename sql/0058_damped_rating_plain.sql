-- product_ratings.damped_rating (0057) becomes a plain column, kept by the
-- statement that moves a product's summary (cgi/reviews/reviews_store.c) and
-- by `tertuliactl generate`. As a stored generated column it met a MariaDB
-- 10.11 bug: CHECKSUM TABLE ... EXTENDED reads a stored generated column
-- without marking it read (MDEV-22943), so the same rows gave a different
-- checksum from one run to the next, and the backup round trip, which
-- compares checksums, could no longer tell that a restore was exact.
ALTER TABLE product_ratings DROP INDEX IF EXISTS product_ratings_damped, DROP COLUMN IF EXISTS damped_rating;
ALTER TABLE product_ratings
  ADD COLUMN IF NOT EXISTS damped_rating DECIMAL(12, 6) NOT NULL DEFAULT 3.000000,
  ADD INDEX IF NOT EXISTS product_ratings_damped (damped_rating, review_count);
UPDATE product_ratings SET damped_rating = (rating_sum + 6) / (review_count + 2);
