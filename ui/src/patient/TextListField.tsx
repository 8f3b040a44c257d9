// A list of short texts (chronic conditions, current medications) with add and remove.
import { Button, Fieldset, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { FormText } from "../components/FormText";
import { fieldLabel } from "../i18n/messages";

type Props = {
  name: "chronic_conditions" | "current_medications";
  addLabel: string;
  rows: string[];
  errors: Record<string, string>;
  onChange: (rows: string[]) => void;
};

export function TextListField({ name, addLabel, rows, errors, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={fieldLabel(t, name)} data-testid={`field-${name}`}>
      <Stack gap="xs">
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("form.noneYet")}
          </Text>
        )}
        {rows.map((row, i) => (
          // Rows have no identity of their own; the index is what the core's errors refer to.
          <Group key={i} align="start" wrap="nowrap">
            <FormText
              flex={1}
              aria-label={fieldLabel(t, name)}
              maxLength={200}
              value={row}
              onChange={(v) => onChange(rows.map((r, j) => (j === i ? v : r)))}
              error={errors[`${name}.${i}`]}
              testId={`field-${name}.${i}`}
              errorTestId={`error-${name}.${i}`}
            />
            <Button variant="subtle" color="red" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              {t("common.remove")}
            </Button>
          </Group>
        ))}
        {errors[name] && (
          <Text size="sm" c="red" data-testid={`error-${name}`}>
            {errors[name]}
          </Text>
        )}
        <Group>
          <Button variant="light" onClick={() => onChange([...rows, ""])} data-testid={`add-${name}`}>
            {addLabel}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
