// The batches of one drug, earliest expiry first, with an adjustment form (signed quantity and a
// required reason) for pharmacists.
import { Badge, Button, Card, CloseButton, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { BatchLevel } from "../bindings/BatchLevel";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { StockLevel } from "../bindings/StockLevel";
import { ErrorAlert } from "../components/ErrorAlert";
import { DispenseForm } from "./DispenseForm";
import { translatedFieldErrors } from "../i18n/messages";
import * as stock from "./api";
import { expiryState, parseUnits, todayIso } from "./logic";

type Props = { drug: StockLevel; manage: boolean; onChanged: () => void; onClose: () => void };

export function BatchesPanel({ drug, manage, onChanged, onClose }: Props) {
  const { t } = useTranslation();
  const [batches, setBatches] = useState<BatchLevel[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [adjusting, setAdjusting] = useState<string | null>(null);
  const load = useCallback(() => {
    stock
      .stockBatches(drug.drug_id)
      .then(setBatches)
      .catch((e: unknown) => setError(api.toErrorBody(e)));
  }, [drug.drug_id]);
  useEffect(load, [load]);
  const today = todayIso();
  return (
    <Card withBorder data-testid="stock-batches">
      <Group justify="space-between">
        <Text fw={600}>{t("stock.batches.title", { drug: drug.drug_name })}</Text>
        <CloseButton aria-label={t("stock.close")} onClick={onClose} />
      </Group>
      <ErrorAlert error={error} onRetry={load} />
      {manage && (
        <DispenseForm
          drugId={drug.drug_id}
          onDone={() => {
            load();
            onChanged();
          }}
        />
      )}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("stock.columns.batch")}</Table.Th>
            <Table.Th>{t("stock.columns.expiry")}</Table.Th>
            <Table.Th>{t("stock.columns.supplier")}</Table.Th>
            <Table.Th ta="right">{t("stock.columns.received")}</Table.Th>
            <Table.Th ta="right">{t("stock.columns.onHand")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {batches.map((b) => {
            const state = expiryState(b.expiry, today);
            return (
              <Table.Tr key={b.batch_id} data-testid="stock-batch" data-batch={b.batch_number}>
                <Table.Td>{b.batch_number}</Table.Td>
                <Table.Td>
                  {b.expiry}{" "}
                  {state !== "ok" && (
                    <Badge size="xs" color={state === "expired" ? "red" : "yellow"}>
                      {t(`stock.expiry.${state}`)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{b.supplier}</Table.Td>
                <Table.Td ta="right">{b.received_quantity}</Table.Td>
                <Table.Td ta="right" c={b.on_hand < 0 ? "red" : undefined}>
                  {b.on_hand}
                </Table.Td>
                <Table.Td>
                  {manage && (
                    <Button size="xs" variant="light" data-testid="stock-adjust-open" onClick={() => setAdjusting(b.batch_id)}>
                      {t("stock.adjust.open")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {adjusting && (
        <AdjustForm
          key={adjusting}
          batchId={adjusting}
          onCancel={() => setAdjusting(null)}
          onDone={() => {
            setAdjusting(null);
            load();
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

type AdjustProps = { batchId: string; onDone: () => void; onCancel: () => void };

function AdjustForm({ batchId, onDone, onCancel }: AdjustProps) {
  const { t } = useTranslation();
  const [quantity, setQuantity] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = error ? translatedFieldErrors(t, error) : {};
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await stock.adjustStock({ batch_id: batchId, quantity: parseUnits(quantity, true) ?? 0, reason });
      onDone();
    } catch (raw) {
      const body = api.toErrorBody(raw);
      if (!api.isSessionError(body)) setError(body);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack component="form" onSubmit={submit} gap="xs" mt="sm" data-testid="stock-adjust-form">
      <Group align="flex-start" grow>
        <TextInput
          label={t("stock.adjust.quantity")}
          description={t("stock.adjust.quantityHint")}
          value={quantity}
          onChange={(e) => setQuantity(e.currentTarget.value)}
          error={errors.quantity}
          autoFocus
          data-testid="stock-adjust-quantity"
        />
        <TextInput
          label={t("stock.adjust.reason")}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          data-testid="stock-adjust-reason"
        />
      </Group>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t("stock.cancel")}
        </Button>
        <Button type="submit" loading={busy} data-testid="stock-adjust-save">
          {t("stock.adjust.save")}
        </Button>
      </Group>
    </Stack>
  );
}
