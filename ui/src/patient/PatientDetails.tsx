// The patient's data, read-only.
import { Badge, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Patient } from "../bindings/Patient";
import { ageOn, formatBirthDate, formatNumber, todayIso } from "../format";
import { enumLabel, fieldLabel } from "../i18n/messages";

function Item({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text data-testid={testId}>{children}</Text>
    </div>
  );
}

export function PatientDetails({ patient: p }: { patient: Patient }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const empty = t("patient.empty");
  const age = ageOn(p.birth_date, todayIso());
  const ageText =
    age === null
      ? ""
      : t(p.birth_date_estimated ? "patient.estimatedAge" : "patient.age", { age: formatNumber(age, locale) });
  const contact = [p.emergency_contact.name, p.emergency_contact.relationship, p.emergency_contact.phone]
    .filter(Boolean)
    .join(" · ");

  return (
    <Stack gap="md">
      <Group gap="sm">
        <Title order={2} data-testid="patient-name">
          {p.given_name} {p.family_name}
        </Title>
        {p.deleted && (
          <Badge color="gray" data-testid="patient-deleted">
            {t("patient.deletedBadge")}
          </Badge>
        )}
      </Group>
      <Text ff="monospace" data-testid="patient-number">
        {p.number}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Item label={fieldLabel(t, "sex")}>{enumLabel(t, "sex", p.sex)}</Item>
        <Item label={fieldLabel(t, "birth_date")} testId="patient-birth-date">
          {formatBirthDate(p.birth_date, p.birth_date_estimated, locale)} {ageText && `(${ageText})`}
        </Item>
        <Item label={fieldLabel(t, "blood_type")}>{enumLabel(t, "bloodType", p.blood_type)}</Item>
        <Item label={fieldLabel(t, "phone")}>{p.phone || empty}</Item>
        <Item label={fieldLabel(t, "national_id")}>{p.national_id || empty}</Item>
        <Item label={fieldLabel(t, "address")}>{p.address || empty}</Item>
        <Item label={fieldLabel(t, "insurance_provider")}>{p.insurance_provider || empty}</Item>
        <Item label={fieldLabel(t, "insurance_policy")}>{p.insurance_policy || empty}</Item>
        <Item label={fieldLabel(t, "emergency_contact")}>{contact || empty}</Item>
        <Item label={fieldLabel(t, "chronic_conditions")}>{p.chronic_conditions.join(", ") || empty}</Item>
        <Item label={fieldLabel(t, "current_medications")}>{p.current_medications.join(", ") || empty}</Item>
        <Item label={fieldLabel(t, "past_surgeries")} testId="patient-past-surgeries">
          {p.past_surgeries
            .map((s) => t("history.surgeryLine", { procedure: s.procedure, date: s.date || t("history.unknownDate") }))
            .join(", ") || empty}
        </Item>
        <Item label={fieldLabel(t, "family_history")} testId="patient-family-history">
          {p.family_history.map((f) => `${enumLabel(t, "relation", f.relation)}: ${f.condition}`).join(", ") || empty}
        </Item>
      </SimpleGrid>
    </Stack>
  );
}
