// A small SVG line chart of one vitals metric over the patient's visits (oldest left).
import { Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { VitalsPoint } from "../bindings/VitalsPoint";
import { formatDate } from "../format";
import { METRICS, metricSeries, scalePoints, type Metric } from "./logic";

const WIDTH = 640;
const HEIGHT = 160;
const COLORS = ["#1c7ed6", "#e8590c"];

export function VitalsChart({ points }: { points: VitalsPoint[] }) {
  const { t, i18n } = useTranslation();
  const [metric, setMetric] = useState<Metric>("bp");
  const series = metricSeries(points, metric);
  const lines = scalePoints(series, WIDTH, HEIGHT);
  const empty = lines.every((l) => l.length === 0);
  const first = points[0];
  const last = points[points.length - 1];
  return (
    <Stack gap="xs" data-testid="chart-vitals">
      <SegmentedControl
        size="xs"
        value={metric}
        onChange={(v) => setMetric(v as Metric)}
        data={METRICS.map((m) => ({ value: m, label: t(`chart.metric.${m}`) }))}
        data-testid="chart-metric"
      />
      {empty ? (
        <Text c="dimmed" size="sm">
          {t("chart.noVitals")}
        </Text>
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width="100%"
          role="img"
          aria-label={t(`chart.metric.${metric}`)}
          style={{ maxHeight: HEIGHT, border: "1px solid var(--mantine-color-gray-3)" }}
        >
          {lines.map((line, i) => (
            <g key={i} stroke={COLORS[i]} fill={COLORS[i]}>
              <polyline fill="none" strokeWidth={2} points={line.map((p) => `${p.x},${p.y}`).join(" ")} />
              {line.map((p, j) => (
                <circle key={j} cx={p.x} cy={p.y} r={3}>
                  <title>{p.value.toLocaleString(i18n.language)}</title>
                </circle>
              ))}
            </g>
          ))}
        </svg>
      )}
      {first && last && !empty && (
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {formatDate(first.taken_at, i18n.language)}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDate(last.taken_at, i18n.language)}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
