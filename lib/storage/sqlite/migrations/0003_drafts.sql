CREATE TABLE `drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`manuscript_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`created_by` text,
	`changed_by` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`word_count` integer DEFAULT 0 NOT NULL,
	`state` blob NOT NULL,
	FOREIGN KEY (`manuscript_id`) REFERENCES `manuscripts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `drafts_manuscript_created` ON `drafts` (`manuscript_id`,`created_at`);