import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { PageContext } from '../context';

/*
 * Form controls built from the same parts, as govuk-frontend builds them: a label (or a legend),
 * a hint, an error message, and the control, which names both the hint and the error in
 * aria-describedby. Every control of every page is one of these.
 */

/** What a person typed, as strings, to put back in the form after a refusal. */
export type Typed = Record<string, string | string[]>;

export interface FormProblem {
  /** A sentence for the top of the form. */
  summary?: string;
  /** Messages by field name, shown beside each field and linked from the summary. */
  fields: Record<string, string>;
}

/** What each control shares: its name (and id), its words and the form's problem, if any. */
interface ControlProps {
  name: string;
  /** The element id, when one page holds the same field more than once (e.g. notes-12). Defaults to name. */
  id?: string;
  label: string;
  hint?: string;
  problem?: FormProblem;
  /** "(tidak wajib)" beside the label of a field that may stay empty. */
  optionalLabel?: string;
}

/**
 * The labels of a page's controls by field name, with the element each is on, filled in as
 * the controls render: the error summary names each field by its label and links to it
 * (see Layout, which renders a refused page's content once to learn them).
 */
export type FieldLabels = Map<string, { label: string; id: string }>;
export const FieldLabelsContext = createContext<FieldLabels | null>(null);

/** The parts' ids and the error of one control (a hook: it tells the error summary its label). */
function partsOf(props: ControlProps) {
  const id = props.id ?? props.name;
  const labels = useContext(FieldLabelsContext);
  if (labels && !labels.has(props.name)) labels.set(props.name, { label: props.label, id });
  const error = props.problem?.fields[props.name];
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, error, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined, invalid: error ? ('true' as const) : undefined };
}

export const Label = ({ for: target, children, optional }: { for: string; children: ComponentChildren; optional?: string }) => (
  <label class="field__label" for={target}>
    {children}
    {optional && <span class="field__optional"> {optional}</span>}
  </label>
);

export const Hint = ({ id, children }: { id: string | undefined; children: ComponentChildren }) =>
  id ? (
    <p class="field__hint" id={id}>
      {children}
    </p>
  ) : null;

export const ErrorMessage = ({ id, children }: { id: string | undefined; children: ComponentChildren }) =>
  id ? (
    <p class="field__error" id={id}>
      {children}
    </p>
  ) : null;

/** A control's frame: marked red while it has an error. */
const Group = ({ error, children }: { error: string | undefined; children: ComponentChildren }) => <div class={error ? 'field field--error' : 'field'}>{children}</div>;

/** A control with its label, hint and error above it. */
function Control(props: ControlProps & { control: (parts: ReturnType<typeof partsOf>) => ComponentChildren }) {
  const parts = partsOf(props);
  return (
    <Group error={parts.error}>
      <Label for={parts.id} optional={props.optionalLabel}>
        {props.label}
      </Label>
      <Hint id={parts.hintId}>{props.hint}</Hint>
      <ErrorMessage id={parts.errorId}>{parts.error}</ErrorMessage>
      {props.control(parts)}
    </Group>
  );
}

type FieldProps = ControlProps & {
  value?: string | number | null;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'tel' | 'time';
  autocomplete?: string;
  required?: boolean;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel';
  min?: number;
  max?: number;
  maxLength?: number;
  width?: 'short' | 'medium';
};

/** A text input: a label above it, an optional hint, and the error beside it. */
export function Field(props: FieldProps) {
  return (
    <Control
      {...props}
      control={(parts) => (
        <input
          class={props.width ? `input input--${props.width}` : 'input'}
          id={parts.id}
          name={props.name}
          // Preact types each input type apart; the union is checked by FieldProps.
          type={(props.type ?? 'text') as 'text'}
          value={props.value ?? ''}
          autocomplete={props.autocomplete}
          required={props.required}
          inputMode={props.inputMode}
          min={props.min}
          max={props.max}
          maxLength={props.maxLength}
          aria-invalid={parts.invalid}
          aria-describedby={parts.describedBy}
        />
      )}
    />
  );
}

