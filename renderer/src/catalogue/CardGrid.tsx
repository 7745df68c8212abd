import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, type ReactNode, useEffect, useRef } from 'react';
import { useElementWidth } from '../ui/use-element-width';

const minCardWidth = 232;
const gap = 16;
/** Everything under the 16:9 thumbnail; the card's CSS fixes it so rows never need measuring. */
export const cardBodyHeight = 176;

export interface GridLayout {
  columns: number;
  cardWidth: number;
  rowHeight: number;
}

export function gridLayout(width: number): GridLayout {
  const columns = Math.max(1, Math.floor((width + gap) / (minCardWidth + gap)));
  const cardWidth = Math.max(minCardWidth, (width - gap * (columns - 1)) / columns);
  return { columns, cardWidth, rowHeight: Math.round((cardWidth * 9) / 16) + cardBodyHeight + gap };
}

/**
 * A virtualized grid: rows of cards, only the rows near the viewport in the DOM, so a library of
 * 100,000 videos scrolls like one of ten. Asks for more when the last loaded rows come into view.
 */
export function CardGrid<T>(props: {
  items: readonly T[];
  label: string;
  keyOf(item: T): string;
  renderItem(item: T, index: number): ReactNode;
  onNearEnd?(): void;
  footer?: ReactNode;
}) {
  const { items, onNearEnd } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const layout = gridLayout(useElementWidth(scrollRef));
  const rowCount = Math.ceil(items.length / layout.columns);
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => layout.rowHeight,
    overscan: 2,
    paddingStart: 4,
    paddingEnd: 8,
  });

  useEffect(() => {
    if (layout.rowHeight > 0) virtualizer.measure();
  }, [layout.rowHeight, virtualizer]);

  const rows = virtualizer.getVirtualItems();
  const lastRow = rows[rows.length - 1]?.index ?? -1;
  useEffect(() => {
    if (rowCount > 0 && lastRow >= rowCount - 3) onNearEnd?.();
  }, [lastRow, rowCount, onNearEnd]);

  return (
    <div ref={scrollRef} className="grid-scroll">
      {/* biome-ignore lint/a11y/useSemanticElements: the virtual rows must sit between list and items, so ul/li cannot be used */}
      <div
        role="list"
        aria-label={props.label}
        className="grid"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {rows.map((row) => {
          const first = row.index * layout.columns;
          const rowItems = items.slice(first, first + layout.columns);
          return (
            <div
              key={row.key}
              role="none"
              className="grid-row"
              style={{
                transform: `translateY(${row.start}px)`,
                height: layout.rowHeight - gap,
                gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
              }}
            >
              {rowItems.map((item, offset) => (
                <Fragment key={props.keyOf(item)}>
                  {props.renderItem(item, first + offset)}
                </Fragment>
              ))}
            </div>
          );
        })}
      </div>
      {props.footer}
    </div>
  );
}
