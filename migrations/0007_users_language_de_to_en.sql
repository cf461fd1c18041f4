-- The portal has no German UI: users who had chosen "Deutsch" read it in English (what their
-- e-mails already used). The form no longer offers it.
UPDATE `users` SET `language` = 'en' WHERE `language` = 'de';
