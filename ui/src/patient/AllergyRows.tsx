// Allergies of the form: one row per allergy (substance, severity, reaction), added and removed freely.
import { Button, Fieldset, Group, NativeSelect, Stack, Text } from "@mantine/core";
import type { ComponentPropsWithoutRef } from "react";
import { useTranslation } from "react-i18next";
import type { AllergyInput } from "../bindings/AllergyInput";
import type { AllergySeverity } from "../bindings/AllergySeverity";
import { FormText } from "../components/FormText";
import { enumLabel, fieldLabel } from "../i18n/messages";
import { newAllergy } from "./formState";

export const SEVERITIES: AllergySeverity[] = ["mild", "moderate", "severe", "life_threatening"];

type Props = {
  rows: AllergyInput[];
  errors: Record<string, string>;
  onChange: (rows: AllergyInput[]) => void;
};

export function AllergyRows({ rows, errors, onChange }: Props) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<AllergyInput>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <Fieldset legend={fieldLabel(t, "allergies")} data-testid="field-allergies">
      <Stack gap="sm">
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("form.noneYet")}
          </Text>
        )}
        {rows.map((row, i) => {
          const path = `allergies.${i}`;
          return (
            <Group key={row.id ?? `new-${i}`} align="start" wrap="nowrap" data-testid="allergy-row">
              <FormText
                flex={2}
                label={fieldLabel(t, `${path}.substance`)}
                value={row.substance}
                onChange={(v) => change(i, { substance: v })}
                error={errors[`${path}.substance`]}
                testId={`field-${path}.substance`}
                errorTestId={`error-${path}.substance`}
              />
              <NativeSelect
                flex={1}
                label={fieldLabel(t, `${path}.severity`)}
                value={row.severity}
                onChange={(e) => change(i, { severity: e.currentTarget.value as AllergySeverity })}
                data={SEVERITIES.map((s) => ({ value: s, label: enumLabel(t, "severity", s) }))}
                error={errors[`${path}.severity`]}
                data-testid={`field-${path}.severity`}
                errorProps={{ "data-testid": `error-${path}.severity` } as ComponentPropsWithoutRef<"div">}
              />
              <FormText
                flex={2}
                label={fieldLabel(t, `${path}.reaction`)}
                value={row.reaction}
                onChange={(v) => change(i, { reaction: v })}
                error={errors[`${path}.reaction`]}
                testId={`field-${path}.reaction`}
                errorTestId={`error-${path}.reaction`}
              />
              <Button
                mt={25}
                variant="subtle"
                color="red"
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
                data-testid={`remove-${path}`}
              >
                {t("common.remove")}
              </Button>
            </Group>
          );
        })}
        {errors.allergies && (
          <Text size="sm" c="red" data-testid="error-allergies">
            {errors.allergies}
          </Text>
        )}
        <Group>
          <Button variant="light" onClick={() => onChange([...rows, newAllergy()])} data-testid="add-allergy">
            {t("form.addAllergy")}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
