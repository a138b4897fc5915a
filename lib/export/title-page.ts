import type { TitlePage } from './model';

/**
 * The title page names the owner until the writer sets an author: a submission never goes out
 * signed "Author" (the running head takes its surname from the same name).
 */
export function withDefaultAuthor(titlePage: TitlePage, ownerName: string | undefined): TitlePage {
  if (titlePage.authorLegalName.trim() || titlePage.byline.trim() || !ownerName?.trim()) return titlePage;
  return { ...titlePage, byline: ownerName.trim() };
}
