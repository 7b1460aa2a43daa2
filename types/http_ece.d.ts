// http_ece (Martin Thomson's RFC 8188 encrypted content-encoding, what web-push encrypts with) ships no types:
// the one call the push tests make, to decrypt what a push service would carry (RFC 8291, aes128gcm).
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';
  export function decrypt(
    buffer: Buffer,
    params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string },
  ): Buffer;
}
