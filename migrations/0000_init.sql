CREATE TABLE `contact_details` (
	`customer_id` integer PRIMARY KEY NOT NULL,
	`email` text,
	`phone` text,
	`national_register_number` text,
	`offer_channel` text DEFAULT 'email' NOT NULL,
	`einvoice_channel` text DEFAULT 'paper' NOT NULL,
	`einvoice_email` text,
	`zoomit_iban` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `contracts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_number` text NOT NULL,
	`customer_id` integer NOT NULL,
	`site_id` integer,
	`service` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contracts_contract_number_unique` ON `contracts` (`contract_number`);--> statement-breakpoint
CREATE INDEX `contracts_customer_idx` ON `contracts` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_number` text NOT NULL,
	`name` text NOT NULL,
	`vat_number` text,
	`billing_street` text NOT NULL,
	`billing_postcode` text NOT NULL,
	`billing_city` text NOT NULL,
	`parent_id` integer,
	`syndic_id` integer,
	`language` text DEFAULT 'nl' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`syndic_id`) REFERENCES `syndics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_customer_number_unique` ON `customers` (`customer_number`);--> statement-breakpoint
CREATE INDEX `customers_parent_idx` ON `customers` (`parent_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`contract_id` integer NOT NULL,
	`article` text NOT NULL,
	`quantity` integer NOT NULL,
	`address` text NOT NULL,
	`created_at` integer NOT NULL,
	`delivery_date` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orders_customer_created_idx` ON `orders` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`name` text NOT NULL,
	`street` text NOT NULL,
	`postcode` text NOT NULL,
	`city` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sites_customer_idx` ON `sites` (`customer_id`);--> statement-breakpoint
CREATE TABLE `syndics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text
);
--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`customer_id` integer,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_customer_at_idx` ON `audit_events` (`customer_id`,`at`);--> statement-breakpoint
CREATE TABLE `outbox_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`dedupe_key` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_messages_dedupe_key_unique` ON `outbox_messages` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox_messages` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `terms_acceptances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`terms_version_id` integer NOT NULL,
	`accepted_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`terms_version_id`) REFERENCES `terms_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `terms_acceptance_once` ON `terms_acceptances` (`customer_id`,`terms_version_id`);--> statement-breakpoint
CREATE TABLE `terms_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` text NOT NULL,
	`published_at` integer NOT NULL,
	`body_nl` text NOT NULL,
	`body_fr` text NOT NULL,
	`body_en` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `terms_versions_version_unique` ON `terms_versions` (`version`);