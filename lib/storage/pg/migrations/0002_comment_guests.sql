-- A message imported from a Word file whose author is not a member keeps their name (author_id stays null).
ALTER TABLE comment_messages ADD COLUMN guest_name text;
