// The insurance claim of an issued invoice: file it, then record approval, rejection or payment.
import { Button, Group, Select, Stack, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ClaimStatus } from "../bindings/ClaimStatus";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { InvoiceView } from "../bindings/InvoiceView";
import { translatedFieldErrors } from "../i18n/messages";
import * as billing from "./api";
import { amountText, parseMoney } from "./logic";

type Props = { view: InvoiceView; onChange: (v: InvoiceView) => void; onError: (e: ErrorBody | null) => void };
const STATES: ClaimStatus[] = ["submitted", "approved", "rejected", "paid"];

export function ClaimPanel({ view, onChange, onError }: Props) {
  const { t } = useTranslation();
  const digits = view.currency.minor_digits;
  const c = view.invoice.claim;
  const [form, setForm] = useState({
    insurer: c?.insurer ?? "",
    policy: c?.policy ?? "",
    claimed: amountText(c?.amount_claimed ?? view.totals.total, digits),
    status: c?.status ?? ("submitted" as ClaimStatus),
    approved: amountText(c?.amount_approved ?? 0, digits),
    paid: amountText(c?.amount_paid ?? 0, digits),
    notes: c?.notes ?? "",
  });
  const [fields, setFields] = useState<Record<string, string>>({});

  const save = async () => {
    const claimed = parseMoney(form.claimed, digits);
    const approved = parseMoney(form.approved || "0", digits);
    const paid = parseMoney(form.paid || "0", digits);
    const bad = t("billing.invoice.badAmount");
    const local: Record<string, string> = {};
    if (claimed === null) local.amount_claimed = bad;
    if (approved === null) local.amount_approved = bad;
    if (paid === null) local.amount_paid = bad;
    setFields(local);
    if (claimed === null || approved === null || paid === null) return;
    try {
      onChange(
        await billing.updateClaim(view.id, {
          insurer: form.insurer,
          policy: form.policy,
          amount_claimed: claimed,
          status: form.status,
          amount_approved: approved,
          amount_paid: paid,
          notes: form.notes,
        }),
      );
      onError(null);
    } catch (e) {
      const body = e as ErrorBody;
      setFields(translatedFieldErrors(t, body));
      onError(body.fields.length ? null : body);
    }
  };

  const text = (key: keyof typeof form, label: string, field: string, w?: number) => (
    <TextInput w={w} label={t(`billing.claim.${label}`)} value={form[key]} error={fields[field]}
      data-testid={`claim-${label}`} onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value })} />
  );

  return (
    <form onSubmit={(e) => (e.preventDefault(), void save())}>
      <Stack gap="xs" data-testid="claim-panel">
        <Title order={4}>{t("billing.claim.title")}</Title>
        <Group align="flex-start">
          {text("insurer", "insurer", "insurer")}
          {text("policy", "policy", "policy")}
          {text("claimed", "claimed", "amount_claimed", 140)}
          <Select w={150} label={t("billing.claim.status")} value={form.status} allowDeselect={false}
            data={STATES.map((s) => ({ value: s, label: t(`billing.claim.states.${s}`) }))}
            onChange={(v) => v && setForm({ ...form, status: v as ClaimStatus })} />
          {text("approved", "approved", "amount_approved", 140)}
          {text("paid", "paid", "amount_paid", 140)}
        </Group>
        <Group align="flex-end">
          <TextInput style={{ flex: 1 }} label={t("billing.claim.notes")} value={form.notes} error={fields.notes}
            onChange={(e) => setForm({ ...form, notes: e.currentTarget.value })} />
          <Button type="submit" variant="light" data-testid="claim-save">{t("billing.claim.save")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
