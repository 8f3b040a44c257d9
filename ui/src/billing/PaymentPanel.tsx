// Payments of an issued invoice: take a payment, print, and (administrators) refund or void with a reason.
import { Anchor, Button, Checkbox, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { fromBase64 } from "../attachments";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { InvoiceView } from "../bindings/InvoiceView";
import type { Payment } from "../bindings/Payment";
import type { PaymentMethod } from "../bindings/PaymentMethod";
import { translatedFieldErrors } from "../i18n/messages";
import * as billing from "./api";
import { amountText, formatMoney, parseMoney } from "./logic";

type Props = { view: InvoiceView; isAdmin: boolean; onChange: (v: InvoiceView) => void; onError: (e: ErrorBody | null) => void };
type Dialog = { kind: "refund"; payment: Payment } | { kind: "void" } | null;

const METHODS: PaymentMethod[] = ["cash", "card", "mobile_money", "insurance"];

export function PaymentPanel({ view, isAdmin, onChange, onError }: Props) {
  const { t, i18n } = useTranslation();
  const digits = view.currency.minor_digits;
  const money = (m: number) => formatMoney(m, view.currency, i18n.language);
  const [method, setMethod] = useState<PaymentMethod>("cash");
  const [amount, setAmount] = useState(amountText(Math.max(view.totals.balance, 0), digits));
  const [reference, setReference] = useState("");
  const [credit, setCredit] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reason, setReason] = useState("");
  const [dialogAmount, setDialogAmount] = useState("");
  const [pdf, setPdf] = useState<{ name: string; url: string } | null>(null);
  const issued = view.invoice.status === "issued";
  const receipt = useRef<HTMLButtonElement>(null);

  const fail = (e: unknown) => {
    const body = e as ErrorBody;
    setFields(translatedFieldErrors(t, body));
    onError(body.fields.length ? null : body);
  };

  const pay = async () => {
    const minor = parseMoney(amount, digits);
    if (minor === null) return setFields({ amount: t("billing.invoice.badAmount") });
    try {
      const v = await billing.takePayment(view.id, { method, amount: minor, reference, credit });
      onChange(v);
      setAmount(amountText(Math.max(v.totals.balance, 0), digits));
      setReference("");
      setCredit(false);
      setFields({});
      onError(null);
      // Keyboard flow: paid → Enter prints the receipt.
      receipt.current?.focus();
    } catch (e) {
      fail(e);
    }
  };

  const confirm = async () => {
    if (!dialog) return;
    try {
      if (dialog.kind === "void") onChange(await billing.voidInvoice(view.id, reason));
      else {
        const minor = parseMoney(dialogAmount, digits);
        if (minor === null) return setFields({ amount: t("billing.invoice.badAmount") });
        onChange(await billing.refundPayment(view.id, { payment_id: dialog.payment.id, amount: minor, reason }));
      }
      setDialog(null);
      setFields({});
      onError(null);
    } catch (e) {
      fail(e);
    }
  };

  const print = async (which: "invoice" | "receipt") => {
    try {
      const doc = await billing.billingPdf(view.id, which);
      const blob = new Blob([fromBase64(doc.bytes)], { type: "application/pdf" });
      if (pdf) URL.revokeObjectURL(pdf.url);
      setPdf({ name: doc.file_name, url: URL.createObjectURL(blob) });
    } catch (e) {
      onError(e as ErrorBody);
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="flex-end" gap="xl">
        <Text data-testid="invoice-paid">{t("billing.invoice.paid")}: {money(view.totals.paid)}</Text>
        <Text fw={700} data-testid="invoice-balance">{t("billing.invoice.balance")}: {money(view.totals.balance)}</Text>
      </Group>
      {issued && (
        <form onSubmit={(e) => (e.preventDefault(), void pay())}>
          <Group align="flex-start">
            <Select w={160} label={t("billing.invoice.method")} value={method} allowDeselect={false} error={fields.method}
              data={METHODS.map((m) => ({ value: m, label: t(`billing.method.${m}`) }))}
              onChange={(v) => v && setMethod(v as PaymentMethod)} />
            <TextInput w={140} label={t("billing.invoice.payAmount")} value={amount} error={fields.amount}
              autoFocus onFocus={(e) => e.currentTarget.select()}
              data-testid="payment-amount" onChange={(e) => setAmount(e.currentTarget.value)} />
            <TextInput label={t("billing.invoice.reference")} value={reference} error={fields.reference}
              onChange={(e) => setReference(e.currentTarget.value)} />
            <Checkbox mt="xl" label={t("billing.invoice.credit")} checked={credit}
              onChange={(e) => setCredit(e.currentTarget.checked)} />
            <Button mt="xl" type="submit" data-testid="payment-take">{t("billing.invoice.takePayment")}</Button>
          </Group>
        </form>
      )}
      <Group>
        <Button variant="default" data-testid="print-receipt" ref={receipt} onClick={() => void print("receipt")}>{t("billing.invoice.printReceipt")}</Button>
        <Button variant="default" data-testid="print-invoice" onClick={() => void print("invoice")}>{t("billing.invoice.printInvoice")}</Button>
        {pdf && (
          <Anchor href={pdf.url} download={pdf.name} target="_blank" data-testid="billing-pdf-link">
            {t("billing.invoice.openPdf", { name: pdf.name })}
          </Anchor>
        )}
        {isAdmin && view.invoice.status !== "void" && (
          <Button color="red" variant="light" data-testid="invoice-void" onClick={() => (setReason(""), setFields({}), setDialog({ kind: "void" }))}>
            {t("billing.invoice.void")}
          </Button>
        )}
      </Group>
      {view.invoice.payments.length > 0 && (
        <>
          <Title order={4}>{t("billing.invoice.payments")}</Title>
          <Table striped>
            <Table.Tbody>
              {view.invoice.payments.map((p) => (
                <Table.Tr key={p.id} data-testid="payment-row">
                  <Table.Td>{p.at.slice(0, 16).replace("T", " ")}</Table.Td>
                  <Table.Td>{p.kind === "refund" ? t("billing.invoice.refundOf", { reason: p.reason }) : t(`billing.method.${p.method}`)}</Table.Td>
                  <Table.Td>{p.reference}</Table.Td>
                  <Table.Td>{p.by_username}</Table.Td>
                  <Table.Td ta="right">{money(p.kind === "refund" ? -p.amount : p.amount)}</Table.Td>
                  <Table.Td>
                    {isAdmin && issued && p.kind === "payment" && (
                      <Button size="compact-xs" variant="subtle" color="red" data-testid="payment-refund"
                        onClick={() => (setReason(""), setFields({}), setDialogAmount(amountText(p.amount, digits)), setDialog({ kind: "refund", payment: p }))}>
                        {t("billing.invoice.refund")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Modal opened={dialog !== null} onClose={() => setDialog(null)}
        title={dialog?.kind === "void" ? t("billing.invoice.void") : t("billing.invoice.refund")}>
        <form onSubmit={(e) => (e.preventDefault(), void confirm())}>
          <Stack>
            {dialog?.kind === "refund" && (
              <TextInput label={t("billing.invoice.payAmount")} value={dialogAmount} error={fields.amount}
                onChange={(e) => setDialogAmount(e.currentTarget.value)} />
            )}
            <TextInput autoFocus required label={t("billing.invoice.reason")} value={reason} error={fields.reason ?? fields.status}
              data-testid="billing-reason" onChange={(e) => setReason(e.currentTarget.value)} />
            <Group>
              <Button type="submit" color="red" data-testid="billing-confirm">{t("billing.invoice.confirm")}</Button>
              <Button variant="default" onClick={() => setDialog(null)}>{t("billing.invoice.cancel")}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
