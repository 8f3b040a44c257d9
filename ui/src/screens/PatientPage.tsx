// One patient: details, allergies, attachments, concurrent-edit conflicts, history; edit, delete,
// restore and export as FHIR.
import { Button, Center, Divider, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { PatientView } from "../bindings/PatientView";
import { OpenChartButton } from "../chart/OpenChartButton";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDateTime } from "../format";
import { fieldLabel } from "../i18n/messages";
import { AllergyList } from "../patient/AllergyList";
import { AttachmentsPanel } from "../patient/AttachmentsPanel";
import { ConflictsPanel } from "../patient/ConflictsPanel";
import { DeleteConfirm } from "../patient/DeleteConfirm";
import { FhirExportButton } from "../patient/FhirExportButton";
import { HistoryList } from "../patient/HistoryList";
import { MergedNotice } from "../patient/MergedNotice";
import { PatientDetails } from "../patient/PatientDetails";
import { PrescriptionsPanel } from "../prescriptions/PrescriptionsPanel";
import type { Route } from "./MainShell";

type Props = { id: string; initial?: PatientView | undefined; navigate: (route: Route) => void };

export function PatientPage({ id, initial, navigate }: Props) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<PatientView | null>(initial ?? null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const loadHistory = useCallback(() => {
    api
      .patientHistory(id)
      .then(setHistory)
      .catch((e: unknown) => setError(api.toErrorBody(e)));
  }, [id]);

  useEffect(() => {
    // A view just returned by a save is shown as is: opening it again would audit a second view.
    setError(null);
    if (!initial || attempt > 0) {
      api
        .getPatient(id)
        .then(setView)
        .catch((e: unknown) => setError(api.toErrorBody(e)));
    }
    loadHistory();
  }, [id, initial, loadHistory, attempt]);

  const act = async (action: (id: string) => Promise<PatientView>) => {
    setBusy(true);
    setError(null);
    try {
      setView(await action(id));
      setConfirming(false);
      loadHistory();
    } catch (e) {
      const body = api.toErrorBody(e);
      if (!api.isSessionError(body)) setError(body);
    } finally {
      setBusy(false);
    }
  };

  if (!view) {
    const retry = () => setAttempt((n) => n + 1);
    return <Center py="xl">{error ? <ErrorAlert error={error} onRetry={retry} /> : <Loader />}</Center>;
  }
  const p = view.patient;
  const locale = i18n.language;

  return (
    <Stack>
      <Group justify="space-between" align="start">
        <PatientDetails patient={p} />
        <Group>
          <FhirExportButton patientId={id} number={p.number} onError={setError} />
          {!p.deleted && <OpenChartButton onOpen={() => navigate({ name: "chart", id })} />}
          {!p.deleted && (
            <Button onClick={() => navigate({ name: "edit", id })} data-testid="patient-edit">
              {t("patient.edit")}
            </Button>
          )}
          {p.deleted ? (
            <Button loading={busy} onClick={() => void act(api.restorePatient)} data-testid="patient-restore">
              {t("patient.restore")}
            </Button>
          ) : (
            <Button color="red" variant="light" onClick={() => setConfirming(true)} data-testid="patient-delete">
              {t("patient.delete")}
            </Button>
          )}
        </Group>
      </Group>
      <ErrorAlert error={error} testId="patient-error" onRetry={() => setAttempt((n) => n + 1)} />
      <MergedNotice
        patientId={id}
        mergedInto={p.merged_into}
        onOpen={(other) => navigate({ name: "patient", id: other })}
        onUndone={() => setAttempt((n) => n + 1)}
      />
      <Title order={3}>{fieldLabel(t, "allergies")}</Title>
      <AllergyList allergies={p.allergies} />
      <PrescriptionsPanel patientId={id} />
      <AttachmentsPanel
        patientId={id}
        attachments={p.attachments}
        onChange={(next) => {
          setView(next);
          loadHistory();
        }}
      />
      <ConflictsPanel conflicts={view.conflicts} />
      <Divider />
      <Text size="xs" c="dimmed">
        {t("patient.created", { date: formatDateTime(view.created_at, locale) })} ·{" "}
        {t("patient.updated", { date: formatDateTime(view.updated_at, locale) })}
      </Text>
      <Title order={3}>{t("patient.history")}</Title>
      <HistoryList entries={history} />
      <DeleteConfirm
        opened={confirming}
        name={`${p.given_name} ${p.family_name}`}
        busy={busy}
        onConfirm={() => void act(api.deletePatient)}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}
