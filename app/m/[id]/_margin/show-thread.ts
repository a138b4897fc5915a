/** Scrolls a thread into view: its card in the margin, or its passage in the text when the card is not shown. */
export function scrollToThread(threadId: string, behavior: ScrollBehavior = 'auto'): void {
  document
    .querySelector(`.comment-margin [data-thread-id="${threadId}"], .manuscript-text [data-thread-id="${threadId}"]`)
    ?.scrollIntoView({ block: 'center', behavior });
}
