/**
 * parseDateTimeUTC reads the common database shape at fixed positions and hands every other
 * shape to the general pattern: both paths must agree on what they accept and on the instant.
 * The formatters build the same text from lookup tables as from padStart.
 */
import { describe, expect, it } from "vitest";
import {
  formatDateTimeUTC,
  formatDateUTC,
  formatTimeUTC,
  parseDateTimeUTC,
} from "../../src/dialects/shared/processors.js";

const ms = (text: string): number | null => parseDateTimeUTC(text)?.getTime() ?? null;

describe("parseDateTimeUTC", () => {
  it("reads the database shape, fractions truncated to milliseconds", () => {
    expect(ms("2024-01-02 03:04:05")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(ms("2024-01-02T03:04:05.1")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 100));
    expect(ms("2024-01-02 03:04:05.12")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 120));
    expect(ms("2024-01-02 03:04:05.123456")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 123));
    expect(ms("2024-01-02 03:04:05.9999999")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 999));
    expect(ms("2024-02-29 23:59:58.123000")).toBe(Date.UTC(2024, 1, 29, 23, 59, 58, 123));
    expect(ms("1969-12-31 23:59:59.999")).toBe(-1);
  });

  it("applies offsets: Z, ±HH, ±HHMM, ±HH:MM", () => {
    const base = Date.UTC(2024, 0, 2, 3, 4, 5);
    expect(ms("2024-01-02 03:04:05Z")).toBe(base);
    expect(ms("2024-01-02 03:04:05z")).toBe(base);
    expect(ms("2024-01-02 03:04:05+00")).toBe(base);
    expect(ms("2024-01-02 03:04:05+05")).toBe(base - 5 * 3_600_000);
    expect(ms("2024-01-02 03:04:05-0530")).toBe(base + 330 * 60_000);
    expect(ms("2024-01-02 03:04:05.5+05:30")).toBe(base + 500 - 330 * 60_000);
    expect(ms("2024-01-02 03:04:05 +01")).toBe(base - 3_600_000);
  });

  it("leaves the other shapes to the general pattern", () => {
    expect(ms("2024-1-2 3:4:5")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(ms("2024-01-02")).toBe(Date.UTC(2024, 0, 2));
    expect(ms("2024-01-02 03:04")).toBe(Date.UTC(2024, 0, 2, 3, 4));
    const y99 = new Date(0);
    y99.setUTCFullYear(99, 0, 2);
    expect(ms("0099-01-02 00:00:00")).toBe(y99.getTime());
    const y10k = new Date(0);
    y10k.setUTCFullYear(10000, 0, 2);
    expect(ms("10000-01-02 00:00:00")).toBe(y10k.getTime());
  });

  it("rolls days, hours and months over as Date.UTC does", () => {
    expect(ms("2023-02-29 00:00:00")).toBe(Date.UTC(2023, 2, 1));
    expect(ms("2024-01-31 24:00:00")).toBe(Date.UTC(2024, 1, 1));
    expect(ms("2024-13-01 00:00:00")).toBe(Date.UTC(2025, 0, 1));
    expect(ms("2024-00-10 00:00:00")).toBe(Date.UTC(2023, 11, 10));
  });

  it("returns null for what is not a date-time", () => {
    for (const text of [
      "",
      "infinity",
      "2024-01-02 03:04:05.",
      "2024-01-02 03:04:05+",
      "2024-01-02 03:04:05+0",
      "2024-01-02 03:04:05+05:",
      "2024-01-02 03:04:05+05:3",
      "2024-01-02 03:04:05x",
      "2024-01-02 03:04:05.12a",
      "20x4-01-02 03:04:05",
      "2024-01-02 03:04:05 BC",
    ]) {
      expect(parseDateTimeUTC(text), text).toBeNull();
    }
  });

  it("agrees with Date's own parser over many instants", () => {
    // a deterministic walk over 1600-2400, with and without fractions and offsets
    let t = Date.UTC(1600, 0, 1);
    const step = 7_919_003_917;
    for (let i = 0; i < 2000; i++, t += step) {
      const iso = new Date(t).toISOString();
      const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
      expect(ms(text)).toBe(t);
      expect(ms(`${text.slice(0, 19)}-02:30`)).toBe(Math.floor(t / 1000) * 1000 + 150 * 60_000);
    }
  });
});

describe("formatDateTimeUTC", () => {
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const reference = (d: Date) =>
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`;

  it("writes SQLAlchemy's storage format in UTC", () => {
    expect(formatDateTimeUTC(new Date(0))).toBe("1970-01-01 00:00:00.000000");
    expect(formatDateTimeUTC(new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 7)))).toBe(
      "2024-02-29 23:59:58.007000",
    );
    expect(formatDateUTC(new Date(Date.UTC(2024, 0, 2, 3)))).toBe("2024-01-02");
    expect(formatTimeUTC(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 60)))).toBe("03:04:05.060000");
  });

  it("pads years outside 1000-9999 as before", () => {
    const d = new Date(Date.UTC(2000, 5, 6, 7, 8, 9, 123));
    for (const y of [5, 99, 999, 10000]) {
      d.setUTCFullYear(y);
      expect(formatDateTimeUTC(d)).toBe(reference(d));
    }
  });

  it("agrees with the padStart reference over many instants", () => {
    let t = Date.UTC(1600, 0, 1);
    for (let i = 0; i < 2000; i++, t += 7_919_003_917) {
      const d = new Date(t);
      expect(formatDateTimeUTC(d)).toBe(reference(d));
    }
  });

  it("refuses an Invalid Date", () => {
    expect(() => formatDateTimeUTC(new Date(Number.NaN))).toThrow("Invalid Date cannot be bound");
  });
});
