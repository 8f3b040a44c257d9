import { describe, expect, it } from "vitest";
import { groupSecret } from "./api";

describe("groupSecret", () => {
  it("splits the secret in groups of four for typing", () => {
    expect(groupSecret("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")).toBe("ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567");
    expect(groupSecret("ABCDEF")).toBe("ABCD EF");
    expect(groupSecret("")).toBe("");
  });
});
