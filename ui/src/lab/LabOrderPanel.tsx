// One lab order: its tests and results with flags, and what the signed-in role may do next (collect and
// print the label, receive, enter results, validate by a second person, the report, acknowledge, cancel).
import { Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { LabOrderView } from "../bindings/LabOrderView";
import type { LabTest } from "../bindings/LabTest";
import type { PrintedLabDoc } from "../bindings/PrintedLabDoc";
import type { Role } from "../bindings/Role";
import { ErrorAlert } from "../components/ErrorAlert";
import { translatedFieldErrors } from "../i18n/messages";
import * as lab from "./api";
import { canCollect, canEnterResults, canOrderLab, canValidate, flagColor } from "./flags";
import { pdfLink, type PdfLink } from "./pdf";
import { ResultsForm } from "./ResultsForm";

type Props = { view: LabOrderView; role: Role; userId: string; catalogue: LabTest[]; onChange: (v: LabOrderView) => void };

export function LabOrderPanel({ view, role, userId, catalogue, onChange }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [pdf, setPdf] = useState<PdfLink | null>(null);
  const [reason, setReason] = useState("");
  const o = view.order;
  useEffect(() => () => {
    if (pdf) URL.revokeObjectURL(pdf.url);
  }, [pdf]);

  const run = async (key: string, action: () => Promise<LabOrderView | PrintedLabDoc>) => {
    setBusy(key);
    setFields({});
    try {
      const out = await action();
      if ("pdf_base64" in out) setPdf(pdfLink(out));
      else onChange(out);
      setError(null);
    } catch (e) {
      const body = api.toErrorBody(e);
      if (api.isSessionError(body)) return;
      const f = translatedFieldErrors(t, body);
      setFields(f);
      setError(Object.keys(f).length ? null : body);
    } finally {
      setBusy(null);
    }
  };
  const action = (key: string, label: string, call: () => Promise<LabOrderView | PrintedLabDoc>, color?: string) => (
    <Button key={key} color={color} variant={color ? "light" : "filled"} loading={busy === key} data-testid={`lab-${key}`}
      onClick={() => void run(key, call)}>
      {label}
    </Button>
  );
  const open = o.status !== "validated" && o.status !== "cancelled";
  const entering = canEnterResults(role) && (o.status === "received" || o.status === "resulted");
  const mayCancel = open && (canOrderLab(role) || canEnterResults(role));

  return (
    <Stack gap="sm" data-testid="lab-order" data-status={o.status}>
      <Group justify="space-between">
        <Title order={3}>{t("lab.order.title", { tests: o.tests.map((l) => l.name).join(", "), patient: `${o.patient_name} ${o.patient_number}` })}</Title>
        <Group gap="xs">
          <Badge color={o.priority === "urgent" ? "red" : "gray"}>{t(`lab.priority.${o.priority}`)}</Badge>
          <Badge variant="light" data-testid="lab-order-status">{t(`lab.status.${o.status}`)}</Badge>
        </Group>
      </Group>
      {o.sample_id && <Text ff="monospace" data-testid="lab-sample-id">{t("lab.order.sample", { id: o.sample_id })}</Text>}
      {o.clinical_note && <Text size="sm">{t("lab.order.note", { note: o.clinical_note })}</Text>}
      <Text size="xs" c="dimmed">
        {t("lab.order.history", { orderedBy: o.ordered_by_name, collectedBy: o.collected_by_name || "—", receivedBy: o.received_by_name || "—", validatedBy: o.validated_by_name || "—" })}
      </Text>
      <ErrorAlert error={error} testId="lab-error" />
      {(fields.status || fields.validated_by) && <Text c="red" size="sm" data-testid="lab-field-error">{fields.validated_by ?? fields.status}</Text>}
      {entering ? (
        <ResultsForm key={`${view.id}-${o.resulted_at}`} view={view} catalogue={catalogue} onSaved={onChange} onError={setError} />
      ) : (
        <Table data-testid="lab-results">
          <Table.Tbody>
            {view.results.map((r) => (
              <Table.Tr key={r.test_id} data-testid="lab-result-line" data-flag={r.flag}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td fw={600}>{r.value} {r.value && r.unit}</Table.Td>
                <Table.Td c="dimmed">{r.reference}</Table.Td>
                <Table.Td>{r.flag !== "none" && <Badge color={flagColor(r.flag)}>{t(`lab.flag.${r.flag}`)}</Badge>}</Table.Td>
                <Table.Td>{r.comment}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        {o.status === "ordered" && canCollect(role) && action("collect", t("lab.order.collect"), () => lab.collectLabSample(view.id))}
        {o.sample_id && canCollect(role) && action("label", t("lab.order.label"), () => lab.printLabLabel(view.id), "gray")}
        {o.status === "collected" && canEnterResults(role) && action("receive", t("lab.order.receive"), () => lab.receiveLabSample(view.id))}
        {o.status === "resulted" && canValidate(role) && action("validate", t("lab.order.validate"), () => lab.validateLabResults(view.id))}
        {(o.status === "resulted" || o.status === "validated") && action("report", t("lab.order.report"), () => lab.printLabReport(view.id), "gray")}
        {o.status === "validated" && !o.acknowledged_at && o.ordered_by === userId &&
          action("acknowledge", t("lab.order.acknowledge"), () => lab.acknowledgeLabResults(view.id))}
        {pdf && (
          <Anchor href={pdf.url} download={pdf.name} data-testid="lab-pdf-link">
            {t("lab.order.openPdf", { name: pdf.name })}
          </Anchor>
        )}
      </Group>
      {mayCancel && (
        <Group align="flex-end" component="form" onSubmit={(e) => (e.preventDefault(), void run("cancel", () => lab.cancelLabOrder(view.id, { reason })))}>
          <TextInput label={t("lab.order.cancelReason")} value={reason} error={fields.reason} data-testid="lab-cancel-reason"
            onChange={(e) => setReason(e.currentTarget.value)} />
          <Button type="submit" color="red" variant="light" loading={busy === "cancel"} data-testid="lab-cancel">{t("lab.order.confirmCancel")}</Button>
        </Group>
      )}
    </Stack>
  );
}
