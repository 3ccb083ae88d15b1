-- Following, notifications and email: what members follow, what they are
-- told in the site and by email, and the mail waiting to go out. The
-- grants are in 0041.
--
-- A notification names what it is about (a post, an idea, a comment, a
-- review) and never copies its text: titles and excerpts are read when the
-- notification is shown or mailed, with the item's visibility checked then,
-- so that content a moderator hides later never reaches anyone.

-- One follow model: a member follows a category, a thread, a product, an
-- idea or another member at one of three levels. mute: nothing from it;
-- normal: mentions and replies to me (and, for an idea, its status
-- changes; for a member, their new threads); watch: every new post. The
-- most specific row decides: a thread's row overrides its category's.
-- auto = 1: made by authorship (authors watch their own threads and ideas).
CREATE TABLE IF NOT EXISTS follows (
  user_id BIGINT UNSIGNED NOT NULL,
  target_type ENUM('category','thread','product','idea','user') NOT NULL,
  target_id BIGINT UNSIGNED NOT NULL,
  level ENUM('mute','normal','watch') NOT NULL,
  auto TINYINT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (user_id, target_type, target_id),
  KEY follows_target (target_type, target_id, level),
  CONSTRAINT follows_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- What a member is told. group_key gathers notifications shown as one line
-- ("3 new replies in ..."): kind and the thread, idea or product. The
-- header's unread count reads notifications_unread.
CREATE TABLE IF NOT EXISTS notifications (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  recipient_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('mention','reply','post','thread','comment','review','idea_status',
            'review_response','moderation') NOT NULL,
  actor_id BIGINT UNSIGNED NULL,
  target_type ENUM('post','idea','idea_comment','review') NOT NULL,
  target_id BIGINT UNSIGNED NOT NULL,
  ref_id BIGINT UNSIGNED NULL,             -- idea_status: its idea_status_changes row
  verb VARCHAR(20) NOT NULL DEFAULT '',    -- idea_status: the new stage; moderation: the action
  detail VARCHAR(500) NOT NULL DEFAULT '', -- moderation: the moderator's reason
  group_key VARCHAR(80) NOT NULL,
  created_at DATETIME NOT NULL,
  read_at DATETIME NULL,
  emailed_at DATETIME NULL,                -- sent alone or in a digest
  KEY notifications_unread (recipient_id, read_at),
  KEY notifications_recent (recipient_id, created_at),
  KEY notifications_group (recipient_id, group_key, read_at),
  CONSTRAINT notifications_recipient_fk FOREIGN KEY (recipient_id) REFERENCES users (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- How each member wants email. No row: immediate. lang is the language the
-- member last used the site in, for mail when users.lang is automatic.
-- Digests cover the unread notifications since digest_since and are due at
-- next_digest_at.
CREATE TABLE IF NOT EXISTS email_prefs (
  user_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  mode ENUM('immediate','daily','weekly','none') NOT NULL DEFAULT 'immediate',
  lang CHAR(2) NOT NULL DEFAULT '',
  digest_since DATETIME NULL,
  next_digest_at DATETIME NULL,
  updated_at DATETIME NOT NULL,
  KEY email_prefs_due (mode, next_digest_at),
  CONSTRAINT email_prefs_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Mail waiting to go out, written in the same transaction as the event it
-- tells about. A row says what to send and to whom; the sender
-- (tertuliactl mail) writes the message when it sends it, in the member's
-- language, checking then that the content is still visible and still
-- wanted (so no secret or hidden text ever sits here: a password reset's
-- token is made at sending time and only its hash is kept).
--   notice   one notification (notification_id), for members on "immediate"
--   digest   the unread notifications of [window_start, window_end)
--   reengage what a dormant member missed since window_start
--   verify   the address check after registration or a change of address
--   reset    a password reset asked for `email` (user_id NULL: the sender
--            finds the account, or drops the row when there is none)
-- Sending: a sender claims a row with a conditional UPDATE (queued -> sending,
-- locked_until in the future), sends it, and marks it sent; a failure puts it
-- back with next_attempt_at pushed out (exponential back-off) until
-- smtp.give_up_hours, and a refused address fails it for good. message_key
-- makes the Message-ID: a retry is the same message.
CREATE TABLE IF NOT EXISTS outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('notice','digest','reengage','verify','reset') NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  email VARCHAR(254) NULL,
  lang CHAR(2) NOT NULL DEFAULT '',
  notification_id BIGINT UNSIGNED NULL,
  window_start DATETIME NULL,
  window_end DATETIME NULL,
  message_key CHAR(32) NOT NULL,
  status ENUM('queued','sending','sent','failed','dropped') NOT NULL DEFAULT 'queued',
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at DATETIME NOT NULL,
  locked_until DATETIME NULL,
  created_at DATETIME NOT NULL,
  sent_at DATETIME NULL,
  recipient VARCHAR(254) NULL,             -- the address it went to
  subject VARCHAR(300) NULL,               -- as sent
  last_error VARCHAR(300) NOT NULL DEFAULT '',
  UNIQUE KEY outbox_message (message_key),
  KEY outbox_due (status, next_attempt_at),
  KEY outbox_user (user_id, kind, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Registrations through a member's invitation link (the "referral" figure).
CREATE TABLE IF NOT EXISTS invitations (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  inviter_id BIGINT UNSIGNED NOT NULL,
  invitee_id BIGINT UNSIGNED NOT NULL,
  accepted_at DATETIME NOT NULL,
  UNIQUE KEY invitations_invitee (invitee_id),
  KEY invitations_inviter (inviter_id, accepted_at),
  KEY invitations_accepted (accepted_at),
  CONSTRAINT invitations_inviter_fk FOREIGN KEY (inviter_id) REFERENCES users (id),
  CONSTRAINT invitations_invitee_fk FOREIGN KEY (invitee_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Re-engagement digests (the "reactivation" figure): one per dormancy.
-- dormant_since is the member's last activity when it was queued; a member
-- who comes back after queued_at was reactivated.
CREATE TABLE IF NOT EXISTS reengagements (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  dormant_since DATETIME NOT NULL,
  days INT UNSIGNED NOT NULL,
  queued_at DATETIME NOT NULL,
  UNIQUE KEY reengagements_once (user_id, dormant_since),
  KEY reengagements_queued (queued_at),
  CONSTRAINT reengagements_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
