// A doctor orders lab tests from the encounter open in the chart: tests from the catalogue (type to find,
// Enter picks), priority, clinical note; errors on their fields. Enter in the note orders.
import { Button, Group, MultiSelect, NativeSelect, Stack, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { LabOrderView } from "../bindings/LabOrderView";
import type { LabPriority } from "../bindings/LabPriority";
import type { LabTest } from "../bindings/LabTest";
import { ErrorAlert } from "../components/ErrorAlert";
import { translatedFieldErrors } from "../i18n/messages";
import * as lab from "./api";

export function OrderLabForm({ encounterId, onOrdered }: { encounterId: string; onOrdered: (v: LabOrderView) => void }) {
  const { t } = useTranslation();
  const [catalogue, setCatalogue] = useState<LabTest[]>([]);
  const [tests, setTests] = useState<string[]>([]);
  const [priority, setPriority] = useState<LabPriority>("routine");
  const [note, setNote] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    lab.labTests().then(setCatalogue, (e: unknown) => setError(api.toErrorBody(e)));
  }, []);

  const submit = async () => {
    setBusy(true);
    setFields({});
    setDone("");
    try {
      const v = await lab.orderLabTests({ encounter_id: encounterId, test_ids: tests, priority, clinical_note: note });
      setDone(v.order.tests.map((l) => l.name).join(", "));
      setTests([]);
      setNote("");
      setPriority("routine");
      setError(null);
      onOrdered(v);
    } catch (e) {
      const body = api.toErrorBody(e);
      if (api.isSessionError(body)) return;
      const f = translatedFieldErrors(t, body);
      const testError = Object.entries(f).find(([k]) => k.startsWith("test_ids"))?.[1];
      setFields(testError ? { ...f, test_ids: testError } : f);
      setError(Object.keys(f).length ? null : body);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" component="form" onSubmit={(e) => (e.preventDefault(), void submit())} data-testid="lab-order-form">
      <Title order={4}>{t("lab.ordering.title")}</Title>
      <ErrorAlert error={error} testId="lab-order-error" />
      <MultiSelect
        label={t("lab.ordering.tests")}
        placeholder={t("lab.ordering.testsPlaceholder")}
        searchable
        data={catalogue.map((c) => ({ value: c.id, label: `${c.name}${c.unit ? ` (${c.unit})` : ""}` }))}
        value={tests}
        onChange={setTests}
        error={fields.test_ids}
        data-testid="lab-order-tests"
      />
      <Group grow align="flex-start">
        <NativeSelect
          label={t("lab.ordering.priority")}
          value={priority}
          onChange={(e) => setPriority(e.currentTarget.value as LabPriority)}
          data={(["routine", "urgent"] as const).map((p) => ({ value: p, label: t(`lab.priority.${p}`) }))}
          data-testid="lab-order-priority"
        />
        <TextInput label={t("lab.ordering.note")} value={note} error={fields.clinical_note ?? fields.encounter_id}
          onChange={(e) => setNote(e.currentTarget.value)} data-testid="lab-order-note" />
      </Group>
      <Group justify="space-between">
        <Text size="sm" c="green" data-testid="lab-order-done">{done && t("lab.ordering.ordered", { tests: done })}</Text>
        <Button type="submit" loading={busy} data-testid="lab-order-submit">{t("lab.ordering.submit")}</Button>
      </Group>
    </Stack>
  );
}
