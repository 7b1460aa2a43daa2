import { type KeyboardEvent, useEffect, useRef } from 'react';
import type { JourneyEvent, SessionView } from '@/machines/journeyTypes';

function initialsOf(name: string) {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

/** The avatar button and its panel; open or closed is the machine's state, not this component's. */
export function AccountMenu({
  user,
  open,
  busy,
  send,
}: {
  user: SessionView['user'];
  open: boolean;
  busy: boolean;
  send: (event: JourneyEvent) => void;
}) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const logoutRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const before = useRef({ open, busy });

  // Focus follows the menu: onto Logout when it opens, back to the avatar when it closes or a logout fails.
  useEffect(() => {
    const returnedToHome = (before.current.open && !open) || (before.current.busy && !busy);
    if (open) logoutRef.current?.focus();
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

  function closeOnEscape(event: KeyboardEvent) {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      send({ type: 'CLOSE_MENU' });
    }
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the menu closes it; the keys live on its buttons.
    <div className="account" onKeyDown={closeOnEscape}>
      <button
        ref={buttonRef}
        type="button"
        className="avatar"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls="account-panel"
        disabled={busy}
        onClick={() => send({ type: open ? 'CLOSE_MENU' : 'OPEN_MENU' })}
      >
        <span aria-hidden="true">{initialsOf(user.name)}</span>
        <span className="visually-hidden">Account menu</span>
      </button>
      <div ref={panelRef} id="account-panel" className="account-panel" hidden={!open}>
        <p className="account-name">{user.name}</p>
        <p className="account-email">{user.email}</p>
        <button ref={logoutRef} type="button" className="logout" onClick={() => send({ type: 'LOGOUT' })}>
          Logout
        </button>
      </div>
    </div>
  );
}
