CREATE TABLE `bulk_job_lines` (
	`job_id` integer NOT NULL,
	`line_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`result` text DEFAULT 'pending' NOT NULL,
	`reason` text,
	PRIMARY KEY(`job_id`, `seq`),
	FOREIGN KEY (`job_id`) REFERENCES `bulk_jobs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`line_id`) REFERENCES `mobile_lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bulk_job_lines_line` ON `bulk_job_lines` (`job_id`,`line_id`);--> statement-breakpoint
CREATE TABLE `bulk_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'review' NOT NULL,
	`total` integer NOT NULL,
	`applied` integer DEFAULT 0 NOT NULL,
	`refused` integer DEFAULT 0 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	`submission_key` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bulk_jobs_submission_key_unique` ON `bulk_jobs` (`submission_key`);--> statement-breakpoint
CREATE INDEX `bulk_jobs_customer_idx` ON `bulk_jobs` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `fleet_options` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fleet_options_code_unique` ON `fleet_options` (`code`);--> statement-breakpoint
CREATE TABLE `line_blocks` (
	`line_id` integer NOT NULL,
	`block` text NOT NULL,
	`since` integer NOT NULL,
	PRIMARY KEY(`line_id`, `block`),
	FOREIGN KEY (`line_id`) REFERENCES `mobile_lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `line_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`line_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`payload` text,
	`effective_date` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`done_at` integer,
	`done_by` text,
	FOREIGN KEY (`line_id`) REFERENCES `mobile_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `line_changes_line_idx` ON `line_changes` (`line_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `line_changes_due_idx` ON `line_changes` (`status`,`effective_date`);--> statement-breakpoint
CREATE TABLE `line_delegations` (
	`line_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `line_id`),
	FOREIGN KEY (`line_id`) REFERENCES `mobile_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `line_delegations_line_idx` ON `line_delegations` (`line_id`);--> statement-breakpoint
CREATE TABLE `line_options` (
	`line_id` integer NOT NULL,
	`option_id` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`line_id`, `option_id`),
	FOREIGN KEY (`line_id`) REFERENCES `mobile_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`option_id`) REFERENCES `fleet_options`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `mobile_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`contract_id` integer NOT NULL,
	`msisdn` text,
	`description` text DEFAULT '' NOT NULL,
	`plan_id` integer NOT NULL,
	`status` text NOT NULL,
	`billing_account_id` integer,
	`iccid` text NOT NULL,
	`split_bill` integer DEFAULT false NOT NULL,
	`split_bill_profile` text,
	`user_title` text,
	`user_first_name` text,
	`user_last_name` text,
	`user_birth_date` text,
	`user_email` text,
	`user_phone` text,
	`user_language` text,
	`user_confirmed` integer DEFAULT false NOT NULL,
	`street` text,
	`house_number` text,
	`postcode` text,
	`city` text,
	`country` text,
	`pay_by_mobile_limit_cents` integer DEFAULT 0 NOT NULL,
	`device_company_owned` integer DEFAULT false NOT NULL,
	`imei` text,
	`device_brand` text,
	`device_type` text,
	`porting_number` text,
	`porting_operator` text,
	`porting_customer_number` text,
	`activation_date` text,
	`stop_date` text,
	`owner_user_id` integer,
	`search_text` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `tariff_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`billing_account_id`) REFERENCES `billing_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mobile_lines_msisdn_idx` ON `mobile_lines` (`customer_id`,`msisdn`,`id`);--> statement-breakpoint
CREATE INDEX `mobile_lines_description_idx` ON `mobile_lines` (`customer_id`,`description`,`id`);--> statement-breakpoint
CREATE INDEX `mobile_lines_plan_idx` ON `mobile_lines` (`customer_id`,`plan_id`,`id`);--> statement-breakpoint
CREATE INDEX `mobile_lines_status_idx` ON `mobile_lines` (`customer_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `mobile_lines_billing_idx` ON `mobile_lines` (`customer_id`,`billing_account_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `mobile_lines_iccid_unique` ON `mobile_lines` (`iccid`);--> statement-breakpoint
CREATE TABLE `plan_options` (
	`plan_id` integer NOT NULL,
	`option_id` integer NOT NULL,
	`monthly_cents` integer NOT NULL,
	PRIMARY KEY(`plan_id`, `option_id`),
	FOREIGN KEY (`plan_id`) REFERENCES `tariff_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`option_id`) REFERENCES `fleet_options`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tariff_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`monthly_cents` integer NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tariff_plans_code_unique` ON `tariff_plans` (`code`);--> statement-breakpoint
ALTER TABLE `audit_events` ADD `subject` text;--> statement-breakpoint
CREATE INDEX `audit_subject_idx` ON `audit_events` (`subject`,`at`);--> statement-breakpoint
ALTER TABLE `memberships` ADD `fleet_role` text;