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
import type { LabOrderView } from "../bindings/LabOrderView";
import * as lab from "../lab/api";
import { canOrderLab } from "../lab/flags";
import { LabOrderPanel } from "../lab/LabOrderPanel";
import { OrderLabForm } from "../lab/OrderLabForm";
import { useSessionUser } from "../lab/useSessionUser";
import { ChartAttachmentView, useChartAttachment } from "./ChartAttachment";
import { EncounterForm } from "./EncounterForm";
import { timeline, type TimelineItem } from "./timeline";
import { VitalsChart } from "./VitalsChart";
import { enumLabel, fieldLabel } from "../i18n/messages";

type Props = { patientId: string; onBack: () => void };

export function ChartScreen({ patientId, onBack }: Props) {
  const { t, i18n } = useTranslation();
  const role = useRole();
  const [view, setView] = useState<ChartView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const doc = useChartAttachment(patientId, setError);
  const user = useSessionUser();
  const [labView, setLabView] = useState<LabOrderView | null>(null);
  // Encounters open their form; documents open like on the patient page; prescriptions are read here.
  const activate = (item: TimelineItem) => {
    if (item.kind === "encounter") setSelected(item.id);
    else if (item.kind === "attachment") doc.open(item.id);
    else if (item.kind === "lab") lab.labOrder(item.id).then(setLabView, (e: unknown) => setError(e as ErrorBody));
  };

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
        {p.past_surgeries.length > 0 && (
          <Text size="sm" data-testid="chart-past-surgeries">
            {fieldLabel(t, "past_surgeries")}:{" "}
            {p.past_surgeries
              .map((s) => t("history.surgeryLine", { procedure: s.procedure, date: s.date || t("history.unknownDate") }))
              .join(", ")}
          </Text>
        )}
        {p.family_history.length > 0 && (
          <Text size="sm" data-testid="chart-family-history">
            {fieldLabel(t, "family_history")}:{" "}
            {p.family_history.map((f) => `${enumLabel(t, "relation", f.relation)}: ${f.condition}`).join(", ")}
          </Text>
        )}
      </Alert>
      <ErrorAlert error={error} testId="chart-error" />
      {selected ? (
        <>
          <EncounterForm key={selected} id={selected} role={role} onChanged={load} onBack={() => setSelected(null)} />
          {role && canOrderLab(role) && <OrderLabForm encounterId={selected} onOrdered={load} />}
        </>
      ) : (
        <>
          <Title order={4}>{t("chart.trend")}</Title>
          <VitalsChart points={view.vitals} />
          <Title order={4}>{t("chart.timeline")}</Title>
          <Table highlightOnHover data-testid="chart-timeline">
            <Table.Tbody>
              {timeline(view).map((item) => (
                <Table.Tr
                  key={`${item.kind}-${item.id}`}
                  tabIndex={item.kind === "prescription" ? undefined : 0}
                  data-status={item.status}
                  style={item.kind === "prescription" ? undefined : { cursor: "pointer" }}
                  onClick={item.kind === "prescription" ? undefined : () => activate(item)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") activate(item);
                  }}
                  data-testid={`timeline-${item.kind}`}
                  data-id={item.id}
                >
                  <Table.Td>{formatDateTime(item.at, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`chart.kind.${item.kind}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{item.title}</Table.Td>
                  <Table.Td>{item.detail}</Table.Td>
                  <Table.Td>
                    {item.status && t(item.kind === "lab" ? `lab.status.${item.status}` : `chart.status.${item.status}`, { defaultValue: item.status })}
                    {item.flagged ? (
                      <Badge ml={4} color="orange" data-testid="timeline-lab-flagged">
                        {t("lab.chart.abnormal", { n: item.flagged })}
                      </Badge>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <ChartAttachmentView opened={doc.opened} busy={doc.busy} />
          {labView && role && user && (
            <LabOrderPanel key={labView.id} view={labView} role={role} userId={user.id} catalogue={[]}
              onChange={(v) => (setLabView(v), load())} />
          )}
          {view.encounters.length === 0 && view.prescriptions.length === 0 && view.attachments.length === 0 && (
            <Text c="dimmed">{t("chart.noEncounters")}</Text>
          )}
        </>
      )}
    </Stack>
  );
}
