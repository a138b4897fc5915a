/** Unknown and forbidden look the same from outside, so nobody can probe which manuscripts exist. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(what = 'manuscript') {
    super(`${what} not found`);
  }
}

/** A request that is understood but not allowed in its current form (e.g. the owner leaving). */
export class InvalidOperationError extends Error {
  override name = 'InvalidOperationError';
}

/** Stored bytes that do not decode: the manuscript is quarantined (or a draft is damaged); nothing is changed. */
export class UnreadableDocumentError extends Error {
  override name = 'UnreadableDocumentError';
}
