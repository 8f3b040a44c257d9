// Shown on a patient merged into another: which one, with an Undo (the merge is reversible).
import { Alert, Button, Group, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import { ErrorAlert } from "../components/ErrorAlert";

type Props = {
  patientId: string;
  mergedInto: string;
  onOpen: (id: string) => void;
  onUndone: () => void;
};

export function MergedNotice({ patientId, mergedInto, onOpen, onUndone }: Props) {
  const { t } = useTranslation();
  const [number, setNumber] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  useEffect(() => {
    if (!mergedInto) return;
    api
      .getPatient(mergedInto)
      .then((v) => setNumber(v.patient.number))
      .catch(() => setNumber(""));
  }, [mergedInto]);

  if (!mergedInto) return null;
  const undo = () => {
    setBusy(true);
    setError(null);
    api
      .unmergePatient(patientId)
      .then(() => {
        window.dispatchEvent(new Event(api.SYNC_ISSUES_CHANGED));
        onUndone();
      })
      .catch((e: unknown) => setError(api.toErrorBody(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Alert color="gray" variant="light" data-testid="patient-merged">
      <Group justify="space-between">
        <Text size="sm">
          {t("patient.mergedInto", { number: number || mergedInto.slice(0, 8) })}{" "}
          <Button variant="subtle" size="compact-sm" onClick={() => onOpen(mergedInto)}>
            {number || mergedInto.slice(0, 8)}
          </Button>
        </Text>
        <Button size="xs" variant="light" loading={busy} data-testid="patient-unmerge" onClick={undo}>
          {t("patient.unmerge")}
        </Button>
      </Group>
      <ErrorAlert error={error} />
    </Alert>
  );
}
