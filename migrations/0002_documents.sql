CREATE TABLE `billing_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`number` text NOT NULL,
	`name` text NOT NULL,
	`street` text NOT NULL,
	`postcode` text NOT NULL,
	`city` text NOT NULL,
	`payment_method` text DEFAULT 'transfer' NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_accounts_number_unique` ON `billing_accounts` (`number`);--> statement-breakpoint
CREATE INDEX `billing_accounts_customer_idx` ON `billing_accounts` (`customer_id`);--> statement-breakpoint
CREATE TABLE `collection_days` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_id` integer NOT NULL,
	`date` text NOT NULL,
	`fraction` text NOT NULL,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `collection_days_contract_idx` ON `collection_days` (`contract_id`,`date`);--> statement-breakpoint
CREATE TABLE `direct_debit_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`billing_account_id` integer NOT NULL,
	`iban` text NOT NULL,
	`holder` text NOT NULL,
	`actor` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`billing_account_id`) REFERENCES `billing_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `document_contests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`reason` text NOT NULL,
	`actor` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_contests_once` ON `document_contests` (`document_id`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`site_id` integer,
	`contract_id` integer,
	`billing_account_id` integer,
	`kind` text NOT NULL,
	`reference` text NOT NULL,
	`document_date` text NOT NULL,
	`available_at` integer NOT NULL,
	`amount_cents` integer,
	`vat_cents` integer,
	`open_cents` integer,
	`due_date` text,
	`structured_communication` text,
	`file_key` text,
	`file_size` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`billing_account_id`) REFERENCES `billing_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `documents_list_idx` ON `documents` (`customer_id`,`kind`,`document_date`,`id`);--> statement-breakpoint
CREATE INDEX `documents_open_idx` ON `documents` (`billing_account_id`,`open_cents`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_reference` ON `documents` (`customer_id`,`kind`,`reference`);--> statement-breakpoint
CREATE TABLE `email_confirmations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`email` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_confirmations_token_hash_unique` ON `email_confirmations` (`token_hash`);--> statement-breakpoint
ALTER TABLE `contact_details` ADD `einvoice_email_pending` text;--> statement-breakpoint
ALTER TABLE `outbox_messages` ADD `attachment_key` text;--> statement-breakpoint
ALTER TABLE `outbox_messages` ADD `attachment_name` text;