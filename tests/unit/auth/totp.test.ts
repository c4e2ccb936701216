import { generate, verify } from "otplib";
import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  newTotpSecret,
  otpauthUri,
  STEP_SECONDS,
  stepAt,
  totpAt,
} from "@/lib/auth/totp";

/** RFC 6238 appendix B: the SHA-1 key is the ASCII of "12345678901234567890". */
const RFC_KEY = Buffer.from("12345678901234567890", "ascii");
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
];

describe("TOTP (RFC 6238, HMAC-SHA1, 30 s steps)", () => {
  it.each(RFC_VECTORS)("at T=%i gives %s with 8 digits, and its last 6 with 6", (t, code) => {
    expect(totpAt(RFC_KEY, t * 1000, 8)).toBe(code);
    expect(totpAt(RFC_KEY, t * 1000)).toBe(code.slice(2));
  });

  it("HOTP gives RFC 4226's first codes", () => {
    // RFC 4226 appendix D, same key.
    expect([0, 1, 2, 9].map((c) => hotp(RFC_KEY, c))).toEqual(["755224", "287082", "359152", "520489"]);
  });

  it("base32 round-trips any bytes and reads what people type", () => {
    expect(base32Encode(Buffer.from("12345678901234567890"))).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Encode(Buffer.from("f"))).toBe("MY");
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    for (let n = 0; n < 64; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 0xff));
      expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    }
    expect(base32Decode("mzxw 6ytb oi==")).toEqual(Buffer.from("foobar"));
    expect(base32Decode("MZXW1")).toBeNull();
  });

  it("makes secrets of at least 20 random bytes, never the same twice", () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)?.length).toBe(20);
    expect(newTotpSecret()).not.toBe(a);
  });

  it("accepts the current step and one step either side, and nothing further", () => {
    const now = 1_111_111_111_000;
    const step = stepAt(now);
    const at = (s: number) => hotp(RFC_KEY, s);
    expect(matchTotp(RFC_KEY, at(step), now)).toBe(step);
    expect(matchTotp(RFC_KEY, at(step - 1), now)).toBe(step - 1);
    expect(matchTotp(RFC_KEY, at(step + 1), now)).toBe(step + 1);
    expect(matchTotp(RFC_KEY, at(step - 2), now)).toBeNull();
    expect(matchTotp(RFC_KEY, at(step + 2), now)).toBeNull();
    expect(matchTotp(RFC_KEY, "12345", now)).toBeNull();
    expect(matchTotp(RFC_KEY, "abcdef", now)).toBeNull();
  });

  it("refuses a code of a step at or before the last one used (a code works once)", () => {
    const now = 1_234_567_890_000;
    const step = stepAt(now);
    const code = hotp(RFC_KEY, step);
    expect(matchTotp(RFC_KEY, code, now, step - 1)).toBe(step);
    expect(matchTotp(RFC_KEY, code, now, step)).toBeNull();
    expect(matchTotp(RFC_KEY, code, now, step + 1)).toBeNull();
    // The previous step's code is refused once the current one has been used.
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step - 1), now, step)).toBeNull();
    // Half a minute later the next code is accepted.
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step + 1), now + STEP_SECONDS * 1000, step)).toBe(step + 1);
  });

  it("builds the otpauth link authenticator apps read", () => {
    const uri = new URL(otpauthUri("Kapstone", "ana@clinic.example", "JBSWY3DPEHPK3PXP"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Kapstone:ana@clinic.example");
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: "JBSWY3DPEHPK3PXP",
      issuer: "Kapstone",
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
  });
});

describe("cross-checked against otplib", () => {
  const moments = [0, 59, 1_111_111_109, 1_700_000_000, 1_800_000_015, 2_000_000_000];

  it("gives the same codes as otplib for random secrets", async () => {
    for (let i = 0; i < 5; i++) {
      const secret = newTotpSecret();
      const key = base32Decode(secret) as Buffer;
      for (const epoch of moments) {
        expect(totpAt(key, epoch * 1000)).toBe(await generate({ secret, epoch }));
      }
    }
  });

  it("otplib accepts the codes this implementation makes", async () => {
    const secret = newTotpSecret();
    const key = base32Decode(secret) as Buffer;
    const epoch = 1_750_000_000;
    const result = await verify({ secret, token: totpAt(key, epoch * 1000), epoch });
    expect(result.valid).toBe(true);
  });
});
