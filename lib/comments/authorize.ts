import { hasAtLeast, type Role } from '../domain/roles';

/** What a writer may do with comments; the collab server asks this before storing anything. */
export type CommentAction = 'create' | 'reply' | 'edit-message' | 'delete-message' | 'resolve' | 'delete-thread' | 'reanchor' | 'import';

export function mayComment(role: Role, action: CommentAction, context: { isAuthor?: boolean } = {}): boolean {
  switch (action) {
    case 'create':
    case 'reply':
    // Storing where a passage was found again: anyone who may comment sees the text and finds the same place.
    case 'reanchor':
      return hasAtLeast(role, 'commenter');
    case 'edit-message':
    case 'delete-message':
      // Only the author changes their words, and only while they may still comment.
      return hasAtLeast(role, 'commenter') && context.isAuthor === true;
    case 'resolve':
    // Bringing in a whole review (other people's words, under their names) is for those who may change the text.
    case 'import':
      return hasAtLeast(role, 'editor');
    case 'delete-thread':
      return role === 'owner';
  }
}
