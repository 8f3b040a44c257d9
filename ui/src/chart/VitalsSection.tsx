// The vitals of an encounter: the sets recorded so far, and a row to record a new one with live BMI.
import { Button, Group, SimpleGrid, Table, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { EncounterView } from "../bindings/EncounterView";
import type { ErrorBody } from "../bindings/ErrorBody";
import { formatDateTime } from "../format";
import { translatedFieldErrors } from "../i18n/messages";
import * as chart from "./api";
import { bmiTenths, emptyVitals, tenths, toVitalsInput, VITALS_FIELDS, type VitalsDraft } from "./logic";

type Props = {
  view: EncounterView;
  editable: boolean;
  onSaved: (view: EncounterView) => void;
  onError: (error: ErrorBody | null) => void;
};

export function VitalsSection({ view, editable, onSaved, onError }: Props) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<VitalsDraft>(emptyVitals);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const { input, invalid } = toVitalsInput(draft);
  const bmi = bmiTenths(input.weight_g, input.height_mm);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (invalid.length > 0) {
      setErrors(Object.fromEntries(invalid.map((f) => [f, t("errors.invalid_format")])));
      return;
    }
    setBusy(true);
    try {
      onSaved(await chart.recordVitals(view.id, [input]));
      setDraft(emptyVitals());
      setErrors({});
      onError(null);
    } catch (err) {
      const body = err as ErrorBody;
      const map = translatedFieldErrors(t, body);
      const mine = Object.fromEntries(Object.entries(map).map(([k, v]) => [k.replace(/^vitals\.0\.?/, ""), v]));
      setErrors(mine);
      if (Object.keys(mine).length === 0) onError(body);
    } finally {
      setBusy(false);
    }
  };

  const rows = view.encounter.vitals;
  return (
    <>
      <Title order={4}>{t("chart.vitals")}</Title>
      {rows.length > 0 && (
        <Table data-testid="encounter-vitals">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("chart.takenAt")}</Table.Th>
              <Table.Th>{t("chart.metric.bp")}</Table.Th>
              <Table.Th>{t("chart.metric.pulse")}</Table.Th>
              <Table.Th>{t("chart.metric.temperature")}</Table.Th>
              <Table.Th>{t("chart.metric.spo2")}</Table.Th>
              <Table.Th>{t("chart.metric.weight")}</Table.Th>
              <Table.Th>{t("chart.metric.bmi")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{formatDateTime(v.taken_at, i18n.language)}</Table.Td>
                <Table.Td>{v.systolic_mmhg !== null ? `${v.systolic_mmhg}/${v.diastolic_mmhg ?? ""}` : ""}</Table.Td>
                <Table.Td>{v.pulse_bpm ?? ""}</Table.Td>
                <Table.Td>{tenths(v.temperature_tenths_c, i18n.language)}</Table.Td>
                <Table.Td>{v.spo2_percent ?? ""}</Table.Td>
                <Table.Td>{v.weight_g !== null ? (v.weight_g / 1000).toLocaleString(i18n.language) : ""}</Table.Td>
                <Table.Td>{tenths(bmiTenths(v.weight_g, v.height_mm), i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editable && (
        <form onSubmit={(e) => void submit(e)} data-testid="vitals-form">
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {VITALS_FIELDS.map(({ field }) => (
              <TextInput
                key={field}
                label={t(`fields.vitals_${field}`)}
                inputMode="decimal"
                value={draft[field]}
                onChange={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}
                error={errors[field]}
                data-testid={`vitals-${field}`}
              />
            ))}
          </SimpleGrid>
          <Group justify="space-between" mt="sm">
            <Text data-testid="vitals-bmi">
              {t("chart.metric.bmi")}: {bmi === null ? "—" : tenths(bmi, i18n.language)}
            </Text>
            <Button type="submit" loading={busy} data-testid="vitals-save">
              {t("chart.recordVitals")}
            </Button>
          </Group>
          {errors[""] && (
            <Text c="red" size="sm">
              {errors[""]}
            </Text>
          )}
        </form>
      )}
    </>
  );
}
