ALTER TABLE `applications` ADD `included` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `applications` ADD `url` text;--> statement-breakpoint
UPDATE `applications` SET `included` = 1 WHERE `code` IN ('documents', 'billing', 'access');--> statement-breakpoint
UPDATE `applications` SET `url` = 'https://' || replace(`code`, '_', '-') || '.example.be/' WHERE `kind` = 'postal' AND `url` IS NULL;
