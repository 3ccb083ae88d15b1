-- Who may start threads in a category (base/policy.c,
-- policy_can_start_thread): every member, or only the company's people
-- (staff, moderators, admins), as in an announcements category. Replies
-- are not concerned: anyone may reply unless the thread is locked.
ALTER TABLE categories ADD COLUMN IF NOT EXISTS
  thread_starters ENUM('members','staff') NOT NULL DEFAULT 'members' AFTER position;
