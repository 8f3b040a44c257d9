// The front desk at a glance: today's queue by status, appointments, payments and new patients, and
// the last 30 days as small bar charts. Refreshes every minute while shown.
import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { Dashboard } from "../bindings/Dashboard";
import type { DayActivity } from "../bindings/DayActivity";
import type { ErrorBody } from "../bindings/ErrorBody";
import { formatMoney } from "../billing/logic";
import { ErrorAlert } from "../components/ErrorAlert";
import { dashboard } from "./api";
import { layoutBars } from "./bars";

const REFRESH_MS = 60_000;

function Stat({ label, value, testId }: { label: string; value: string | number; testId: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

function DayBars({ title, series, pick, format }: {
  title: string;
  series: DayActivity[];
  pick: (d: DayActivity) => number;
  format: (v: number) => string;
}) {
  const width = 300;
  const height = 60;
  const bars = layoutBars(series.map((d) => ({ label: d.day, value: pick(d) })), width, height);
  return (
    <Card withBorder padding="sm">
      <Text size="sm" fw={600} mb={4}>
        {title}
      </Text>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} role="img" aria-label={title}>
        {bars.map((b) => (
          <rect key={b.label} x={b.x} y={b.y} width={b.width} height={b.height} fill="var(--mantine-color-blue-5)">
            <title>{`${b.label}: ${format(b.value)}`}</title>
          </rect>
        ))}
      </svg>
    </Card>
  );
}

export function DashboardScreen() {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      dashboard()
        .then((d) => live && (setData(d), setError(null)))
        .catch((e: unknown) => live && setError(api.toErrorBody(e)));
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, []);

  const money = (v: number) => (data ? formatMoney(v, data.currency, i18n.language) : String(v));
  return (
    <Stack data-testid="dashboard-screen">
      <Title order={2}>{t("dashboard.title")}</Title>
      <ErrorAlert error={error} />
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Stat label={t("dashboard.appointments")} value={data.appointments} testId="dash-appointments" />
            <Stat label={t("dashboard.visits")} value={data.today.visits} testId="dash-visits" />
            <Stat label={t("dashboard.collected")} value={money(data.today.collected)} testId="dash-collected" />
            <Stat label={t("dashboard.patients")} value={data.today.patients} testId="dash-patients" />
          </SimpleGrid>
          <Group gap="lg" data-testid="dash-queue">
            {(["booked", "waiting", "with_clinician", "done", "no_show", "cancelled"] as const).map((k) => (
              <Text key={k} size="sm">
                {t(`dashboard.queue.${k}`)}: <b data-testid={`dash-queue-${k}`}>{data.queue[k]}</b>
              </Text>
            ))}
            <Text size="sm">
              {t("dashboard.payments")}: <b>{data.payments}</b>
            </Text>
          </Group>
          <Title order={4}>{t("dashboard.last30")}</Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <DayBars title={t("dashboard.visits")} series={data.series} pick={(d) => d.visits} format={String} />
            <DayBars title={t("dashboard.collected")} series={data.series} pick={(d) => d.collected} format={money} />
            <DayBars title={t("dashboard.patients")} series={data.series} pick={(d) => d.patients} format={String} />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
