-- The forum program's grants: its own tables, the audit log (append only),
-- and the columns of users it shows.
GRANT SELECT, INSERT, UPDATE ON categories TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT, UPDATE ON threads TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT, UPDATE ON posts TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT ON post_revisions TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT, DELETE ON post_likes TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT ON audit_log TO 'tertulia_forum'@'%';
-- The account program shows a member's recent threads on the profile.
GRANT SELECT (id, category_id, user_id, title, slug, status, reply_count, created_at, last_post_at)
  ON threads TO 'tertulia_account'@'%';
GRANT SELECT (id, slug, name_en, name_es) ON categories TO 'tertulia_account'@'%';
