/** A form's one failure message: a role="alert" region, rendered only when there is something to say. */
export function FormAlert({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <div role="alert" className="alert" id={id}>
      {message}
    </div>
  );
}
