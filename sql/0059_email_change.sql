-- A change of email address waits for its confirmation. POST /settings
-- with a new address (and the current password) stores it in
-- users.email_pending and queues two mails: a link to the new address
-- (outbox kind 'change', account_tokens purpose 'change', single use, a
-- day), and a notice to the old one ('change_note'). users.email, where
-- password resets go, changes only when the link is followed; a password
-- change or reset cancels a pending change.

ALTER TABLE users ADD COLUMN IF NOT EXISTS email_pending VARCHAR(254) NULL AFTER email_verified_at;

-- new values at the end of each list: no table rebuild
ALTER TABLE account_tokens MODIFY purpose ENUM('reset','verify','change') NOT NULL;
ALTER TABLE outbox MODIFY kind ENUM('notice','digest','reengage','verify','reset','insights',
                                    'change','change_note') NOT NULL;

-- the mail sender checks, when it writes the link, that the address is
-- still the one waiting
GRANT SELECT (email_pending) ON users TO 'tertulia_mail'@'%';
