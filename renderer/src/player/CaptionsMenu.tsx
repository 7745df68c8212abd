import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { PlaybackSource } from '../../../main/contract/index';
import { useT } from '../i18n/use-t';
import { CaptionsIcon } from './icons';

interface Props {
  captions: PlaybackSource['captions'];
  chosen: number | null;
  onChoose(index: number | null): void;
}

/** The "Captions" button and its menu: Off plus one radio item per caption language. */
export function CaptionsMenu({ captions, chosen, onChoose }: Props) {
  const [open, setOpen] = useState(false);
  const t = useT();
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const options = [
    { label: t('captions.off'), index: null },
    ...captions.map((c, index) => ({ label: c.label, index })),
  ];

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus();
    const closeOutside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [
      ...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? []),
    ];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    // Keys used inside the menu never reach the player's shortcuts (Esc must not leave the video).
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.stopPropagation();
      if (event.key === 'Escape') event.preventDefault();
      close();
    } else if (event.key in moves) {
      event.stopPropagation();
      event.preventDefault();
      const step = moves[event.key] ?? 0;
      items[(at + step + items.length) % items.length]?.focus();
    }
  };

  const label =
    chosen === null
      ? t('captions.offTitle')
      : t('captions.onTitle', { language: captions[chosen]?.label ?? '' });
  return (
    <div className="player-captions">
      <button
        ref={button}
        type="button"
        className="player-button"
        aria-label={t('captions.label')}
        title={captions.length === 0 ? t('captions.none') : label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-active={chosen !== null}
        disabled={captions.length === 0}
        onClick={() => setOpen((was) => !was)}
      >
        <CaptionsIcon />
      </button>
      {open && (
        <div
          id={menuId}
          ref={menu}
          role="menu"
          aria-label={t('captions.label')}
          className="player-menu"
          onKeyDown={onMenuKey}
        >
          {options.map((option) => (
            <button
              key={option.index ?? 'off'}
              type="button"
              role="menuitemradio"
              aria-checked={option.index === chosen}
              tabIndex={option.index === chosen ? 0 : -1}
              onClick={() => {
                onChoose(option.index);
                close();
              }}
            >
              {option.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
