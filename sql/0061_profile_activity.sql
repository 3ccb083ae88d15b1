-- The profile (account program) shows a member's recent threads and
-- replies as the reader may see them, which reads a thread's moderator's
-- note, and counts the replies of theirs that were marked as a thread's
-- solution.
GRANT SELECT (solved_post_id, mod_note) ON threads TO 'tertulia_account'@'%';
