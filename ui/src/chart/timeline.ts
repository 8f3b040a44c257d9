// The chart's timeline: encounters, prescriptions and attached documents, newest first.
import { formatSize } from "../attachments";
import type { ChartView } from "../bindings/ChartView";

export type TimelineItem = {
  kind: "encounter" | "prescription" | "attachment" | "lab";
  id: string;
  at: string;
  title: string;
  detail: string;
  status: string;
  /** Lab orders: results flagged low, high, critical or abnormal. */
  flagged?: number;
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
    // id: the attachment's SHA-256, what `open_attachment` takes.
    ...view.attachments.map((a) => ({
      kind: "attachment" as const,
      id: a.sha256,
      at: a.added_at,
      title: a.file_name,
      detail: `${formatSize(a.size)} · ${a.added_by}`,
      status: "",
    })),
    // Lab orders (when the role may see them): at validation, else when ordered.
    ...(view.lab_orders ?? []).map((o) => ({
      kind: "lab" as const,
      id: o.id,
      at: o.validated_at || o.ordered_at,
      title: o.tests,
      detail: o.sample_id,
      status: o.status,
      flagged: o.abnormal_count,
    })),
  ];
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
