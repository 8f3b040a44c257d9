// Pure helpers of the chart: typed vitals (°C, kg, cm with a comma or a dot) to the core's integer
// units, live BMI (same formula as the core), and the trend chart's scaling.
import type { VitalsInput } from "../bindings/VitalsInput";
import type { VitalsPoint } from "../bindings/VitalsPoint";

export type VitalsField = keyof VitalsInput;
export type VitalsDraft = Record<VitalsField, string>;

/** Fields in form order, with how many core units one typed unit is (°C → tenths, kg → g, cm → mm). */
export const VITALS_FIELDS: readonly { field: VitalsField; scale: number }[] = [
  { field: "systolic_mmhg", scale: 1 },
  { field: "diastolic_mmhg", scale: 1 },
  { field: "pulse_bpm", scale: 1 },
  { field: "temperature_tenths_c", scale: 10 },
  { field: "respiratory_rate", scale: 1 },
  { field: "spo2_percent", scale: 1 },
  { field: "weight_g", scale: 1000 },
  { field: "height_mm", scale: 10 },
];

export const emptyVitals = (): VitalsDraft =>
  Object.fromEntries(VITALS_FIELDS.map(({ field }) => [field, ""])) as VitalsDraft;

/** "37,2" with scale 10 → 372; "" → null; anything else (or too many decimals) → undefined. */
export function parseScaled(text: string, scale: number): number | null | undefined {
  const s = text.trim().replace(",", ".");
  if (s === "") return null;
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  const value = Number(s) * scale;
  const rounded = Math.round(value);
  return Math.abs(value - rounded) < 1e-6 ? rounded : undefined;
}

/** The input to send, and the fields whose text is not a number (shown as errors, nothing sent). */
export function toVitalsInput(draft: VitalsDraft): { input: VitalsInput; invalid: VitalsField[] } {
  const input = {} as VitalsInput;
  const invalid: VitalsField[] = [];
  for (const { field, scale } of VITALS_FIELDS) {
    const v = parseScaled(draft[field], scale);
    if (v === undefined) invalid.push(field);
    input[field] = v ?? null;
  }
  return { input, invalid };
}

/** BMI in tenths of kg/m² from grams and millimetres, rounded half up, like the core. */
export function bmiTenths(weightG: number | null, heightMm: number | null): number | null {
  if (weightG === null || heightMm === null || weightG <= 0 || heightMm <= 0) return null;
  const h2 = heightMm * heightMm;
  return Math.floor((weightG * 10000 + Math.floor(h2 / 2)) / h2);
}

/** 229 → "22.9" (with the locale's decimal sign). */
export function tenths(n: number | null, locale = "en"): string {
  if (n === null) return "";
  return (n / 10).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

export type Metric = "bp" | "pulse" | "temperature" | "weight" | "bmi" | "spo2";
export const METRICS: readonly Metric[] = ["bp", "pulse", "temperature", "weight", "bmi", "spo2"];

/** The series a metric draws (two for blood pressure), in display units. */
export function metricSeries(points: VitalsPoint[], metric: Metric): (number | null)[][] {
  const pick = (f: (p: VitalsPoint) => number | null, scale = 1) =>
    points.map((p) => {
      const v = f(p);
      return v === null ? null : v / scale;
    });
  switch (metric) {
    case "bp":
      return [pick((p) => p.systolic_mmhg), pick((p) => p.diastolic_mmhg)];
    case "pulse":
      return [pick((p) => p.pulse_bpm)];
    case "temperature":
      return [pick((p) => p.temperature_tenths_c, 10)];
    case "weight":
      return [pick((p) => p.weight_g, 1000)];
    case "bmi":
      return [pick((p) => p.bmi_tenths, 10)];
    case "spo2":
      return [pick((p) => p.spo2_percent)];
  }
}

/** SVG coordinates of each present value, x by index, y scaled to the values of every series. */
export function scalePoints(
  series: (number | null)[][],
  width: number,
  height: number,
  pad = 10,
): { x: number; y: number; value: number }[][] {
  const all = series.flat().filter((v): v is number => v !== null);
  if (all.length === 0) return series.map(() => []);
  const min = Math.min(...all);
  const max = Math.max(...all);
  const span = max - min || 1;
  const n = Math.max(...series.map((s) => s.length));
  const x = (i: number) => (n <= 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1));
  const y = (v: number) => height - pad - ((v - min) * (height - 2 * pad)) / span;
  return series.map((s) =>
    s.flatMap((v, i) => (v === null ? [] : [{ x: x(i), y: y(v), value: v }])),
  );
}
