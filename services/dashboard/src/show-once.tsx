import { useToast } from './components';

/** A credential just created, shown this once with a copy button: Keyguard keeps only its hash. */
export function ShowOnce({ title, value, what, onDone }: { title: string; value: string; what: string; onDone: () => void }) {
  const toast = useToast();
  return (
    <div className="card token-issued" role="status" aria-live="polite">
      <p>
        <strong>{title}</strong>: copy this {what} now. It will not be shown again.
      </p>
      <code className="token-value" data-testid="issued-secret">
        {value}
      </code>
      <div className="inline-field">
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            void navigator.clipboard?.writeText(value).then(
              () => toast(`Copied the ${what}`),
              () => toast('Copy it by hand'),
            )
          }
        >
          Copy
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
