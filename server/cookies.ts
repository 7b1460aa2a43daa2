import 'server-only';
import { createHash } from 'node:crypto';
import { config } from './config';

/** One of the app's own cookies: HttpOnly, sent only to `path`, Secure wherever the app is served over https. */
export function ownCookie(name: string, value: string, path: string, maxAgeSeconds: number): string {
  const secure = config.baseUrl.startsWith('https:') ? '; Secure' : '';
  return `${name}=${value}; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

/** The value of a cookie the request carries, or null. */
export function cookieValue(headers: Headers, name: string): string | null {
  const cookies = (headers.get('cookie') ?? '').split(';').map((part) => part.trim());
  const found = cookies.find((cookie) => cookie.startsWith(`${name}=`));
  return found ? found.slice(name.length + 1) : null;
}

/** What the database keeps of a cookie's random value: its SHA-256, so a copy of the database opens nothing. */
export const hashOfCookieValue = (value: string) => createHash('sha256').update(value).digest('base64url');
