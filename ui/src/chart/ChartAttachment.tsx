// Opening a document from the chart timeline, as the patient page does: images shown inline, PDFs as a
// download link (the bytes stay in a blob URL until another is opened or the chart closes).
import { Anchor, Group, Image, Loader, Text } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import { fromBase64 } from "../attachments";
import type { ErrorBody } from "../bindings/ErrorBody";

type Opened = { sha256: string; name: string; url: string; image: boolean };

export function useChartAttachment(patientId: string, onError: (e: ErrorBody) => void) {
  const [opened, setOpened] = useState<Opened | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => () => {
    if (opened) URL.revokeObjectURL(opened.url);
  }, [opened]);

  const open = useCallback(
    (sha256: string) => {
      setBusy(sha256);
      api
        .openAttachment(patientId, sha256)
        .then((content) => {
          const blob = new Blob([fromBase64(content.bytes)], { type: content.content_type });
          setOpened({
            sha256,
            name: content.file_name,
            url: URL.createObjectURL(blob),
            image: content.content_type.startsWith("image/"),
          });
        })
        .catch((e: unknown) => {
          const body = api.toErrorBody(e);
          if (!api.isSessionError(body)) onError(body);
        })
        .finally(() => setBusy(null));
    },
    [patientId, onError],
  );

  return { opened, busy, open };
}

export function ChartAttachmentView({ opened, busy }: { opened: Opened | null; busy: string | null }) {
  const { t } = useTranslation();
  if (busy)
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t("attachments.opening")}</Text>
      </Group>
    );
  if (!opened) return null;
  return opened.image ? (
    <Image src={opened.url} alt={opened.name} maw={640} data-testid="chart-attachment-preview" />
  ) : (
    <Anchor href={opened.url} download={opened.name} data-testid="chart-attachment-download">
      {t("attachments.download", { name: opened.name })}
    </Anchor>
  );
}
