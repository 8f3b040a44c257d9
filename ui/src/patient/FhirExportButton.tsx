// "Export FHIR": asks the core for the patient's FHIR R4 Bundle and offers it as a file to save.
import { Anchor, Button, Group } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import { fhirBlobUrl, fhirFileName } from "../fhir";

type Props = { patientId: string; number: string; onError: (error: ErrorBody | null) => void };

export function FhirExportButton({ patientId, number, onError }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<{ url: string; name: string } | null>(null);

  useEffect(() => () => {
    if (file) URL.revokeObjectURL(file.url);
  }, [file]);

  const exportBundle = async () => {
    setBusy(true);
    onError(null);
    try {
      const json = await api.exportFhirBundle(patientId);
      setFile({ url: fhirBlobUrl(json), name: fhirFileName(number) });
    } catch (e) {
      const body = api.toErrorBody(e);
      if (!api.isSessionError(body)) onError(body);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Group gap="xs">
      <Button variant="default" loading={busy} onClick={() => void exportBundle()} data-testid="patient-fhir-export">
        {t("patient.fhirExport")}
      </Button>
      {file && (
        <Anchor href={file.url} download={file.name} data-testid="patient-fhir-download">
          {t("patient.fhirDownload", { name: file.name })}
        </Anchor>
      )}
    </Group>
  );
}
