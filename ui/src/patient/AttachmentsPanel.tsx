// A patient's attachments: attach a scan or photo (PDF, PNG, JPEG up to 10 MiB, checked again by the
// core by content), open one (images inline, PDFs as a download), remove one (a flag: nothing is lost).
import { Anchor, Button, Group, Image, List, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import { formatSize, fromBase64, MAX_ATTACHMENT_BYTES, toBase64 } from "../attachments";
import type { Attachment } from "../bindings/Attachment";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { PatientView } from "../bindings/PatientView";
import { formatDateTime } from "../format";
import { errorText, fieldErrorText } from "../i18n/messages";

type Props = { patientId: string; attachments: Attachment[]; onChange: (view: PatientView) => void };
type Opened = { sha256: string; name: string; url: string; image: boolean };

export function AttachmentsPanel({ patientId, attachments, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const shown = attachments.filter((a) => !a.removed);

  // A blob URL holds the bytes until it is revoked.
  useEffect(() => () => {
    if (opened) URL.revokeObjectURL(opened.url);
  }, [opened]);

  const run = async (key: string, action: () => Promise<void>) => {
    setBusy(key);
    setError(null);
    try {
      await action();
    } catch (e) {
      const body = api.toErrorBody(e);
      if (!api.isSessionError(body)) setError(body);
    } finally {
      setBusy(null);
    }
  };

  const attach = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    void run("attach", async () => {
      try {
        if (file.size > MAX_ATTACHMENT_BYTES) {
          // Refused here already, so 13 MB of base64 never crosses IPC; the core refuses it too.
          throw {
            code: "too_large",
            message: "is larger than 10 MiB",
            field: "file",
            fields: [{ field: "file", code: "too_large", message: "is larger than 10 MiB" }],
          } satisfies ErrorBody;
        }
        const bytes = toBase64(new Uint8Array(await file.arrayBuffer()));
        onChange(await api.attachFile(patientId, file.name, bytes));
      } finally {
        input.value = "";
      }
    });
  };

  const open = (a: Attachment) =>
    run(`open-${a.sha256}`, async () => {
      const content = await api.openAttachment(patientId, a.sha256);
      const blob = new Blob([fromBase64(content.bytes)], { type: content.content_type });
      setOpened({
        sha256: a.sha256,
        name: content.file_name,
        url: URL.createObjectURL(blob),
        image: content.content_type.startsWith("image/"),
      });
    });

  const remove = (a: Attachment) =>
    run(`remove-${a.sha256}`, async () => {
      onChange(await api.removeAttachment(patientId, a.sha256));
      if (opened?.sha256 === a.sha256) setOpened(null);
    });

  const message = error && (error.fields[0] ? fieldErrorText(t, error.fields[0]) : errorText(t, error));

  return (
    <Stack gap="xs" data-testid="attachments">
      <Title order={3}>{t("attachments.title")}</Title>
      <label>
        <Text size="sm">{busy === "attach" ? t("attachments.adding") : t("attachments.add")}</Text>
        <input
          type="file"
          accept="application/pdf,image/png,image/jpeg"
          onChange={attach}
          disabled={busy === "attach"}
          data-testid="attachment-input"
        />
      </label>
      {message && (
        <Text size="sm" c="red" role="alert" data-testid="attachment-error" data-code={error?.code}>
          {message}
        </Text>
      )}
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("attachments.empty")}
        </Text>
      ) : (
        <List listStyleType="none" spacing="xs">
          {shown.map((a) => (
            <List.Item key={a.sha256} data-testid="attachment-row" data-sha256={a.sha256}>
              <Group gap="sm">
                <Text fw={600}>{a.file_name}</Text>
                <Text size="xs" c="dimmed">
                  {t("attachments.added", {
                    size: formatSize(a.size),
                    user: a.added_by,
                    date: formatDateTime(a.added_at, i18n.language),
                  })}
                </Text>
                <Button
                  size="xs"
                  variant="light"
                  loading={busy === `open-${a.sha256}`}
                  onClick={() => void open(a)}
                  data-testid="attachment-open"
                >
                  {t("attachments.open")}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={busy === `remove-${a.sha256}`}
                  onClick={() => void remove(a)}
                  data-testid="attachment-remove"
                >
                  {t("attachments.remove")}
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {opened &&
        (opened.image ? (
          <Image src={opened.url} alt={opened.name} maw={640} data-testid="attachment-preview" />
        ) : (
          <Anchor href={opened.url} download={opened.name} data-testid="attachment-download">
            {t("attachments.download", { name: opened.name })}
          </Anchor>
        ))}
    </Stack>
  );
}
