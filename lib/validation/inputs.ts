import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../auth/password';
import { MANUSCRIPT_ID_PATTERN } from '../collab/room-name';
import { SHAREABLE_ROLES } from '../domain/roles';
import { CHANGES_CHOICES, COMMENTS_CHOICES, EXPORT_PRESETS } from '../export/presets';

/** zod schemas for every input that crosses into the app: forms, JSON bodies, route params. */
export const manuscriptId = z.string().regex(MANUSCRIPT_ID_PATTERN, 'Not a manuscript id.');
export const entityId = z.string().regex(/^[a-z0-9]{8,64}$/, 'Not an id.');
export const title = z.string().trim().min(1, 'Give the manuscript a title.').max(200, 'Keep the title under 200 characters.');
export const email = z.string().trim().toLowerCase().email('Enter a valid email address.').max(254);
export const displayName = z.string().trim().min(1, 'Enter a display name.').max(60, 'Keep the name under 60 characters.');
export const caretColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Choose a colour.');
export const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, 'Keep the password under 200 characters.');
export const shareableRole = z.enum(SHAREABLE_ROLES);

export const createManuscriptInput = z.object({ title });
export const renameManuscriptInput = z.object({ title });
export const shareInput = z.object({ email, role: shareableRole });
export const changeRoleInput = z.object({ role: shareableRole });
export const inviteLinkInput = z.object({ role: shareableRole });
export const collabTokenInput = z.object({ manuscriptId });
export const apiTokenInput = z.object({ name: z.string().trim().min(1, 'Name the token.').max(80) });
export const signUpInput = z.object({ email, name: displayName, password });
export const signInInput = z.object({ email, password: z.string().min(1).max(200) });
export const profileInput = z.object({ name: displayName, color: caretColor });
export const forgotPasswordInput = z.object({ email });
export const resetPasswordInput = z
  .object({ token: z.string().regex(/^[\w-]{20,100}$/, 'This link is not a reset link.'), password, confirm: z.string().max(200) })
  .refine((input) => input.password === input.confirm, { message: 'The two passwords differ. Type the same one twice.' });
export const changePasswordInput = z.object({ currentPassword: z.string().max(200), newPassword: password });

const line = (max: number) => z.string().trim().max(max, `Keep it under ${max} characters.`);
export const manuscriptSettingsInput = z.object({
  title,
  authorLegalName: line(200),
  byline: line(200),
  contactAddress: line(500),
  contactEmail: z.union([z.literal(''), z.string().trim().toLowerCase().email('Enter a valid contact email.').max(254)]),
  contactPhone: line(60),
  genre: line(100),
  runningHeadKeyword: line(60),
  targetWords: z.union([
    z.literal('').transform(() => null),
    z.coerce.number('Enter the target as a number of words.').int('Enter a whole number of words.').min(1, 'Set a target of at least one word.').max(10_000_000, 'That target is more than ten million words.'),
    z.null(),
  ]),
  deadline: z.union([z.literal('').transform(() => null), z.iso.date('Use a date like 2027-03-31.'), z.null()]),
});
export type ManuscriptSettingsInput = z.infer<typeof manuscriptSettingsInput>;

export const exportQuery = z.object({
  format: z.enum(['docx', 'pdf', 'epub', 'md', 'html', 'txt']),
  font: z.enum(['modern', 'classic']).default('modern'),
  paper: z.enum(['letter', 'a4']).default('letter'),
  /** Comma-separated chapter ids; all chapters when absent. */
  chapters: z
    .string()
    .regex(/^[a-z0-9]+(,[a-z0-9]+)*$/, 'Chapters are ids separated by commas.')
    .transform((value) => value.split(','))
    .optional(),
  /** Export a saved draft instead of the current text. */
  draft: z.string().regex(/^[a-z0-9]{8,64}$/, 'Not a draft id.').optional(),
  /** DOCX: Review (threads as comments, suggestions tracked) or Submission (clean, the default); `comments` and `changes` override it. */
  preset: z.enum(EXPORT_PRESETS).optional(),
  comments: z.enum(COMMENTS_CHOICES).optional(),
  changes: z.enum(CHANGES_CHOICES).optional(),
});

export const draftInput = z.object({ name: z.string().trim().min(1, 'Name the draft.').max(120, 'Keep the name under 120 characters.') });

/** Marking inbox items read: these ids, or every one when `ids` is absent. */
export const markReadInput = z.object({ ids: z.array(z.string().regex(/^[a-z0-9]{8,64}$/)).max(200).optional() });

export const notificationSettingsInput = z.object({
  kinds: z.array(z.enum(['mention', 'reply', 'resolved', 'reopened', 'shared', 'draft-restored'])).max(6),
  email: z.enum(['off', 'immediate', 'daily']),
});
