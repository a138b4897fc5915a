ALTER TABLE `manuscripts` ADD `author_legal_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `manuscripts` ADD `byline` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `manuscripts` ADD `contact_address` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `manuscripts` ADD `contact_email` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `manuscripts` ADD `contact_phone` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `manuscripts` ADD `genre` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `manuscripts` ADD `running_head_keyword` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `manuscripts` ADD `target_words` integer;--> statement-breakpoint
ALTER TABLE `manuscripts` ADD `deadline` text;