// The single-value fields of the registration form, in sections. Test ids: `field-<path>`, `error-<path>`.
import { Fieldset, NativeSelect, SimpleGrid, Text } from "@mantine/core";
import type { ComponentPropsWithoutRef } from "react";
import { useTranslation } from "react-i18next";
import type { BloodType } from "../bindings/BloodType";
import type { Sex } from "../bindings/Sex";
import { FormText } from "../components/FormText";
import { enumLabel, fieldLabel } from "../i18n/messages";
import type { PatientFormState } from "./formState";
import type { ReminderChannel } from "../bindings/ReminderChannel";

export const REMINDER_CHANNELS: ReminderChannel[] = ["none", "sms", "email"];

export const SEXES: Sex[] = ["female", "male", "other", "unknown"];
export const BLOOD_TYPES: BloodType[] = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-", "unknown"];

type TextKey = Exclude<
  { [K in keyof PatientFormState]: PatientFormState[K] extends string ? K : never }[keyof PatientFormState],
  "sex" | "blood_type" | "reminder_channel"
>;
type ContactKey = keyof PatientFormState["emergency_contact"];

export type FieldsProps = {
  form: PatientFormState;
  errors: Record<string, string>;
  update: (patch: Partial<PatientFormState>) => void;
};

const errorProps = (path: string) => ({ "data-testid": `error-${path}` }) as ComponentPropsWithoutRef<"div">;

export function PatientFormFields({ form, errors, update }: FieldsProps) {
  const { t } = useTranslation();

  const text = (name: TextKey, extra: { required?: boolean; placeholder?: string; autoFocus?: boolean } = {}) => (
    <FormText
      label={fieldLabel(t, name)}
      value={form[name]}
      onChange={(v) => update({ [name]: v })}
      error={errors[name]}
      testId={`field-${name}`}
      errorTestId={`error-${name}`}
      {...extra}
    />
  );

  const contact = (name: ContactKey) => {
    const path = `emergency_contact.${name}`;
    return (
      <FormText
        label={fieldLabel(t, path)}
        value={form.emergency_contact[name]}
        onChange={(v) => update({ emergency_contact: { ...form.emergency_contact, [name]: v } })}
        error={errors[path]}
        testId={`field-${path}`}
        errorTestId={`error-${path}`}
      />
    );
  };

  return (
    <>
      <Fieldset legend={t("form.identity")}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text("given_name", { required: true, autoFocus: true })}
          {text("family_name", { required: true })}
          <NativeSelect
            label={fieldLabel(t, "sex")}
            value={form.sex}
            onChange={(e) => update({ sex: e.currentTarget.value as Sex })}
            data={SEXES.map((s) => ({ value: s, label: enumLabel(t, "sex", s) }))}
            error={errors.sex}
            data-testid="field-sex"
            errorProps={errorProps("sex")}
          />
        </SimpleGrid>
        <Text size="sm" c="dimmed" mt="sm">
          {t("form.birthHint")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text("birth_date", { placeholder: t("form.birthDatePlaceholder") })}
          {text("estimated_age_years")}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t("form.contact")}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text("phone")}
          {text("national_id")}
        </SimpleGrid>
        {text("address")}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text("email")}
          <NativeSelect
            label={fieldLabel(t, "reminder_channel")}
            description={t("reminders.patient.channelHelp")}
            value={form.reminder_channel}
            onChange={(e) => update({ reminder_channel: e.currentTarget.value as ReminderChannel })}
            data={REMINDER_CHANNELS.map((c) => ({ value: c, label: t(`reminders.outgoing.channel.${c}`) }))}
            error={errors.reminder_channel}
            data-testid="field-reminder_channel"
            errorProps={errorProps("reminder_channel")}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t("form.insurance")}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text("insurance_provider")}
          {text("insurance_policy")}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t("form.emergency")}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {contact("name")}
          {contact("phone")}
          {contact("relationship")}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t("form.medical")}>
        <NativeSelect
          maw={240}
          label={fieldLabel(t, "blood_type")}
          value={form.blood_type}
          onChange={(e) => update({ blood_type: e.currentTarget.value as BloodType })}
          data={BLOOD_TYPES.map((b) => ({ value: b, label: enumLabel(t, "bloodType", b) }))}
          error={errors.blood_type}
          data-testid="field-blood_type"
          errorProps={errorProps("blood_type")}
        />
      </Fieldset>
    </>
  );
}
