/** A refusal or failure under a form, announced at once (role="alert"); nothing when there is none. */
export function FormError({ message }: { message: string | null | undefined }) {
  return message ? (
    <p role="alert" className="form-message error">
      {message}
    </p>
  ) : null;
}
