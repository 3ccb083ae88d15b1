-- Grants for following, notifications and email (0040).
--
-- Every program shows the unread count in the page header: one COUNT on
-- notifications (recipient_id, read_at).
-- The programs that write events (forum: posts; ideas: comments and status
-- changes; reviews: new reviews and staff responses; moderation: outcomes
-- and approved posts) write the notifications and the outbox rows in the
-- event's own transaction: they read follows, email preferences and whether
-- an address is verified, never the address itself.
-- The account program owns the pages: /notifications, /follow, email
-- settings, password reset, address checks, /invite and /unsubscribe.
-- The mail sender (tertuliactl mail) connects as tertulia_mail: it is the
-- one that reads addresses to send to and the content it writes about.

GRANT SELECT (recipient_id, read_at) ON notifications TO 'tertulia_forum'@'%';
GRANT SELECT (recipient_id, read_at) ON notifications TO 'tertulia_reviews'@'%';
GRANT SELECT (recipient_id, read_at) ON notifications TO 'tertulia_ideas'@'%';
GRANT SELECT (recipient_id, read_at) ON notifications TO 'tertulia_moderation'@'%';

-- writers of events
GRANT SELECT (email_verified_at) ON users TO 'tertulia_forum'@'%';
GRANT SELECT, INSERT ON follows TO 'tertulia_forum'@'%';
GRANT INSERT ON notifications TO 'tertulia_forum'@'%';
GRANT SELECT ON email_prefs TO 'tertulia_forum'@'%';
GRANT INSERT ON outbox TO 'tertulia_forum'@'%';

GRANT SELECT (email_verified_at) ON users TO 'tertulia_ideas'@'%';
GRANT SELECT, INSERT ON follows TO 'tertulia_ideas'@'%';
GRANT INSERT ON notifications TO 'tertulia_ideas'@'%';
GRANT SELECT ON email_prefs TO 'tertulia_ideas'@'%';
GRANT INSERT ON outbox TO 'tertulia_ideas'@'%';

GRANT SELECT (email_verified_at) ON users TO 'tertulia_reviews'@'%';
GRANT SELECT, INSERT ON follows TO 'tertulia_reviews'@'%';
GRANT INSERT ON notifications TO 'tertulia_reviews'@'%';
GRANT SELECT ON email_prefs TO 'tertulia_reviews'@'%';
GRANT INSERT ON outbox TO 'tertulia_reviews'@'%';

GRANT SELECT (email_verified_at) ON users TO 'tertulia_moderation'@'%';
GRANT SELECT ON follows TO 'tertulia_moderation'@'%';
GRANT INSERT ON notifications TO 'tertulia_moderation'@'%';
GRANT SELECT ON email_prefs TO 'tertulia_moderation'@'%';
GRANT INSERT ON outbox TO 'tertulia_moderation'@'%';

-- the account program: the pages, and the public content a notification
-- names (to show its title and check that it is still visible)
GRANT SELECT, INSERT, UPDATE, DELETE ON follows TO 'tertulia_account'@'%';
GRANT SELECT, UPDATE (read_at) ON notifications TO 'tertulia_account'@'%';
GRANT SELECT, INSERT, UPDATE ON email_prefs TO 'tertulia_account'@'%';
GRANT INSERT ON outbox TO 'tertulia_account'@'%';
GRANT SELECT (id, user_id, kind, status, created_at) ON outbox TO 'tertulia_account'@'%';
GRANT SELECT, INSERT ON invitations TO 'tertulia_account'@'%';
GRANT SELECT ON posts TO 'tertulia_account'@'%';
GRANT SELECT ON ideas TO 'tertulia_account'@'%';
GRANT SELECT ON idea_comments TO 'tertulia_account'@'%';
GRANT SELECT ON reviews TO 'tertulia_account'@'%';
GRANT SELECT (id, sku, name, active) ON products TO 'tertulia_account'@'%';

-- the mail sender
CREATE USER IF NOT EXISTS 'tertulia_mail'@'%';
GRANT SELECT (id, username, email, lang, email_verified_at, suspended_until, created_at,
              last_seen_at) ON users TO 'tertulia_mail'@'%';
GRANT SELECT (user_id, last_seen_at) ON sessions TO 'tertulia_mail'@'%';
GRANT SELECT ON meta TO 'tertulia_mail'@'%';
GRANT SELECT, INSERT, UPDATE ON outbox TO 'tertulia_mail'@'%';
GRANT SELECT, INSERT, UPDATE ON email_prefs TO 'tertulia_mail'@'%';
GRANT SELECT, UPDATE (emailed_at) ON notifications TO 'tertulia_mail'@'%';
GRANT SELECT ON follows TO 'tertulia_mail'@'%';
GRANT SELECT, INSERT, UPDATE ON account_tokens TO 'tertulia_mail'@'%';
GRANT SELECT, INSERT ON reengagements TO 'tertulia_mail'@'%';
GRANT SELECT ON categories TO 'tertulia_mail'@'%';
GRANT SELECT ON threads TO 'tertulia_mail'@'%';
GRANT SELECT ON posts TO 'tertulia_mail'@'%';
GRANT SELECT ON ideas TO 'tertulia_mail'@'%';
GRANT SELECT ON idea_comments TO 'tertulia_mail'@'%';
GRANT SELECT ON idea_status_changes TO 'tertulia_mail'@'%';
GRANT SELECT ON reviews TO 'tertulia_mail'@'%';
GRANT SELECT ON review_responses TO 'tertulia_mail'@'%';
GRANT SELECT (id, sku, name, active) ON products TO 'tertulia_mail'@'%';
