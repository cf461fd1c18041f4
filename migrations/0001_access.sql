CREATE TABLE `account_applications` (
	`customer_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `application_id`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `application_functions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`code` text NOT NULL,
	`name_nl` text NOT NULL,
	`name_fr` text NOT NULL,
	`name_en` text NOT NULL,
	`name_de` text NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `application_functions_code` ON `application_functions` (`application_id`,`code`);--> statement-breakpoint
CREATE TABLE `applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`name_nl` text NOT NULL,
	`name_fr` text NOT NULL,
	`name_en` text NOT NULL,
	`name_de` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applications_code_unique` ON `applications` (`code`);--> statement-breakpoint
CREATE TABLE `credential_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credential_tokens_token_hash_unique` ON `credential_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `credential_tokens_user_idx` ON `credential_tokens` (`user_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `grants` (
	`membership_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`item_kind` text NOT NULL,
	`item_id` integer NOT NULL,
	`granted_by_user_id` integer,
	`granted_at` integer NOT NULL,
	PRIMARY KEY(`membership_id`, `application_id`, `item_kind`, `item_id`),
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`profile` text NOT NULL,
	`purchaser` integer DEFAULT false NOT NULL,
	`incident_manager` integer DEFAULT false NOT NULL,
	`financial_manager` integer DEFAULT false NOT NULL,
	`manage_admins` integer DEFAULT false NOT NULL,
	`manage_users` integer DEFAULT false NOT NULL,
	`reset_passwords` integer DEFAULT false NOT NULL,
	`ftp_access` integer DEFAULT false NOT NULL,
	`third_party_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`third_party_id`) REFERENCES `third_parties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_user_customer` ON `memberships` (`user_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `memberships_customer_idx` ON `memberships` (`customer_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `scopes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`application_id` integer,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`label` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scopes_customer_kind_idx` ON `scopes` (`customer_id`,`kind`);--> statement-breakpoint
CREATE TABLE `third_parties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`street` text NOT NULL,
	`postcode` text NOT NULL,
	`city` text NOT NULL,
	`vat_number` text
);
--> statement-breakpoint
CREATE INDEX `third_parties_name_idx` ON `third_parties` (`name`);--> statement-breakpoint
CREATE TABLE `third_party_grants` (
	`customer_id` integer NOT NULL,
	`third_party_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`item_kind` text NOT NULL,
	`item_id` integer NOT NULL,
	`granted_at` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `third_party_id`, `application_id`, `item_kind`, `item_id`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`third_party_id`) REFERENCES `third_parties`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `third_party_grants_party_idx` ON `third_party_grants` (`third_party_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`username_key` text NOT NULL,
	`email` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`gender` text NOT NULL,
	`language` text DEFAULT 'nl' NOT NULL,
	`security_question` text,
	`security_answer_hash` text,
	`password_hash` text,
	`status` text NOT NULL,
	`third_party_id` integer,
	`created_by_user_id` integer,
	`created_by_label` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_login_at` integer,
	`deactivated_at` integer,
	FOREIGN KEY (`third_party_id`) REFERENCES `third_parties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_key_unique` ON `users` (`username_key`);--> statement-breakpoint
CREATE INDEX `users_email_idx` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_last_login_idx` ON `users` (`status`,`last_login_at`);