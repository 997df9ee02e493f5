import type { FieldErrors } from './Field';
import { Field } from './Field';
import { AFFILIATIONS } from '../../../shared/affiliations.js';
import type { ManagedRegistration } from '../../../shared/sessions.js';

export const EMPTY = {
  name: '',
  email: '',
  organization: '',
  affiliation: '',
  wishToSpeak: false,
  topic: '',
  signs: false,
  asl: false,
  cart: false,
  captionLanguage: '',
  other: '',
};
export type Form = typeof EMPTY;

/** The form's fields as the API takes them (the schema checks them, here and on the server). */
export function toPayload(f: Form) {
  return {
    name: f.name,
    email: f.email,
    organization: f.organization,
    affiliation: f.affiliation || undefined,
    wishToSpeak: f.wishToSpeak,
    topic: f.wishToSpeak ? f.topic : '',
    signs: f.wishToSpeak && f.signs,
    accommodations: {
      asl: f.asl,
      cart: f.cart,
      ...(f.captionLanguage ? { captionLanguage: f.captionLanguage } : {}),
      other: f.other,
    },
  };
}

/** A stored registration back into the form (the manage page starts from it). */
export function toForm(
  r: Pick<
    ManagedRegistration,
    'name' | 'organization' | 'affiliation' | 'wishToSpeak' | 'topic' | 'signs' | 'accommodations'
  >,
): Form {
  const a = r.accommodations;
  return {
    ...EMPTY,
    name: r.name,
    organization: r.organization,
    affiliation: r.affiliation,
    wishToSpeak: r.wishToSpeak,
    topic: r.topic,
    signs: r.signs,
    asl: a.asl,
    cart: a.cart,
    captionLanguage: a.captionLanguage ?? '',
    other: a.other,
  };
}

interface FieldsProps {
  form: Form;
  errors: FieldErrors;
  set: <K extends keyof Form>(key: K, value: Form[K]) => void;
  publicComments: boolean;
}

/** Affiliation, speaking and accommodations: the same on the registration and the manage pages. */
export function RegistrationFields({ form, errors, set, publicComments }: FieldsProps) {
  const field = { errors, form, set };
  return (
    <>
      <div className="field">
        <label htmlFor="reg-affiliation">Affiliation</label>
        <select
          id="reg-affiliation"
          value={form.affiliation}
          required
          aria-invalid={errors.affiliation ? true : undefined}
          aria-describedby={errors.affiliation ? 'reg-affiliation-error' : undefined}
          onChange={(e) => set('affiliation', e.target.value)}
        >
          <option value="">Choose one</option>
          {Object.entries(AFFILIATIONS).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
        {errors.affiliation && (
          <p id="reg-affiliation-error" className="error">
            {errors.affiliation}
          </p>
        )}
      </div>
      {publicComments && (
        <fieldset>
          <legend>Speaking</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={form.wishToSpeak}
              onChange={(e) => set('wishToSpeak', e.target.checked)}
            />
            I would like to speak
          </label>
          {form.wishToSpeak && <Field {...field} name="topic" label="What would you like to speak about?" />}
          {form.wishToSpeak && (
            <label className="check">
              <input type="checkbox" checked={form.signs} onChange={(e) => set('signs', e.target.checked)} />I
              will sign (ASL)
            </label>
          )}
        </fieldset>
      )}
      <fieldset>
        <legend>Accommodations you need</legend>
        <label className="check">
          <input type="checkbox" checked={form.asl} onChange={(e) => set('asl', e.target.checked)} />
          ASL interpretation
        </label>
        <label className="check">
          <input type="checkbox" checked={form.cart} onChange={(e) => set('cart', e.target.checked)} />
          Live captions (CART)
        </label>
        <Field
          {...field}
          name="captionLanguage"
          label="Caption language, if not English (for example es-US)"
        />
        <Field {...field} name="other" label="Anything else we should arrange" />
      </fieldset>
    </>
  );
}
