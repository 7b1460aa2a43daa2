import { type KeyboardEvent, useEffect, useRef } from 'react';
import type { JourneyEvent, SessionView } from '@/machines/journeyTypes';

function menuItemsOf(menu: HTMLElement | null): HTMLElement[] {
  return [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
}

function initialsOf(name: string) {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

/**
 * The avatar button and its panel, as a menu button (WAI-ARIA APG): Enter, Space or ArrowDown open it with
 * focus on its first item, the arrow keys move between items, Escape closes it. Open or closed is the
 * machine's state, not this component's.
 */
export function AccountMenu({
  session,
  open,
  busy,
  send,
}: {
  session: SessionView;
  open: boolean;
  busy: boolean;
  send: (event: JourneyEvent) => void;
}) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const before = useRef({ open, busy });

  // Focus follows the menu: onto its first item when it opens, back to the avatar when it closes or a logout fails.
  useEffect(() => {
    const returnedToHome = (before.current.open && !open) || (before.current.busy && !busy);
    if (open) menuItemsOf(menuRef.current)[0]?.focus();
    else if (returnedToHome && !busy) buttonRef.current?.focus();
    before.current = { open, busy };
  }, [open, busy]);

  useEffect(() => {
    if (!open) return;
    // A click anywhere outside the panel closes it, as menus do.
    const closeOnOutsideClick = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target))
        send({ type: 'CLOSE_MENU' });
    };
    document.addEventListener('pointerdown', closeOnOutsideClick);
    return () => document.removeEventListener('pointerdown', closeOnOutsideClick);
  }, [open, send]);

  function onButtonKeyDown(event: KeyboardEvent) {
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !open) {
      event.preventDefault();
      send({ type: 'OPEN_MENU' });
    }
  }

  function onMenuKeyDown(event: KeyboardEvent) {
    const all = menuItemsOf(menuRef.current);
    const at = all.indexOf(document.activeElement as HTMLElement);
    const moveTo = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (moveTo !== undefined) {
      event.preventDefault();
      all[(moveTo + all.length) % all.length]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      send({ type: 'CLOSE_MENU' });
    }
  }

  return (
    <div className="account">
      <button
        ref={buttonRef}
        type="button"
        className="avatar"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="account-menu"
        disabled={busy}
        onClick={() => send({ type: open ? 'CLOSE_MENU' : 'OPEN_MENU' })}
        onKeyDown={onButtonKeyDown}
      >
        <span aria-hidden="true">{initialsOf(session.user.name)}</span>
        <span className="visually-hidden">Account menu</span>
      </button>
      <div ref={panelRef} className="account-panel" hidden={!open}>
        <p className="account-name">{session.user.name}</p>
        <p className="account-email">{session.user.email}</p>
        <p className="account-number">
          {session.account.name} · account {session.account.number}
        </p>
        <div
          ref={menuRef}
          id="account-menu"
          role="menu"
          aria-label="Account"
          tabIndex={-1}
          onKeyDown={onMenuKeyDown}
        >
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="logout"
            onClick={() => send({ type: 'LOGOUT' })}
          >
            Logout
          </button>
        </div>
      </div>
    </div>
  );
}
