// Past surgical history and family history of the form: one row per entry, added and removed freely.
// Errors come back by row (`past_surgeries.1.date`): every row is sent, blank ones are dropped by the core.
import { Button, Fieldset, Group, NativeSelect, Stack, Text } from "@mantine/core";
import type { ComponentPropsWithoutRef } from "react";
import { useTranslation } from "react-i18next";
import type { FamilyHistoryInput } from "../bindings/FamilyHistoryInput";
import type { Relation } from "../bindings/Relation";
import type { SurgeryInput } from "../bindings/SurgeryInput";
import { FormText } from "../components/FormText";
import { enumLabel, fieldLabel } from "../i18n/messages";

export const RELATIONS: Relation[] = [
  "mother",
  "father",
  "sister",
  "brother",
  "daughter",
  "son",
  "grandmother",
  "grandfather",
  "aunt",
  "uncle",
  "cousin",
  "other",
];

type Errors = Record<string, string>;

function text<T>(path: string, name: keyof T & string, row: T, change: (patch: Partial<T>) => void, errors: Errors, label: string, flex = 2) {
  const field = `${path}.${name}`;
  return (
    <FormText
      flex={flex}
      label={label}
      value={String(row[name] ?? "")}
      onChange={(v) => change({ [name]: v } as Partial<T>)}
      error={errors[field]}
      testId={`field-${field}`}
      errorTestId={`error-${field}`}
    />
  );
}

function RemoveButton({ path, onClick }: { path: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button mt={25} variant="subtle" color="red" onClick={onClick} data-testid={`remove-${path}`}>
      {t("common.remove")}
    </Button>
  );
}

export function SurgeryRows({ rows, errors, onChange }: { rows: SurgeryInput[]; errors: Errors; onChange: (rows: SurgeryInput[]) => void }) {
  const { t } = useTranslation();
  const change = (index: number) => (patch: Partial<SurgeryInput>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Fieldset legend={fieldLabel(t, "past_surgeries")} data-testid="field-past_surgeries">
      <Stack gap="sm">
        {rows.length === 0 && <Text size="sm" c="dimmed">{t("form.noneYet")}</Text>}
        {rows.map((row, i) => {
          const path = `past_surgeries.${i}`;
          return (
            <Group key={row.id ?? `new-${i}`} align="start" wrap="nowrap" data-testid="surgery-row">
              {text(path, "procedure", row, change(i), errors, fieldLabel(t, `${path}.procedure`))}
              <FormText
                flex={1}
                label={fieldLabel(t, `${path}.date`)}
                placeholder={t("history.dateHint")}
                value={row.date}
                onChange={(v) => change(i)({ date: v })}
                error={errors[`${path}.date`]}
                testId={`field-${path}.date`}
                errorTestId={`error-${path}.date`}
              />
              {text(path, "notes", row, change(i), errors, fieldLabel(t, `${path}.notes`))}
              <RemoveButton path={path} onClick={() => onChange(rows.filter((_, j) => j !== i))} />
            </Group>
          );
        })}
        {errors.past_surgeries && <Text size="sm" c="red">{errors.past_surgeries}</Text>}
        <Group>
          <Button variant="light" onClick={() => onChange([...rows, { procedure: "", date: "", notes: "" }])} data-testid="add-surgery">
            {t("history.addSurgery")}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

export function FamilyRows({ rows, errors, onChange }: { rows: FamilyHistoryInput[]; errors: Errors; onChange: (rows: FamilyHistoryInput[]) => void }) {
  const { t } = useTranslation();
  const change = (index: number) => (patch: Partial<FamilyHistoryInput>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Fieldset legend={fieldLabel(t, "family_history")} data-testid="field-family_history">
      <Stack gap="sm">
        {rows.length === 0 && <Text size="sm" c="dimmed">{t("form.noneYet")}</Text>}
        {rows.map((row, i) => {
          const path = `family_history.${i}`;
          return (
            <Group key={row.id ?? `new-${i}`} align="start" wrap="nowrap" data-testid="family-row">
              <NativeSelect
                flex={1}
                label={fieldLabel(t, `${path}.relation`)}
                value={row.relation}
                onChange={(e) => change(i)({ relation: e.currentTarget.value as Relation })}
                data={RELATIONS.map((r) => ({ value: r, label: enumLabel(t, "relation", r) }))}
                error={errors[`${path}.relation`]}
                data-testid={`field-${path}.relation`}
                errorProps={{ "data-testid": `error-${path}.relation` } as ComponentPropsWithoutRef<"div">}
              />
              {text(path, "condition", row, change(i), errors, fieldLabel(t, `${path}.condition`))}
              {text(path, "notes", row, change(i), errors, fieldLabel(t, `${path}.notes`))}
              <RemoveButton path={path} onClick={() => onChange(rows.filter((_, j) => j !== i))} />
            </Group>
          );
        })}
        {errors.family_history && <Text size="sm" c="red">{errors.family_history}</Text>}
        <Group>
          <Button
            variant="light"
            onClick={() => onChange([...rows, { relation: "mother", condition: "", notes: "" }])}
            data-testid="add-family-history"
          >
            {t("history.addFamily")}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
