CREATE TABLE `change_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`contract_id` integer NOT NULL,
	`kind` text NOT NULL,
	`new_value` text,
	`effective_date` text NOT NULL,
	`comment` text,
	`status` text DEFAULT 'requested' NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`decided_at` integer,
	`decision_note` text,
	`assigned_staff_id` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `change_requests_customer_idx` ON `change_requests` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `change_requests_status_idx` ON `change_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`application` text NOT NULL,
	`name_nl` text NOT NULL,
	`name_fr` text NOT NULL,
	`name_en` text NOT NULL,
	`unit_price_cents` integer NOT NULL,
	`vat_rate` integer DEFAULT 21 NOT NULL,
	`step` integer DEFAULT 1 NOT NULL,
	`max_quantity` integer DEFAULT 100 NOT NULL,
	`delivery_working_days` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_code_unique` ON `products` (`code`);--> statement-breakpoint
CREATE INDEX `products_application_idx` ON `products` (`application`);--> statement-breakpoint
CREATE TABLE `site_closures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`site_id` integer NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `site_closures_site_idx` ON `site_closures` (`site_id`,`from_date`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`username_key` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`language` text DEFAULT 'nl' NOT NULL,
	`password_hash` text NOT NULL,
	`totp_secret` text NOT NULL,
	`totp_last_step` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`last_login_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_username_key_unique` ON `staff` (`username_key`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`message_id` integer NOT NULL,
	`file_key` text,
	`document_id` integer,
	`name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`message_id`) REFERENCES `thread_messages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_message_idx` ON `attachments` (`message_id`);--> statement-breakpoint
CREATE INDEX `attachments_thread_idx` ON `attachments` (`thread_id`);--> statement-breakpoint
CREATE TABLE `complaints` (
	`thread_id` integer PRIMARY KEY NOT NULL,
	`contract_id` integer NOT NULL,
	`service` text NOT NULL,
	`nature` text NOT NULL,
	`service_date` text NOT NULL,
	`document_id` integer,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `thread_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`at` integer NOT NULL,
	`author` text NOT NULL,
	`author_label` text NOT NULL,
	`staff_id` integer,
	`body` text NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `thread_messages_thread_idx` ON `thread_messages` (`thread_id`,`at`);--> statement-breakpoint
CREATE TABLE `threads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`title` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`assigned_staff_id` integer,
	`closed_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `threads_customer_idx` ON `threads` (`customer_id`,`kind`,`updated_at`);--> statement-breakpoint
CREATE INDEX `threads_queue_idx` ON `threads` (`kind`,`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`thread_id` integer PRIMARY KEY NOT NULL,
	`subject` text NOT NULL,
	`detail` text NOT NULL,
	`phone_number` text,
	`action_date` text,
	`quantity` integer,
	`country` text,
	`postcode` text,
	`locality` text,
	`street` text,
	`house_number` text,
	`suffix` text,
	`box` text,
	`requester_email` text NOT NULL,
	`requester_mobile` text,
	`order_id` integer,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `product_id` integer REFERENCES products(id);--> statement-breakpoint
ALTER TABLE `orders` ADD `site_id` integer REFERENCES sites(id);--> statement-breakpoint
ALTER TABLE `orders` ADD `status` text DEFAULT 'ordered' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `unit_price_cents` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `total_cents` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `delivered_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `assigned_staff_id` integer REFERENCES staff(id);--> statement-breakpoint
CREATE INDEX `orders_queue_idx` ON `orders` (`status`,`created_at`);--> statement-breakpoint
UPDATE `orders` SET `status` = 'delivered', `delivered_at` = `created_at` WHERE `delivery_date` IS NOT NULL AND `delivery_date` < date('now');
