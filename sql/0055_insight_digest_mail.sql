-- The weekly marketing digest by email: the mail sender
-- (tertuliactl mail, cgi/ctl/mail_insights.c) queues the last whole week's
-- digest to each member with the marketing role, once.

-- A new kind of outbox row (added at the end: no table rebuild).
ALTER TABLE outbox MODIFY kind ENUM('notice','digest','reengage','verify','reset','insights') NOT NULL;

-- Which member was sent which week's digest (week_end: its Sunday), written
-- in the transaction that queues the mail: never twice for one week.
CREATE TABLE IF NOT EXISTS insight_digest_mails (
  user_id BIGINT UNSIGNED NOT NULL,
  week_end DATE NOT NULL,
  queued_at DATETIME NOT NULL,
  PRIMARY KEY (user_id, week_end),
  CONSTRAINT insight_digest_mails_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The sender finds the marketing members and reads what the digest page
-- reads (cgi/services/insight_read.c, insight_digest): the rollups, product
-- names and the week's votes; threads, posts, reviews, ideas and
-- categories it reads already (0041).
GRANT SELECT (roles) ON users TO 'tertulia_mail'@'%';
GRANT SELECT, INSERT ON insight_digest_mails TO 'tertulia_mail'@'%';
GRANT SELECT ON insight_daily TO 'tertulia_mail'@'%';
GRANT SELECT ON insight_daily_all TO 'tertulia_mail'@'%';
GRANT SELECT ON insight_themes TO 'tertulia_mail'@'%';
GRANT SELECT ON insight_themes_all TO 'tertulia_mail'@'%';
GRANT SELECT ON idea_votes TO 'tertulia_mail'@'%';
