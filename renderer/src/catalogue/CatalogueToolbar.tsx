import type { MessageId } from '../i18n/catalogues';
import { useT } from '../i18n/use-t';
import type { CatalogueFilter, CatalogueSort } from './use-catalogue-pages';

const filters: { value: CatalogueFilter; label: MessageId }[] = [
  { value: 'all', label: 'catalogue.filterAll' },
  { value: 'offline', label: 'catalogue.filterOffline' },
  { value: 'downloading', label: 'catalogue.filterDownloading' },
];

const sorts: { value: CatalogueSort; label: MessageId }[] = [
  { value: 'newest', label: 'catalogue.sortNewest' },
  { value: 'name', label: 'catalogue.sortName' },
  { value: 'size', label: 'catalogue.sortSize' },
];

export function CatalogueToolbar(props: {
  text: string;
  onText(text: string): void;
  filter: CatalogueFilter;
  onFilter(filter: CatalogueFilter): void;
  sort: CatalogueSort;
  onSort(sort: CatalogueSort): void;
}) {
  const t = useT();
  return (
    <div className="toolbar-controls">
      <input
        type="search"
        className="search"
        aria-label={t('catalogue.search')}
        placeholder={t('catalogue.search')}
        value={props.text}
        onChange={(e) => props.onText(e.target.value)}
      />
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('catalogue.show')}</legend>
        {filters.map((f) => (
          <button
            key={f.value}
            type="button"
            aria-pressed={props.filter === f.value}
            onClick={() => props.onFilter(f.value)}
          >
            {t(f.label)}
          </button>
        ))}
      </fieldset>
      <label className="inline-field">
        <span>{t('catalogue.sort')}</span>
        <select value={props.sort} onChange={(e) => props.onSort(e.target.value as CatalogueSort)}>
          {sorts.map((s) => (
            <option key={s.value} value={s.value}>
              {t(s.label)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
