import { type FormEvent, useState } from 'react';
import { errorMessage } from './components';
import { ShowOnce } from './show-once';

/**
 * The name field that creates a machine credential (service token, SCIM API key), its error
 * line, and the new credential shown once. The page keeps the list and reloads it in `onCreated`.
 */
export function CreateCredential({
  id,
  label,
  placeholder,
  submitLabel,
  nameRequired,
  what,
  create,
  onCreated,
}: {
  /** The input's id (tests and the label point at it). */
  id: string;
  /** The input's accessible name. */
  label: string;
  placeholder: string;
  submitLabel: string;
  /** What to say when the name is empty. */
  nameRequired: string;
  /** "token", "SCIM API key": for the show-once card. */
  what: string;
  create: (name: string) => Promise<{ name: string; token: string }>;
  onCreated: () => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(nameRequired);
      return;
    }
    setCreating(true);
    setError(null);
    try {
      setIssued(await create(name.trim()));
      setName('');
      await onCreated();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setCreating(false);
    }
  };

  return (
    <>
      <form className="inline-field token-form" onSubmit={submit}>
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input id={id} className="input" placeholder={placeholder} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="btn btn-primary" disabled={creating}>
          {creating ? 'Creating…' : submitLabel}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {issued && <ShowOnce title={issued.name} value={issued.token} what={what} onDone={() => setIssued(null)} />}
    </>
  );
}
