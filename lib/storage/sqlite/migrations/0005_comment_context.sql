ALTER TABLE `comment_threads` ADD `quote_prefix` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `comment_threads` ADD `quote_suffix` text DEFAULT '' NOT NULL;