-- Members' names may hold letters of other alphabets and spaces
-- (base/username.h). A mention writes a name's space as '_' ("@María_López"),
-- so a space and an underscore must not tell two members apart: the key is
-- the name with each '_' a space, unique as the column's collation compares
-- (without case or accents). The profile, the mentions and the registration
-- look names up by it.
ALTER TABLE users ADD COLUMN IF NOT EXISTS
  username_key VARCHAR(30) AS (REPLACE(username, '_', ' ')) PERSISTENT AFTER username;
ALTER TABLE users ADD UNIQUE KEY IF NOT EXISTS users_username_key (username_key);
-- The programs that write what may mention someone resolve the names.
GRANT SELECT (username_key) ON users TO 'tertulia_forum'@'%';
GRANT SELECT (username_key) ON users TO 'tertulia_ideas'@'%';
GRANT SELECT (username_key) ON users TO 'tertulia_reviews'@'%';
GRANT SELECT (username_key) ON users TO 'tertulia_moderation'@'%';
