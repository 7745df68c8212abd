import type { CatalogueFilter, CatalogueSort } from './use-catalogue-pages';

const filters: { value: CatalogueFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'offline', label: 'On this device' },
  { value: 'downloading', label: 'Downloading' },
];

const sorts: { value: CatalogueSort; label: string }[] = [
  { value: 'newest', label: 'Newest first' },
  { value: 'name', label: 'Name' },
  { value: 'size', label: 'Largest first' },
];

export function CatalogueToolbar(props: {
  text: string;
  onText(text: string): void;
  filter: CatalogueFilter;
  onFilter(filter: CatalogueFilter): void;
  sort: CatalogueSort;
  onSort(sort: CatalogueSort): void;
}) {
  return (
    <div className="toolbar-controls">
      <input
        type="search"
        className="search"
        aria-label="Search videos"
        placeholder="Search videos"
        value={props.text}
        onChange={(e) => props.onText(e.target.value)}
      />
      <fieldset className="segmented">
        <legend className="visually-hidden">Show</legend>
        {filters.map((f) => (
          <button
            key={f.value}
            type="button"
            aria-pressed={props.filter === f.value}
            onClick={() => props.onFilter(f.value)}
          >
            {f.label}
          </button>
        ))}
      </fieldset>
      <label className="inline-field">
        <span>Sort</span>
        <select value={props.sort} onChange={(e) => props.onSort(e.target.value as CatalogueSort)}>
          {sorts.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
