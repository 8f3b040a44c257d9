// Register a new patient or edit one. New patients are checked for duplicates before saving.
import { Alert, Button, Center, Group, Loader, Stack, Title } from "@mantine/core";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { DuplicateCandidate } from "../bindings/DuplicateCandidate";
import type { ErrorBody } from "../bindings/ErrorBody";
import { ErrorAlert } from "../components/ErrorAlert";
import { todayIso } from "../format";
import { translatedFieldErrors } from "../i18n/messages";
import { AllergyRows } from "../patient/AllergyRows";
import { FamilyRows, SurgeryRows } from "../patient/HistoryRows";
import { DuplicateWarning } from "../patient/DuplicateWarning";
import { emptyForm, errorsOnRows, fromPatient, toInput, type PatientFormState } from "../patient/formState";
import { PatientFormFields } from "../patient/PatientFormFields";
import { TextListField } from "../patient/TextListField";
import { focusFirstInvalid } from "../shortcuts/useGlobalShortcuts";
import type { Route } from "./MainShell";

type Props = { id?: string; navigate: (route: Route) => void };

export function PatientFormScreen({ id, navigate }: Props) {
  const { t } = useTranslation();
  const [form, setForm] = useState<PatientFormState | null>(id ? null : emptyForm());
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ErrorBody | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[]>([]);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const duplicatePanel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!id) return;
    setFailure(null);
    api
      .getPatient(id)
      .then((view) => {
        setForm(fromPatient(view.patient, todayIso()));
        setName(`${view.patient.given_name} ${view.patient.family_name}`);
      })
      .catch((e: unknown) => setFailure(api.toErrorBody(e)));
  }, [id, attempt]);

  // Bring what needs attention into view: the duplicate warning, else the first field error.
  useEffect(() => {
    if (duplicates.length === 0) return;
    duplicatePanel.current?.scrollIntoView({ block: "center" });
    // Keyboard flow: Enter registers anyway; Tab reaches the look-alikes to open one instead.
    duplicatePanel.current?.querySelector<HTMLElement>('[data-testid="register-anyway"]')?.focus();
  }, [duplicates]);
  useEffect(() => {
    document.querySelector('[data-testid^="error-"]')?.scrollIntoView({ block: "center" });
    focusFirstInvalid();
  }, [errors]);

  const update = (patch: Partial<PatientFormState>) => setForm((f) => (f ? { ...f, ...patch } : f));

  const save = async (checkDuplicates: boolean) => {
    if (!form) return;
    setFailure(null);
    const converted = toInput(form);
    if (!converted.ok) {
      setErrors(Object.fromEntries(Object.entries(converted.errors).map(([k, key]) => [k, t(key)])));
      return;
    }
    setBusy(true);
    try {
      if (!id && checkDuplicates) {
        const found = await api.findDuplicates(converted.input, null);
        setDuplicates(found);
        if (found.length > 0) {
          setErrors({});
          return;
        }
      }
      const view = id ? await api.updatePatient(id, converted.input) : await api.registerPatient(converted.input);
      navigate({ name: "patient", id: view.id, view });
    } catch (err) {
      const body = api.toErrorBody(err);
      if (api.isSessionError(body)) return; // the lock screen or login takes over; the form is kept
      const fields = errorsOnRows(form, translatedFieldErrors(t, body));
      setErrors(fields);
      setFailure(Object.keys(fields).length === 0 ? body : null);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(true);
  };

  if (!form) {
    const retry = () => setAttempt((n) => n + 1);
    return <Center py="xl">{failure ? <ErrorAlert error={failure} onRetry={retry} /> : <Loader />}</Center>;
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2}>{id ? t("form.editTitle", { name }) : t("form.newTitle")}</Title>
        <PatientFormFields form={form} errors={errors} update={update} />
        <AllergyRows rows={form.allergies} errors={errors} onChange={(allergies) => update({ allergies })} />
        <TextListField
          name="chronic_conditions"
          addLabel={t("form.addCondition")}
          rows={form.chronic_conditions}
          errors={errors}
          onChange={(chronic_conditions) => update({ chronic_conditions })}
        />
        <TextListField
          name="current_medications"
          addLabel={t("form.addMedication")}
          rows={form.current_medications}
          errors={errors}
          onChange={(current_medications) => update({ current_medications })}
        />
        <SurgeryRows rows={form.past_surgeries} errors={errors} onChange={(past_surgeries) => update({ past_surgeries })} />
        <FamilyRows rows={form.family_history} errors={errors} onChange={(family_history) => update({ family_history })} />
        {Object.keys(errors).length > 0 && (
          <Alert color="red" variant="light" data-testid="form-errors">
            {t("form.fixErrors")}
          </Alert>
        )}
        <ErrorAlert error={failure} testId="form-error" />
        {duplicates.length > 0 && (
          <DuplicateWarning
            ref={duplicatePanel}
            candidates={duplicates}
            busy={busy}
            onOpen={(pid) => navigate({ name: "patient", id: pid })}
            onRegisterAnyway={() => void save(false)}
          />
        )}
        <Group justify="space-between">
          <Button
            variant="default"
            onClick={() => navigate(id ? { name: "patient", id } : { name: "list" })}
            data-testid="patient-cancel"
          >
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={busy} data-testid="patient-save">
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
