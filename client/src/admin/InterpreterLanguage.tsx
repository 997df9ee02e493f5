import { languageName } from '../sign/channels';

/**
 * The spoken languages offered by name: those most often asked for at public meetings in the US.
 * Any other goes through "Other", as a tag the server checks (policy A42).
 */
const LANGUAGES = ['es', 'zh', 'vi', 'ko', 'tl', 'ar', 'ru', 'fr', 'ht', 'pt'] as const;
const OTHER = 'other';

/** What the organizer chose: nothing (the ASL interpreter), a listed tag, or "other" and a typed tag. */
export interface LanguageChoice {
  choice: string;
  other: string;
}

export const NO_LANGUAGE: LanguageChoice = { choice: '', other: '' };

/** The tag the invite carries, or undefined for an ASL interpreter. */
export function languageOf({ choice, other }: LanguageChoice): string | undefined {
  const tag = choice === OTHER ? other.trim() : choice;
  return tag === '' ? undefined : tag;
}

interface Props {
  value: LanguageChoice;
  onChange: (value: LanguageChoice) => void;
  /** The id of the server's words about the language, when it refused it. */
  errorId: string | null;
}

/** "Interprets into (spoken language)": shown for an interpreter's link only (A42). */
export function InterpreterLanguage({ value, onChange, errorId }: Props) {
  const other = value.choice === OTHER;
  const invalid = errorId ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  return (
    <>
      <label>
        Interprets into (spoken language){' '}
        <select
          value={value.choice}
          onChange={(e) => onChange({ ...value, choice: e.target.value })}
          {...(other ? {} : invalid)}
        >
          <option value="">None: signs ASL on the stage</option>
          {LANGUAGES.map((tag) => (
            <option key={tag} value={tag}>
              {languageName(tag)}
            </option>
          ))}
          <option value={OTHER}>Other…</option>
        </select>
      </label>
      {other && (
        <label>
          Language tag (for example pt-BR){' '}
          <input
            value={value.other}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => onChange({ ...value, other: e.target.value })}
            {...invalid}
          />
        </label>
      )}
    </>
  );
}
