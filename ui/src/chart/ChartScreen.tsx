// The patient's chart: header with allergies first, vitals trend, timeline of encounters and
// prescriptions (newest first); opening or starting an encounter shows its form.
import { Alert, Badge, Button, Center, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ChartView } from "../bindings/ChartView";
import type { ErrorBody } from "../bindings/ErrorBody";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDateTime } from "../format";
import { useRole } from "../prescriptions/useRole";
import * as chart from "./api";
import { EncounterForm } from "./EncounterForm";
import { timeline } from "./timeline";
import { VitalsChart } from "./VitalsChart";

type Props = { patientId: string; onBack: () => void };

export function ChartScreen({ patientId, onBack }: Props) {
  const { t, i18n } = useTranslation();
  const role = useRole();
  const [view, setView] = useState<ChartView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    chart
      .openChart(patientId)
      .then(setView)
      .catch((e: unknown) => setError(e as ErrorBody));
  }, [patientId]);
  useEffect(load, [load]);

  const start = async () => {
    setBusy(true);
    try {
      const e = await chart.openEncounter({ patient_id: patientId, chief_complaint: "" });
      load();
      setSelected(e.id);
    } catch (e) {
      setError(e as ErrorBody);
    } finally {
      setBusy(false);
    }
  };

  if (!view) return <Center py="xl">{error ? <ErrorAlert error={error} onRetry={load} /> : <Loader />}</Center>;
  const p = view.patient.patient;
  const writer = role === "doctor" || role === "nurse";

  return (
    <Stack data-testid="chart-screen">
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Title order={2}>
            {p.given_name} {p.family_name}
          </Title>
          <Text c="dimmed">
            {p.number} · {p.birth_date}
          </Text>
        </Stack>
        <Group>
          <Button variant="default" onClick={onBack} data-testid="chart-back">
            {t("chart.backToPatient")}
          </Button>
          {writer && (
            <Button loading={busy} onClick={() => void start()} data-testid="chart-new-encounter">
              {t("chart.newEncounter")}
            </Button>
          )}
        </Group>
      </Group>
      <Alert
        color={p.allergies.length > 0 ? "red" : "gray"}
        title={t("chart.allergies")}
        data-testid="chart-allergies"
      >
        {p.allergies.length === 0
          ? t("chart.noAllergies")
          : p.allergies.map((a) => (
              <Badge key={a.id} color="red" size="lg" mr="xs" variant={a.severity === "mild" ? "light" : "filled"}>
                {a.substance} ({t(`severity.${a.severity}`)}){a.reaction ? ` — ${a.reaction}` : ""}
              </Badge>
            ))}
        {p.chronic_conditions.length > 0 && (
          <Text size="sm" mt="xs">
            {t("chart.conditions")}: {p.chronic_conditions.join(", ")}
          </Text>
        )}
      </Alert>
      <ErrorAlert error={error} testId="chart-error" />
      {selected ? (
        <EncounterForm key={selected} id={selected} role={role} onChanged={load} onBack={() => setSelected(null)} />
      ) : (
        <>
          <Title order={4}>{t("chart.trend")}</Title>
          <VitalsChart points={view.vitals} />
          <Title order={4}>{t("chart.timeline")}</Title>
          <Table highlightOnHover data-testid="chart-timeline">
            <Table.Tbody>
              {timeline(view).map((item) => (
                <Table.Tr
                  key={item.id}
                  tabIndex={item.kind === "encounter" ? 0 : undefined}
                  style={item.kind === "encounter" ? { cursor: "pointer" } : undefined}
                  onClick={item.kind === "encounter" ? () => setSelected(item.id) : undefined}
                  onKeyDown={(e) => {
                    if (item.kind === "encounter" && e.key === "Enter") setSelected(item.id);
                  }}
                  data-testid={`timeline-${item.kind}`}
                >
                  <Table.Td>{formatDateTime(item.at, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`chart.kind.${item.kind}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{item.title}</Table.Td>
                  <Table.Td>{item.detail}</Table.Td>
                  <Table.Td>{item.status && t(`chart.status.${item.status}`, { defaultValue: item.status })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {view.encounters.length === 0 && view.prescriptions.length === 0 && (
            <Text c="dimmed">{t("chart.noEncounters")}</Text>
          )}
        </>
      )}
    </Stack>
  );
}