/** Several lines of text. */
export function TextArea(props: ControlProps & { value?: string | null; rows?: number; maxLength?: number }) {
  return (
    <Control
      {...props}
      control={(parts) => (
        <textarea class="textarea" id={parts.id} name={props.name} rows={props.rows ?? 3} maxLength={props.maxLength} aria-invalid={parts.invalid} aria-describedby={parts.describedBy} value={props.value ?? ''} />
      )}
    />
  );
}

/** One choice out of a list. */
export function Select(props: ControlProps & { options: readonly (readonly [string, string])[]; value?: string | number | null; placeholder?: string }) {
  return (
    <Control
      {...props}
      control={(parts) => (
        <select class="select" id={parts.id} name={props.name} aria-invalid={parts.invalid} aria-describedby={parts.describedBy}>
          {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
          {props.options.map(([value, label]) => (
            <option value={value} selected={String(props.value ?? '') === value}>
              {label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** A file to upload (the form must be multipart). */
export function FileField(props: ControlProps & { accept: string }) {
  return <Control {...props} control={(parts) => <input class="file" type="file" id={parts.id} name={props.name} accept={props.accept} aria-invalid={parts.invalid} aria-describedby={parts.describedBy} />} />;
}

/** A yes/no choice: sent as "true" when ticked, absent when not. */
export function Checkbox(props: Omit<ControlProps, 'optionalLabel'> & { checked?: boolean }) {
  const parts = partsOf(props);
  return (
    <Group error={parts.error}>
      <ErrorMessage id={parts.errorId}>{parts.error}</ErrorMessage>
      <label class="checkbox">
        <input type="checkbox" id={parts.id} name={props.name} value="true" checked={props.checked} aria-invalid={parts.invalid} aria-describedby={parts.describedBy} />
        {props.label}
      </label>
      <Hint id={parts.hintId}>{props.hint}</Hint>
    </Group>
  );
}

/**
 * Related choices under a legend (a fieldset): ticks of one name, or any rows of fields
 * (`children`). The fieldset names its hint and error.
 */
export function Fieldset(props: Omit<ControlProps, 'label' | 'optionalLabel'> & { legend: string; children: ComponentChildren }) {
  const parts = partsOf({ ...props, label: props.legend });
  return (
    <fieldset class={parts.error ? 'checkboxes field--error' : 'checkboxes'} aria-describedby={parts.describedBy}>
      <legend>{props.legend}</legend>
      <Hint id={parts.hintId}>{props.hint}</Hint>
      <ErrorMessage id={parts.errorId}>{parts.error}</ErrorMessage>
      {props.children}
    </fieldset>
  );
}

/** Ticks of one name under a legend: each option sent as its value when ticked. */
export function Checkboxes(props: Omit<ControlProps, 'label' | 'optionalLabel'> & { legend: string; options: readonly (readonly [string, string])[]; checked: readonly string[] }) {
  return (
    <Fieldset {...props}>
      {props.options.map(([value, label], i) => (
        <label class="checkbox">
          <input type="checkbox" id={i === 0 ? props.id ?? props.name : undefined} name={props.name} value={value} checked={props.checked.includes(value)} />
          {label}
        </label>
      ))}
    </Fieldset>
  );
}

/** A value to copy (a link, a key): read-only, with a copy button that the page's script shows. */
export function CopyField(props: { ctx: PageContext; name: string; label: string; value: string }) {
  return (
    <Group error={undefined}>
      <Label for={props.name}>{props.label}</Label>
      <div class="copy-field">
        <input class="input" id={props.name} type="text" readOnly value={props.value} />
        <button type="button" class="button button--secondary" data-copy={props.name} data-copied={props.ctx.t.common.copied} hidden>
          {props.ctx.t.common.copy}
        </button>
      </div>
    </Group>
  );
}
