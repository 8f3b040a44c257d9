// Handing out units of one drug: the core takes them first-expiry-first-out across its batches
// and refuses (on `quantity`) when this PC holds too few usable units.
import { Button, Group, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import { translatedFieldErrors } from "../i18n/messages";
import * as stock from "./api";
import { parseUnits } from "./logic";

type Props = { drugId: string; onDone: () => void };

export function DispenseForm({ drugId, onDone }: Props) {
  const { t } = useTranslation();
  const [quantity, setQuantity] = useState("");
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = error ? translatedFieldErrors(t, error) : {};
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await stock.dispenseStock({ drug_id: drugId, quantity: parseUnits(quantity) ?? 0 });
      setQuantity("");
      onDone();
    } catch (raw) {
      const body = api.toErrorBody(raw);
      if (!api.isSessionError(body)) setError(body);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group component="form" onSubmit={submit} align="flex-end" data-testid="stock-dispense-form">
      <TextInput
        label={t("stock.dispense.quantity")}
        inputMode="numeric"
        value={quantity}
        onChange={(e) => setQuantity(e.currentTarget.value)}
        error={errors.quantity ?? errors.drug_id}
        data-testid="stock-dispense-quantity"
      />
      <Button type="submit" loading={busy} data-testid="stock-dispense-save">
        {t("stock.dispense.save")}
      </Button>
    </Group>
  );
}
