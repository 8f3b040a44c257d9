// Attachment bytes across IPC (standard base64) and their display.

/** The largest file the core accepts (clinic_domain::attachment::MAX_ATTACHMENT_BYTES). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Standard base64 of `bytes`, built in chunks so a 10 MiB file does not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** "812 B", "1.5 KiB", "3.2 MiB". */
export function formatSize(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MiB`;
}
