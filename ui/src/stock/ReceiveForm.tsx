// Receiving a delivery: a catalogue drug, batch number, expiry, supplier and quantity. Field
// errors from the core are shown on their fields.
import { Autocomplete, Button, Card, Group, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { Drug } from "../bindings/Drug";
import type { ErrorBody } from "../bindings/ErrorBody";
import { ErrorAlert } from "../components/ErrorAlert";
import { translatedFieldErrors } from "../i18n/messages";
import * as stock from "./api";
import { parseUnits } from "./logic";

type Props = { onDone: () => void; onCancel: () => void };

export function ReceiveForm({ onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [drugs, setDrugs] = useState<Drug[]>([]);
  const [batch, setBatch] = useState("");
  const [expiry, setExpiry] = useState("");
  const [supplier, setSupplier] = useState("");
  const [quantity, setQuantity] = useState("");
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (query.trim().length < 2) return;
    let live = true;
    stock
      .searchDrugs(query)
      .then((d) => live && setDrugs(d))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [query]);

  const drug = drugs.find((d) => d.name === query);
  const errors = error ? translatedFieldErrors(t, error) : {};
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await stock.receiveStock({
        drug_id: drug?.id ?? "",
        batch_number: batch,
        expiry,
        supplier,
        quantity: parseUnits(quantity) ?? 0,
      });
      onDone();
    } catch (raw) {
      const body = api.toErrorBody(raw);
      if (!api.isSessionError(body)) setError(body);
    } finally {
      setBusy(false);
    }
  };
  const general = error && error.fields.length === 0 && !error.field ? error : null;
  return (
    <Card withBorder component="form" onSubmit={submit} data-testid="stock-receive-form">
      <Group align="flex-start" grow>
        <Autocomplete
          label={t("stock.receive.drug")}
          value={query}
          onChange={setQuery}
          data={drugs.map((d) => d.name)}
          error={errors.drug_id}
          data-autofocus
          autoFocus
          data-testid="stock-receive-drug"
        />
        <TextInput
          label={t("stock.receive.batch")}
          value={batch}
          onChange={(e) => setBatch(e.currentTarget.value)}
          error={errors.batch_number}
          data-testid="stock-receive-batch"
        />
        <TextInput
          label={t("stock.receive.expiry")}
          type="date"
          value={expiry}
          onChange={(e) => setExpiry(e.currentTarget.value)}
          error={errors.expiry}
          data-testid="stock-receive-expiry"
        />
        <TextInput
          label={t("stock.receive.supplier")}
          value={supplier}
          onChange={(e) => setSupplier(e.currentTarget.value)}
          error={errors.supplier}
          data-testid="stock-receive-supplier"
        />
        <TextInput
          label={t("stock.receive.quantity")}
          inputMode="numeric"
          value={quantity}
          onChange={(e) => setQuantity(e.currentTarget.value)}
          error={errors.quantity}
          data-testid="stock-receive-quantity"
        />
      </Group>
      <ErrorAlert error={general} />
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onCancel}>
          {t("stock.cancel")}
        </Button>
        <Button type="submit" loading={busy} data-testid="stock-receive-save">
          {t("stock.receive.save")}
        </Button>
      </Group>
    </Card>
  );
}
