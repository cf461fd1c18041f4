CREATE TABLE `maintenance_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`severity` text NOT NULL,
	`read_only` integer DEFAULT false NOT NULL,
	`text_nl` text NOT NULL,
	`text_fr` text NOT NULL,
	`text_en` text NOT NULL,
	`published_by` text NOT NULL,
	`published_at` integer NOT NULL,
	`cancelled_at` integer
);
--> statement-breakpoint
CREATE INDEX `maintenance_notices_ends_idx` ON `maintenance_notices` (`ends_at`);--> statement-breakpoint
CREATE TABLE `person_accounts` (
	`person_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`provider` text NOT NULL,
	`linked_at` integer NOT NULL,
	PRIMARY KEY(`person_id`, `customer_id`),
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_accounts_customer_idx` ON `person_accounts` (`customer_id`);--> statement-breakpoint
CREATE TABLE `persons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`national_number` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `persons_national_number_unique` ON `persons` (`national_number`);--> statement-breakpoint
ALTER TABLE `terms_versions` ADD `effective_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `terms_versions` ADD `published_by` text;--> statement-breakpoint
UPDATE `terms_versions` SET `effective_at` = `published_at`;