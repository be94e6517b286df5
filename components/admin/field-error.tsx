/** A field's refusal, said next to it (its id is what the field's aria-describedby names); nothing when there is none. */
export function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <p className="field-error" id={id}>
      {errors.join(' ')}
    </p>
  );
}

/**
 * What a field's aria-describedby names: its refusal (`${key}-${name}-error`, the FieldError's id) when
 * there is one, then its hints; undefined when there is nothing.
 */
export function describedBy(errors: Readonly<Record<string, string[] | undefined>>, key: string, name: string, ...hints: string[]): string | undefined {
  return [errors[name]?.length ? `${key}-${name}-error` : null, ...hints].filter(Boolean).join(' ') || undefined;
}
