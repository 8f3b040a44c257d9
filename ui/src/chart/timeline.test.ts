import { describe, expect, it } from "vitest";
import type { ChartView } from "../bindings/ChartView";
import { timeline } from "./timeline";

describe("chart timeline", () => {
  it("interleaves encounters and prescriptions newest first", () => {
    const view = {
      patient: {} as ChartView["patient"],
      vitals: [],
      encounters: [
        { id: "e2", patient_id: "p", started_at: "2026-03-01T09:00:00+00:00", clinician_id: "d", clinician_name: "Dr", status: "open", chief_complaint: "Cough", primary_code: "J06.9", primary_title: "URI" },
        { id: "e1", patient_id: "p", started_at: "2026-01-01T09:00:00+00:00", clinician_id: "d", clinician_name: "Dr", status: "closed", chief_complaint: "Fever", primary_code: "", primary_title: "" },
      ],
      prescriptions: [
        { id: "r1", encounter_id: "", status: "issued", created_at: "2026-01-01T08:00:00+00:00", issued_at: "2026-02-01T09:00:00+00:00", drugs: "Paracetamol\nZinc" },
      ],
      attachments: [],
    } satisfies ChartView;
    const items = timeline(view);
    expect(items.map((i) => i.id)).toEqual(["e2", "r1", "e1"]);
    expect(items[0]?.detail).toBe("J06.9 URI");
    expect(items[1]?.title).toBe("Paracetamol, Zinc");
    expect(items[2]?.detail).toBe("");
  });
});

describe("attachments on the chart timeline", () => {
  it("places each document at the time it was attached, with its size and who attached it", () => {
    const sha = "a".repeat(64);
    const view = {
      patient: {} as ChartView["patient"],
      vitals: [],
      encounters: [
        { id: "e1", patient_id: "p", started_at: "2026-01-01T09:00:00+00:00", clinician_id: "d", clinician_name: "Dr", status: "closed", chief_complaint: "Fever", primary_code: "", primary_title: "" },
      ],
      prescriptions: [],
      attachments: [
        { sha256: sha, file_name: "referral.pdf", content_type: "application/pdf", size: 2048, added_by: "amina", added_at: "2026-02-01T10:00:00+00:00", removed: false },
      ],
    } satisfies ChartView;
    const items = timeline(view);
    expect(items.map((i) => [i.kind, i.id])).toEqual([["attachment", sha], ["encounter", "e1"]]);
    expect(items[0]?.title).toBe("referral.pdf");
    expect(items[0]?.detail).toBe("2.0 KiB · amina");
    expect(items[0]?.status).toBe("");
  });
});
