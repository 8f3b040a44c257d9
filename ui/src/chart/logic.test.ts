import { describe, expect, it } from "vitest";
import type { VitalsPoint } from "../bindings/VitalsPoint";
import { bmiTenths, emptyVitals, metricSeries, parseScaled, scalePoints, tenths, toVitalsInput } from "./logic";

describe("vitals input", () => {
  it("parses decimals with a dot or a comma into integer core units", () => {
    expect(parseScaled("37.2", 10)).toBe(372);
    expect(parseScaled("37,2", 10)).toBe(372);
    expect(parseScaled("70.5", 1000)).toBe(70500);
    expect(parseScaled(" 120 ", 1)).toBe(120);
    expect(parseScaled("", 10)).toBeNull();
    expect(parseScaled("abc", 1)).toBeUndefined();
    expect(parseScaled("37.25", 10)).toBeUndefined();
    expect(parseScaled("-3", 1)).toBeUndefined();
  });

  it("builds the input and lists fields that are not numbers", () => {
    const draft = { ...emptyVitals(), pulse_bpm: "72", temperature_tenths_c: "38,1", weight_g: "x" };
    const { input, invalid } = toVitalsInput(draft);
    expect(input.pulse_bpm).toBe(72);
    expect(input.temperature_tenths_c).toBe(381);
    expect(input.systolic_mmhg).toBeNull();
    expect(invalid).toEqual(["weight_g"]);
  });
});

describe("BMI", () => {
  it("matches the core's formula", () => {
    expect(bmiTenths(70000, 1750)).toBe(229);
    expect(bmiTenths(3400, 500)).toBe(136);
    expect(bmiTenths(100000, 2000)).toBe(250);
    expect(bmiTenths(null, 1750)).toBeNull();
    expect(bmiTenths(70000, 0)).toBeNull();
    expect(tenths(229)).toBe("22.9");
    expect(tenths(229, "fr")).toBe("22,9");
  });
});

describe("trend chart", () => {
  const point = (p: Partial<VitalsPoint>): VitalsPoint => ({
    encounter_id: "e",
    taken_at: "2026-01-01T00:00:00Z",
    systolic_mmhg: null,
    diastolic_mmhg: null,
    pulse_bpm: null,
    temperature_tenths_c: null,
    respiratory_rate: null,
    spo2_percent: null,
    weight_g: null,
    height_mm: null,
    bmi_tenths: null,
    ...p,
  });

  it("draws two series for blood pressure and converts units", () => {
    const pts = [point({ systolic_mmhg: 120, diastolic_mmhg: 80 }), point({ temperature_tenths_c: 372 })];
    expect(metricSeries(pts, "bp")).toEqual([[120, null], [80, null]]);
    expect(metricSeries(pts, "temperature")).toEqual([[null, 37.2]]);
  });

  it("scales to the box, highest value on top, gaps left out", () => {
    const [line] = scalePoints([[100, null, 200]], 100, 50, 0);
    expect(line).toEqual([
      { x: 0, y: 50, value: 100 },
      { x: 100, y: 0, value: 200 },
    ]);
    expect(scalePoints([[null]], 100, 50)).toEqual([[]]);
  });
});
