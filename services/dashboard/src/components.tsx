import { createContext, type ReactNode, useCallback, useContext, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from './api';
import { plural } from './format';
import type { Resource } from './hooks';

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message;
  return String(error);
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const forbidden = error instanceof ApiError && error.status === 403;
  if (forbidden) return <AdminsOnly />;
  return (
    <div className="state state-error" role="alert">
      <strong>Something went wrong</strong>
      <span>{errorMessage(error)}</span>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children && <span>{children}</span>}
    </div>
  );
}

/**
 * A page's list or chart while its resource loads: a spinner until the first answer, the error
 * with a retry while there is nothing to show, then `empty` when given (the page passes it only
 * when there is nothing to list), else the content. A background refresh keeps what is shown.
 */
export function ResourceView<T>({ resource, loading, empty, children }: { resource: Resource<T>; loading: string; empty?: ReactNode; children: ReactNode }) {
  if (resource.loading && !resource.data) return <Spinner label={loading} />;
  if (resource.error && !resource.data) return <ErrorState error={resource.error} onRetry={() => void resource.reload()} />;
  return <>{empty || children}</>;
}

/** The bar above a list while rows are selected: how many, the action for them, and clearing the selection. */
export function BulkBar({
  label,
  count,
  noun,
  action,
  onAction,
  onClear,
}: {
  label: string;
  count: number;
  noun: string;
  action: string;
  onAction: () => void;
  onClear: () => void;
}) {
  if (count === 0) return null;
  return (
    <section className="bulkbar" aria-label={label}>
      <span>{plural(count, noun)} selected</span>
      <button type="button" className="btn btn-danger" onClick={onAction}>
        {action}
      </button>
      <button type="button" className="btn btn-ghost" onClick={onClear}>
        Clear selection
      </button>
    </section>
  );
}

export function AdminsOnly() {
  return (
    <div className="state state-forbidden" data-testid="admins-only">
      <svg className="state-icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true">
        <path
          fill="currentColor"
          d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 8V7a3 3 0 1 1 6 0v3H9Zm3 3a2 2 0 0 1 1 3.73V18h-2v-1.27A2 2 0 0 1 12 13Z"
        />
      </svg>
      {/* The page's heading: a member sees this state instead of the page they opened. */}
      <h1 className="state-title">Admins only</h1>
      <span>
        Only Team Admins and Super Admins can manage the team's API keys and Secret Scanner findings. Ask an admin of your team if you need access. Your own
        keys are under <a href="#/my-keys">My keys</a>.
      </span>
    </div>
  );
}

export type TagTone = 'neutral' | 'warning' | 'danger' | 'success' | 'info';

export function Tag({ tone = 'neutral', children }: { tone?: TagTone; children: ReactNode }) {
  return <span className={`tag tag-${tone}`}>{children}</span>;
}

/** Shown on hover and on keyboard focus; screen readers get it through aria-describedby. */
export function Tooltip({ text, children }: { text: string; children: ReactNode }) {
  const id = useId();
  return (
    <button type="button" className="tooltip-anchor" aria-describedby={id}>
      {children}
      <span role="tooltip" id={id} className="tooltip">
        {text}
      </span>
    </button>
  );
}

export interface DialogAction {
  label: string;
  variant?: 'primary' | 'danger' | 'secondary';
  onClick: () => Promise<void> | void;
}

/** A modal `<dialog>`: focus moves into it, Escape cancels, actions show progress and errors. */
export function ConfirmDialog({ title, children, actions, onClose }: { title: string; children: ReactNode; actions: DialogAction[]; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const run = async (action: DialogAction) => {
    setBusy(action.label);
    setError(null);
    try {
      await action.onClick();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(null);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} disabled={busy !== null}>
          Cancel
        </button>
        {actions.map((a) => (
          <button key={a.label} type="button" className={`btn btn-${a.variant ?? 'primary'}`} onClick={() => void run(a)} disabled={busy !== null}>
            {busy === a.label ? 'Working…' : a.label}
          </button>
        ))}
      </div>
    </dialog>
  );
}

export function Switch({
  id,
  checked,
  onChange,
  disabled,
  label,
  description,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  label: string;
  description?: ReactNode;
}) {
  return (
    <div className="setting">
      <div className="setting-text">
        <label htmlFor={id} className="setting-label">
          {label}
        </label>
        {description && <p className="setting-description">{description}</p>}
      </div>
      <button id={id} type="button" role="switch" aria-checked={checked} className="switch" disabled={disabled} onClick={() => onChange(!checked)}>
        <span className="switch-thumb" aria-hidden="true" />
      </button>
    </div>
  );
}

interface Toast {
  id: number;
  text: string;
  tone: 'success' | 'error';
}

const ToastContext = createContext<(text: string, tone?: Toast['tone']) => void>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const push = useCallback((text: string, tone: Toast['tone'] = 'success') => {
    const id = next.current++;
    setToasts((t) => [...t, { id, text, tone }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), 5000);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.tone}`} role="status">
            {t.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}

/**
 * Previous / Next over cursor-paged lists. `cursors` is the stack of the pages' start cursors
 * (null: the first page); `children` go before the buttons (e.g. "1–50 of 1,234").
 */
export function CursorPager({
  cursors,
  setCursors,
  nextCursor,
  busy = false,
  children,
}: {
  cursors: (string | null)[];
  setCursors: (update: (cursors: (string | null)[]) => (string | null)[]) => void;
  nextCursor: string | null | undefined;
  /** While a page loads, neither button moves. */
  busy?: boolean;
  children?: ReactNode;
}) {
  return (
    <nav className="pagination" aria-label="Pages">
      {children}
      <button type="button" className="btn" disabled={busy || cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
        ← Previous
      </button>
      <button type="button" className="btn" disabled={busy || !nextCursor} onClick={() => nextCursor && setCursors((c) => [...c, nextCursor])}>
        Next →
      </button>
    </nav>
  );
}
