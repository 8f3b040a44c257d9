import { describe, expect, it } from "vitest";
import { formatSize, fromBase64, toBase64 } from "./attachments";

describe("attachment bytes", () => {
  it("round-trip through base64, also beyond one chunk", () => {
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(fromBase64(toBase64(big))).toEqual(big);
    expect(toBase64(new TextEncoder().encode("%PDF-"))).toBe("JVBERi0=");
  });

  it.each([
    [812, "812 B"],
    [1536, "1.5 KiB"],
    [10 * 1024 * 1024, "10.0 MiB"],
  ])("format %i as %s", (size, text) => {
    expect(formatSize(size)).toBe(text);
  });
});
