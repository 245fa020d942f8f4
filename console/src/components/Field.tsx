import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';

/**
 * A labelled form field with the message of its failing validation beside
 * it: `errorOf` is the last error of the form's call, `name` the field as the
 * service names it.
 */
export function Field(props: {
  label: string;
  name: string;
  error?: unknown;
  hint?: string;
  children: ComponentChildren;
}) {
  const message = props.error instanceof ApiError ? props.error.fieldErrors[props.name] : undefined;
  return (
    <label class={message ? 'field invalid' : 'field'} data-field={props.name}>
      <span class="label">{props.label}</span>
      {props.children}
      {message ? (
        <span class="field-error" role="alert">
          {message}
        </span>
      ) : (
        props.hint && <span class="hint">{props.hint}</span>
      )}
    </label>
  );
}
