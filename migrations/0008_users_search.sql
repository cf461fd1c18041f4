-- "My users" search: a substring of username, name or e-mail address. LIKE '%…%' read every
-- user of the account (10,000 in the scale data: ~9 ms a page); a trigram index finds them.
-- Contentless (the users table holds the values); triggers keep it in step with users.
CREATE VIRTUAL TABLE users_search USING fts5(username, name, email, tokenize = 'trigram', content = '', contentless_delete = 1);
--> statement-breakpoint
INSERT INTO users_search (rowid, username, name, email) SELECT id, username_key, first_name || ' ' || last_name, email FROM users;
--> statement-breakpoint
CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
  INSERT INTO users_search (rowid, username, name, email) VALUES (new.id, new.username_key, new.first_name || ' ' || new.last_name, new.email);
END;
--> statement-breakpoint
CREATE TRIGGER users_search_update AFTER UPDATE OF username_key, first_name, last_name, email ON users BEGIN
  DELETE FROM users_search WHERE rowid = old.id;
  INSERT INTO users_search (rowid, username, name, email) VALUES (new.id, new.username_key, new.first_name || ' ' || new.last_name, new.email);
END;
--> statement-breakpoint
CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
  DELETE FROM users_search WHERE rowid = old.id;
END;
