// Dispensing a prescription from stock: for each medicine line, the batches the core will take
// (earliest expiry first, never an expired batch) are shown before confirming; a line may be supplied
// short or outside stock, with a reason. After confirming, what was handed out is shown.
import { Button, Checkbox, Group, Modal, Stack, Table, Text, TextInput } from "@mantine/core";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DispensePlan } from "../bindings/DispensePlan";
import type { DispensedLine } from "../bindings/DispensedLine";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { FieldError } from "../bindings/FieldError";
import type { PrescriptionView } from "../bindings/PrescriptionView";
import { ErrorAlert } from "../components/ErrorAlert";
import * as rx from "./api";
import { initialChoices, lineErrorKey, lineErrors, toLines, type LineChoice } from "./dispenseLogic";

type Props = { id: string; onClose: () => void; onDone: () => void };

function Batches({ line }: { line: DispensedLine }) {
  const { t } = useTranslation();
  if (line.outside_stock) return <Text size="sm">{t("dispensing.outside", { reason: line.reason })}</Text>;
  if (line.batches.length === 0) return <Text size="sm" c="dimmed">{t("dispensing.noBatches")}</Text>;
  return (
    <Stack gap={0}>
      {line.batches.map((b) => (
        <Text size="sm" key={b.batch_id} data-testid="rx-dispense-batch">
          {t("dispensing.batch", { number: b.batch_number, expiry: b.expiry, quantity: b.quantity })}
        </Text>
      ))}
    </Stack>
  );
}

export function DispenseDialog({ id, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [view, setView] = useState<PrescriptionView | null>(null);
  const [choices, setChoices] = useState<LineChoice[]>([]);
  const [plan, setPlan] = useState<DispensePlan | null>(null);
  const [confirmErrors, setConfirmErrors] = useState<FieldError[] | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PrescriptionView | null>(null);
  const items = useMemo(() => view?.prescription.items ?? [], [view]);
  const lines = useMemo(() => toLines(items, choices), [items, choices]);

  useEffect(() => {
    rx.openPrescription(id)
      .then((v) => {
        setView(v);
        setChoices(initialChoices(v.prescription.items));
      })
      .catch((e: unknown) => setError(e as ErrorBody));
  }, [id]);

  useEffect(() => {
    if (!view || !Array.isArray(lines)) return;
    const timer = setTimeout(() => {
      rx.previewPrescriptionDispense(id, { lines })
        .then((p) => {
          setPlan(p);
          setConfirmErrors(null);
        })
        .catch((e: unknown) => setError(e as ErrorBody));
    }, 200);
    return () => clearTimeout(timer);
  }, [id, view, lines]);

  const set = (n: number, patch: Partial<LineChoice>) =>
    setChoices((cs) => cs.map((c, i) => (i === n ? { ...c, ...patch } : c)));

  const confirm = async () => {
    if (!Array.isArray(lines)) return;
    setBusy(true);
    setError(null);
    try {
      setDone(await rx.dispensePrescription(id, { lines }));
    } catch (e) {
      const body = e as ErrorBody;
      if (body.fields.length > 0) setConfirmErrors(body.fields);
      else setError(body);
    } finally {
      setBusy(false);
    }
  };

  const errors = confirmErrors ?? plan?.errors ?? [];
  const message = (n: number, field: string, e: FieldError) => {
    const key = lineErrorKey(field, e, choices[n]?.outside ?? false);
    const wanted = Array.isArray(lines) ? (lines[n]?.quantity ?? 0) : 0;
    return key
      ? t(key, { name: items[n]?.drug_name ?? "", available: plan?.available[n] ?? 0, wanted, prescribed: items[n]?.quantity ?? 0 })
      : e.message;
  };

  if (done) {
    return (
      <Modal opened onClose={onDone} size="xl" title={t("dispensing.doneTitle")}>
        <Stack data-testid="rx-dispensed-result">
          {done.prescription.dispensed_lines.map((l) => (
            <Group key={l.item_id} align="flex-start" justify="space-between">
              <Text fw={500}>
                {l.drug_name}: {t("dispensing.supplied", { supplied: l.from_stock, prescribed: l.prescribed })}
              </Text>
              <Batches line={l} />
            </Group>
          ))}
          <Button onClick={onDone} data-autofocus data-testid="rx-dispense-close">
            {t("dispensing.close")}
          </Button>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened onClose={onClose} size="90%" title={t("dispensing.title")}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
        data-testid="rx-dispense-dialog"
      >
        <Stack>
          <ErrorAlert error={error} />
          {view && (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("dispensing.columns.medicine")}</Table.Th>
                  <Table.Th>{t("dispensing.columns.prescribed")}</Table.Th>
                  <Table.Th>{t("dispensing.columns.inStock")}</Table.Th>
                  <Table.Th>{t("dispensing.columns.supply")}</Table.Th>
                  <Table.Th>{t("dispensing.columns.batches")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item, n) => {
                  const c = choices[n] ?? { quantity: "", outside: false, reason: "" };
                  const errs = lineErrors(errors, n);
                  const badQuantity = !Array.isArray(lines) && lines.badQuantity === n;
                  return (
                    <Table.Tr key={item.id} data-testid="rx-dispense-line">
                      <Table.Td>{item.drug_name}</Table.Td>
                      <Table.Td>{item.quantity}</Table.Td>
                      <Table.Td>{item.free_text ? "—" : (plan?.available[n] ?? "…")}</Table.Td>
                      <Table.Td>
                        <Stack gap={4}>
                          <TextInput
                            label={t("dispensing.quantity", { name: item.drug_name })}
                            inputMode="numeric"
                            value={c.quantity}
                            disabled={c.outside}
                            onChange={(e) => set(n, { quantity: e.currentTarget.value })}
                            error={badQuantity ? t("dispensing.errors.wholeNumber") : errs.quantity && message(n, "quantity", errs.quantity)}
                            data-autofocus={n === 0 ? true : undefined}
                            data-testid="rx-dispense-quantity"
                          />
                          <Checkbox
                            label={t("dispensing.outsideStock")}
                            checked={c.outside}
                            onChange={(e) => set(n, { outside: e.currentTarget.checked })}
                            error={errs.outside_stock && message(n, "outside_stock", errs.outside_stock)}
                            data-testid="rx-dispense-outside"
                          />
                          <TextInput
                            label={t("dispensing.reason")}
                            value={c.reason}
                            onChange={(e) => set(n, { reason: e.currentTarget.value })}
                            error={errs.reason && message(n, "reason", errs.reason)}
                            data-testid="rx-dispense-reason"
                          />
                        </Stack>
                      </Table.Td>
                      <Table.Td>{plan?.lines[n] && <Batches line={plan.lines[n]} />}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("dispensing.cancel")}
            </Button>
            <Button type="submit" loading={busy} disabled={!view} data-testid="rx-dispense-confirm">
              {t("dispensing.confirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
