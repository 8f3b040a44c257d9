// The chart's timeline: encounters and prescriptions, newest first.
import type { ChartView } from "../bindings/ChartView";

export type TimelineItem = {
  kind: "encounter" | "prescription";
  id: string;
  at: string;
  title: string;
  detail: string;
  status: string;
};

export function timeline(view: ChartView): TimelineItem[] {
  const items: TimelineItem[] = [
    ...view.encounters.map((e) => ({
      kind: "encounter" as const,
      id: e.id,
      at: e.started_at,
      title: e.chief_complaint,
      detail: e.primary_code ? `${e.primary_code} ${e.primary_title}` : "",
      status: e.status,
    })),
    ...view.prescriptions.map((p) => ({
      kind: "prescription" as const,
      id: p.id,
      at: p.issued_at || p.created_at,
      title: p.drugs.split("\n").join(", "),
      detail: "",
      status: p.status,
    })),
  ];
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
