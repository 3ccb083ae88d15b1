-- Whether a member has an address, for the review invitation (the link
-- names the address it was sent to: cgi/reviews/invite.c), without letting
-- the reviews program read addresses. 0011 made this a stored function of
-- definer's rights; with the binary log on, creating a function needs SUPER,
-- which an account on a shared server does not have, so it is a view of
-- definer's rights instead. It shows each member's address only as a hash
-- salted with the member's id (SHA-256 of "id:address", lowercased as the
-- column's collation compares): the program asks for the row of its member
-- and the hash of the link's address, and learns yes or no.
DROP FUNCTION IF EXISTS review_member_email_is;
CREATE OR REPLACE SQL SECURITY DEFINER VIEW review_member_emails AS
  SELECT id AS user_id, SHA2(CONCAT(id, ':', LOWER(email)), 256) AS email_hash
  FROM users;
GRANT SELECT ON review_member_emails TO 'tertulia_reviews'@'%';
