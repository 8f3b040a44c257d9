// First run: the clinic and its first administrator, in one form of two sections.
import { Button, Fieldset, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { ConnectForm } from "../components/ConnectForm";
import { useState, type ComponentPropsWithoutRef, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ClinicInfo } from "../bindings/ClinicInfo";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { SetupInput } from "../bindings/SetupInput";
import { ErrorAlert } from "../components/ErrorAlert";
import { FormText } from "../components/FormText";
import { translatedFieldErrors } from "../i18n/messages";

const TEXT_FIELDS = [
  ["clinic_name", "setup-clinic-name", "setup.clinicName", undefined],
  ["clinic_code", "setup-clinic-code", "setup.clinicCode", "setup.clinicCodeHint"],
  ["device_code", "setup-device-code", "setup.deviceCode", "setup.deviceCodeHint"],
  ["admin_username", "setup-admin-username", "setup.adminUsername", undefined],
  ["admin_display_name", "setup-admin-display-name", "setup.adminDisplayName", undefined],
] as const;

type TextField = (typeof TEXT_FIELDS)[number][0];

const errorProps = (name: string) => ({ "data-testid": `error-${name}` }) as ComponentPropsWithoutRef<"div">;

type Props = {
  onDone: () => void;
  /** A PC that joined this clinic before any of its PCs had users: only the first administrator is asked for. */
  joinedClinic?: ClinicInfo | null;
};

export function SetupWizard({ onDone, joinedClinic = null }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<TextField, string>>({
    clinic_name: joinedClinic?.name ?? "",
    clinic_code: joinedClinic?.code ?? "",
    device_code: "",
    admin_username: "",
    admin_display_name: "",
  });
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [joining, setJoining] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    if (password !== confirm) {
      setErrors({ admin_password_confirm: t("setup.passwordMismatch") });
      return;
    }
    const input: SetupInput = {
      clinic_name: values.clinic_name,
      clinic_code: values.clinic_code,
      admin_username: values.admin_username,
      admin_display_name: values.admin_display_name,
      admin_password: password,
    };
    if (values.device_code.trim() !== "") input.device_code = values.device_code;
    setBusy(true);
    try {
      await api.setup(input);
      onDone();
    } catch (err) {
      const body = api.toErrorBody(err);
      const fields = translatedFieldErrors(t, body);
      setErrors(fields);
      setFailure(Object.keys(fields).length === 0 ? body : null);
    } finally {
      setBusy(false);
    }
  };

  const text = ([name, testId, label, hint]: (typeof TEXT_FIELDS)[number]) => (
    <FormText
      key={name}
      label={t(label)}
      description={hint ? t(hint) : undefined}
      value={values[name]}
      onChange={(v) => setValues((s) => ({ ...s, [name]: v }))}
      error={errors[name]}
      testId={testId}
      errorTestId={`error-${name}`}
      required={name === "clinic_name" || name === "clinic_code" || name === "admin_username"}
    />
  );

  if (joining) {
    // A new PC of a clinic that already exists: enroll, and the clinic's records and users
    // arrive from the central server; then log in as usual.
    return (
      <Stack>
        <Title order={2}>{t("setup.joinTitle")}</Title>
        <ConnectForm onConnected={onDone} />
        <Button variant="subtle" onClick={() => setJoining(false)} data-testid="setup-create-instead">
          {t("setup.createInstead")}
        </Button>
      </Stack>
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Title order={2}>{joinedClinic ? t("setup.firstAdminTitle") : t("setup.title")}</Title>
        <Text c="dimmed" data-testid="setup-intro">
          {joinedClinic
            ? t("setup.firstAdminIntro", { name: joinedClinic.name, code: joinedClinic.code })
            : t("setup.intro")}
        </Text>
        {!joinedClinic && (
          <Fieldset legend={t("setup.clinicSection")}>
            <Stack gap="sm">{TEXT_FIELDS.slice(0, 3).map(text)}</Stack>
          </Fieldset>
        )}
        <Fieldset legend={t("setup.adminSection")}>
          <Stack gap="sm">
            {TEXT_FIELDS.slice(3).map(text)}
            <PasswordInput
              required
              label={t("setup.adminPassword")}
              description={t("setup.adminPasswordHint")}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.admin_password}
              data-testid="setup-admin-password"
              errorProps={errorProps("admin_password")}
            />
            <PasswordInput
              required
              label={t("setup.adminPasswordConfirm")}
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              error={errors.admin_password_confirm}
              data-testid="setup-admin-password-confirm"
              errorProps={errorProps("admin_password_confirm")}
            />
          </Stack>
        </Fieldset>
        <ErrorAlert error={failure} testId="setup-error" />
        <Button type="submit" loading={busy} data-testid="setup-submit">
          {t("setup.submit")}
        </Button>
        {!joinedClinic && (
          <Button variant="subtle" onClick={() => setJoining(true)} data-testid="setup-join">
            {t("setup.join")}
          </Button>
        )}
      </Stack>
    </form>
  );
}
