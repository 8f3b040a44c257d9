// One invoice: pick the patient (new invoice), then lines while a draft, issue, payments and printing.
import { Alert, Button, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { InvoiceView } from "../bindings/InvoiceView";
import { ErrorAlert } from "../components/ErrorAlert";
import { usePatientSearch } from "../hooks/usePatientSearch";
import { useListNavigation } from "../shortcuts/useListNavigation";
import * as billing from "./api";
import { ClaimPanel } from "./ClaimPanel";
import { InvoiceLines } from "./InvoiceLines";
import { PaymentPanel } from "./PaymentPanel";

type Props = { id: string | null; isAdmin: boolean; onBack: () => void };

function PatientPicker({ onPicked }: { onPicked: (v: InvoiceView) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [error, setError] = useState<ErrorBody | null>(null);
  const { results } = usePatientSearch(query, false, query.trim().length > 0);
  const pick = async (patientId: string) => {
    try {
      onPicked(await billing.createInvoice({ patient_id: patientId, visit_id: "", clinician_id: "", lines: [] }));
    } catch (e) {
      setError(e as ErrorBody);
    }
  };
  const shown = query.trim() ? results.slice(0, 10) : [];
  const nav = useListNavigation(shown, (p) => p.id, (p) => void pick(p.id));
  return (
    <Stack gap="xs">
      <ErrorAlert error={error} />
      <TextInput autoFocus label={t("billing.invoice.pickPatient")} value={query} data-testid="invoice-patient-search"
        onChange={(e) => setQuery(e.currentTarget.value)}
        description={shown.length > 0 ? t("shortcuts.listHint") : undefined}
        onKeyDown={nav.onKeyDown} />
      {shown.map((p, i) => (
        <Button key={p.id} variant={nav.isActive(i) ? "light" : "subtle"} justify="flex-start" data-testid="invoice-patient-option"
          aria-selected={nav.isActive(i)} tabIndex={-1} onClick={() => void pick(p.id)}>
          {p.given_name} {p.family_name} — {p.number}
        </Button>
      ))}
    </Stack>
  );
}

export function InvoiceScreen({ id, isAdmin, onBack }: Props) {
  const { t } = useTranslation();
  const [view, setView] = useState<InvoiceView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  useEffect(() => {
    if (id) billing.openInvoice(id).then(setView, (e: ErrorBody) => setError(e));
  }, [id]);

  const issue = async () => {
    if (!view) return;
    try {
      setView(await billing.issueInvoice(view.id));
      setError(null);
    } catch (e) {
      setError(e as ErrorBody);
    }
  };

  const inv = view?.invoice;
  // Ctrl+Enter issues a draft that has lines, from any field of the screen.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && inv?.status === "draft" && inv.lines.length > 0) {
      e.preventDefault();
      void issue();
    }
  };
  return (
    <Stack data-testid="invoice-screen" onKeyDown={onKeyDown}>
      <Group justify="space-between">
        <Title order={2}>
          {inv && inv.number ? t("billing.invoice.title", { number: inv.number }) : t("billing.invoice.draftTitle")}
        </Title>
        <Button variant="default" onClick={onBack}>{t("billing.invoice.back")}</Button>
      </Group>
      <ErrorAlert error={error} testId="invoice-error" />
      {!view && !id && <PatientPicker onPicked={setView} />}
      {view && inv && (
        <>
          <Text data-testid="invoice-patient">{t("billing.invoice.patient", { name: `${inv.patient_name} ${inv.patient_number}` })}</Text>
          <Text size="sm" c="dimmed" data-testid="invoice-status">{t(`billing.status.${inv.status}`)}</Text>
          {inv.status === "void" && <Alert color="red">{t("billing.invoice.voided", { reason: inv.void_reason })}</Alert>}
          <InvoiceLines view={view} onChange={setView} onError={setError} />
          {inv.status === "draft" && (
            <Group justify="flex-end">
              {inv.lines.length === 0 ? <Text c="dimmed">{t("billing.invoice.noLines")}</Text> : <Text size="xs" c="dimmed">{t("shortcuts.issueHint")}</Text>}
              <Button data-testid="invoice-issue" disabled={inv.lines.length === 0} onClick={() => void issue()}>
                {t("billing.invoice.issue")}
              </Button>
            </Group>
          )}
          {inv.status !== "draft" && <PaymentPanel key={view.id} view={view} isAdmin={isAdmin} onChange={setView} onError={setError} />}
          {inv.status === "issued" && <ClaimPanel key={`claim-${view.id}`} view={view} onChange={setView} onError={setError} />}
        </>
      )}
    </Stack>
  );
}
