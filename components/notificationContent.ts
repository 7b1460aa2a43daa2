// What a system notification of an arrived item looks like, the same whether the open page asks for it or the
// service worker shows a push message: the item's words, one per kind at a time (a newer missed call replaces the
// last), the app's icon. Shared by the page and worker/sw.ts, so it names nothing of either.
import type { DeliveryKind } from '@/machines/journeyTypes';
import { appIcons } from './ui/brand';

export type NotifiedItem = { kind: DeliveryKind; summary: string };

export function notificationOf(item: NotifiedItem): { title: string; options: NotificationOptions } {
  return { title: item.summary, options: { tag: item.kind, icon: appIcons[0].src, lang: 'en' } };
}

/** What a push message brings, read strictly: an item of a known kind with its words, or null for anything else. */
export function pushedItemFrom(data: unknown): NotifiedItem | null {
  const { kind, summary } = (data ?? {}) as Partial<NotifiedItem>;
  const kinds: readonly DeliveryKind[] = ['missedCall', 'message', 'meetingInvitation'];
  if (!kinds.includes(kind as DeliveryKind) || typeof summary !== 'string' || summary.length > 200)
    return null;
  return { kind: kind as DeliveryKind, summary };
}
