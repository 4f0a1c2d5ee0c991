import { api } from '../api';
import { Spinner } from '../components';
import { formatDate, userLabel } from '../format';
import { useResource } from '../hooks';

const shown = 20;

/** Which exposed keys are still active (the settings warning names them, not only how many). */
export function ExposedKeyList() {
  const exposed = useResource(() => api.exposures({ limit: shown, state: 'active' }), 'exposed-key-list');
  if (exposed.loading && !exposed.data) return <Spinner label="Loading the exposed keys…" />;
  const items = exposed.data?.items ?? [];
  const more = (exposed.data?.total ?? 0) - items.length;
  return (
    <ul className="dialog-list" data-testid="exposed-key-list" aria-label="Exposed keys still active">
      {items.map((k) => (
        <li key={k.id}>
          <strong>{k.name}</strong> (<code>{k.preview}</code>), {userLabel(k.createdBy)}, found {formatDate(k.detectedAt)}
        </li>
      ))}
      {more > 0 && (
        <li>
          and {more} more on the <a href="#/exposed">Exposed keys</a> page
        </li>
      )}
    </ul>
  );
}
