import type { InputHTMLAttributes } from "react";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; errors?: string[]; hint?: string };

/** A labelled input whose errors are announced and tied to it for screen readers. */
export function Field({ label, name, errors, hint, ...input }: FieldProps) {
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  const describedBy = [errors?.length ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={name} className="text-sm font-medium text-slate-700">{label}</label>
      <input
        id={name}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className="rounded-md border border-slate-300 px-3 py-2 text-base aria-invalid:border-red-500"
        {...input}
      />
      {hint ? <p id={hintId} className="text-xs text-slate-500">{hint}</p> : null}
      {errors?.length ? (
        <p id={errorId} role="alert" className="text-sm text-red-600">{errors.join(" ")}</p>
      ) : null}
    </div>
  );
}
