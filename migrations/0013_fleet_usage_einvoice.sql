CREATE TABLE `document_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`channel` text NOT NULL,
	`recipient` text,
	`status` text NOT NULL,
	`reason` text,
	`transmission_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `document_deliveries_document_idx` ON `document_deliveries` (`document_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `document_deliveries_once` ON `document_deliveries` (`document_id`,`channel`);--> statement-breakpoint
CREATE TABLE `document_lines` (
	`document_id` integer NOT NULL,
	`position` integer NOT NULL,
	`description` text NOT NULL,
	`quantity_milli` integer NOT NULL,
	`unit_code` text NOT NULL,
	`unit_price_cents` integer NOT NULL,
	`net_cents` integer NOT NULL,
	`vat_category` text NOT NULL,
	`vat_rate` integer NOT NULL,
	PRIMARY KEY(`document_id`, `position`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `call_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`line_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`period` text NOT NULL,
	`started_at` integer NOT NULL,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`duration_seconds` integer DEFAULT 0 NOT NULL,
	`cents` integer DEFAULT 0 NOT NULL,
	`roaming_country` text,
	FOREIGN KEY (`line_id`) REFERENCES `mobile_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `call_records_line_period_idx` ON `call_records` (`line_id`,`period`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `call_records_started_idx` ON `call_records` (`started_at`);--> statement-breakpoint
CREATE TABLE `group_packs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`contract_id` integer NOT NULL,
	`offer_id` integer NOT NULL,
	`status` text DEFAULT 'requested' NOT NULL,
	`starts_on` text,
	`ends_on` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offer_id`) REFERENCES `pack_offers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `group_packs_customer_idx` ON `group_packs` (`customer_id`,`contract_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `group_packs_open_unique` ON `group_packs` (`contract_id`) WHERE status IN ('requested', 'active');--> statement-breakpoint
CREATE TABLE `pack_offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`data_gb` integer NOT NULL,
	`monthly_cents` integer NOT NULL,
	`extra_gb_cents` integer NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pack_offers_code_unique` ON `pack_offers` (`code`);--> statement-breakpoint
CREATE TABLE `pack_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pack_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`offer_id` integer,
	`effective_date` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`decided_at` integer,
	`decided_by` text,
	FOREIGN KEY (`pack_id`) REFERENCES `group_packs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offer_id`) REFERENCES `pack_offers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pack_requests_pack_idx` ON `pack_requests` (`pack_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `pack_requests_queue_idx` ON `pack_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `pack_requests_due_idx` ON `pack_requests` (`status`,`effective_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `pack_requests_open_unique` ON `pack_requests` (`pack_id`) WHERE status IN ('pending', 'confirmed');--> statement-breakpoint
CREATE TABLE `usage_alert_sends` (
	`alert_id` integer NOT NULL,
	`period` text NOT NULL,
	`threshold_cents` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`alert_id`, `period`, `threshold_cents`),
	FOREIGN KEY (`alert_id`) REFERENCES `usage_alerts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `usage_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`pack_id` integer,
	`line_id` integer,
	`enabled` integer DEFAULT true NOT NULL,
	`threshold_cents` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pack_id`) REFERENCES `group_packs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`line_id`) REFERENCES `mobile_lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `usage_alerts_customer_idx` ON `usage_alerts` (`customer_id`,`enabled`);--> statement-breakpoint
CREATE UNIQUE INDEX `usage_alerts_pack_unique` ON `usage_alerts` (`pack_id`) WHERE pack_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `usage_alerts_line_unique` ON `usage_alerts` (`line_id`) WHERE line_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `usage_days` (
	`line_id` integer NOT NULL,
	`day` text NOT NULL,
	`customer_id` integer NOT NULL,
	`data_mb` integer DEFAULT 0 NOT NULL,
	`voice_seconds` integer DEFAULT 0 NOT NULL,
	`sms_count` integer DEFAULT 0 NOT NULL,
	`out_of_bundle_cents` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`line_id`, `day`),
	FOREIGN KEY (`line_id`) REFERENCES `mobile_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `usage_days_customer_day_idx` ON `usage_days` (`customer_id`,`day`);--> statement-breakpoint
CREATE TABLE `usage_periods` (
	`line_id` integer NOT NULL,
	`period` text NOT NULL,
	`customer_id` integer NOT NULL,
	`data_mb` integer DEFAULT 0 NOT NULL,
	`voice_seconds` integer DEFAULT 0 NOT NULL,
	`sms_count` integer DEFAULT 0 NOT NULL,
	`out_of_bundle_cents` integer DEFAULT 0 NOT NULL,
	`through_day` text NOT NULL,
	`billed` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`line_id`, `period`),
	FOREIGN KEY (`line_id`) REFERENCES `mobile_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `usage_periods_top_idx` ON `usage_periods` (`customer_id`,`period`,`out_of_bundle_cents`);--> statement-breakpoint
ALTER TABLE `contact_details` ADD `peppol_id` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `period_start` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `period_end` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `buyer_reference` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `order_reference` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `corrects_document_id` integer;--> statement-breakpoint
ALTER TABLE `tariff_plans` ADD `included_data_mb` integer;--> statement-breakpoint
ALTER TABLE `tariff_plans` ADD `included_voice_seconds` integer;--> statement-breakpoint
ALTER TABLE `tariff_plans` ADD `included_sms` integer;