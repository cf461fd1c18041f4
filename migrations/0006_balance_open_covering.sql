DROP INDEX `documents_open_idx`;--> statement-breakpoint
CREATE INDEX `documents_open_idx` ON `documents` (`billing_account_id`,`open_cents`,`kind`,`customer_id`);