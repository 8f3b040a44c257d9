// The diagnoses of an encounter (ICD-10-CM), the primary one marked; add with the search picker.
import { ActionIcon, Badge, Button, Checkbox, Group, Stack, Table, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { EncounterView } from "../bindings/EncounterView";
import type { ErrorBody } from "../bindings/ErrorBody";
import * as chart from "./api";
import { Icd10Picker } from "./Icd10Picker";

type Props = {
  view: EncounterView;
  editable: boolean;
  canDiagnose: boolean;
  onSaved: (view: EncounterView) => void;
  onError: (error: ErrorBody | null) => void;
};

export function DiagnosesSection({ view, editable, canDiagnose, onSaved, onError }: Props) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [primary, setPrimary] = useState(view.encounter.diagnoses.length === 0);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const fieldError = (e: ErrorBody) => {
    const out: Record<string, string> = {};
    for (const f of e.fields) out[f.field] = t([`chart.errors.${f.field}.${f.code}`, `errors.${f.code}`], { defaultValue: f.message });
    return out;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onSaved(await chart.addDiagnosis(view.id, { code, primary, note }));
      setCode("");
      setNote("");
      setPrimary(false);
      setErrors({});
      onError(null);
    } catch (err) {
      const body = err as ErrorBody;
      const map = fieldError(body);
      setErrors(map);
      if (!map.code && !map.note) onError(body);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (diagnosisId: string) => {
    try {
      onSaved(await chart.removeDiagnosis(view.id, diagnosisId));
    } catch (err) {
      onError(err as ErrorBody);
    }
  };

  return (
    <Stack gap="xs">
      <Title order={4}>{t("chart.diagnoses")}</Title>
      <Table data-testid="encounter-diagnoses">
        <Table.Tbody>
          {view.encounter.diagnoses.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <b>{d.code}</b>
              </Table.Td>
              <Table.Td>{d.title}</Table.Td>
              <Table.Td>{d.primary && <Badge>{t("chart.diagnosis.primary")}</Badge>}</Table.Td>
              <Table.Td>{d.note}</Table.Td>
              <Table.Td>
                {editable && canDiagnose && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("chart.diagnosis.remove")}
                    onClick={() => void remove(d.id)}
                  >
                    ×
                  </ActionIcon>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editable && canDiagnose && (
        <form onSubmit={(e) => void submit(e)} data-testid="diagnosis-form">
          <Group align="flex-end">
            <div style={{ flex: 2 }}>
              <Icd10Picker value={code} onChange={setCode} error={errors.code} />
            </div>
            <TextInput
              style={{ flex: 1 }}
              label={t("chart.diagnosis.note")}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={errors.note}
            />
            <Checkbox
              label={t("chart.diagnosis.primary")}
              checked={primary}
              onChange={(e) => setPrimary(e.currentTarget.checked)}
              mb={8}
            />
            <Button type="submit" loading={busy} data-testid="diagnosis-add">
              {t("chart.diagnosis.add")}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}
