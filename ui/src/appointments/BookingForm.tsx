// Booking (or a walk-in): patient search (the patient list's search), clinician, date, time,
// length and reason; errors shown on their field, a busy slot on the time.
import { Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { AppointmentSummary } from "../bindings/AppointmentSummary";
import type { Clinician } from "../bindings/Clinician";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { PatientSummary } from "../bindings/PatientSummary";
import { ErrorAlert } from "../components/ErrorAlert";
import { todayIso } from "../format";
import { usePatientSearch } from "../hooks/usePatientSearch";
import { fieldErrorText } from "../i18n/messages";
import { useListNavigation } from "../shortcuts/useListNavigation";
import { focusFirstInvalid } from "../shortcuts/useGlobalShortcuts";
import * as appointments from "./api";
import { startOf, timeOf } from "./logic";

type Props = { onBooked: (booked: AppointmentSummary) => void };

export function BookingForm({ onBooked }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [clinicians, setClinicians] = useState<Clinician[]>([]);
  const [clinician, setClinician] = useState("");
  const [date, setDate] = useState(todayIso());
  const [time, setTime] = useState("09:00");
  const [minutes, setMinutes] = useState<number>(15);
  const [reason, setReason] = useState("");
  const [walkIn, setWalkIn] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [slots, setSlots] = useState<string[]>([]);
  const search = usePatientSearch(query, false, patient === null && query.trim().length > 0);
  const shown = patient === null && query.trim() ? search.results.slice(0, 8) : [];
  const clinicianField = useRef<HTMLSelectElement>(null);
  const searchField = useRef<HTMLInputElement>(null);
  const choose = (p: PatientSummary | null) => {
    setPatient(p);
    // Keyboard flow: a picked patient → the clinician; "change patient" → the search again.
    window.setTimeout(() => (p ? clinicianField.current : searchField.current)?.focus(), 0);
  };
  const results = useListNavigation(shown, (p) => p.id, choose);
  useEffect(() => focusFirstInvalid(), [errors]);

  useEffect(() => {
    appointments
      .activeClinicians()
      .then((list) => {
        setClinicians(list);
        setClinician((c) => c || list[0]?.id || "");
      })
      .catch((e: unknown) => setError(api.toErrorBody(e)));
  }, []);

  // The clinician's free slots that day (none when they have no schedule): a click sets the time.
  useEffect(() => {
    if (!clinician || !date) return;
    appointments
      .freeSlots(clinician, date)
      .then(setSlots)
      .catch(() => setSlots([]));
  }, [clinician, date]);

  const submit = () => {
    setBusy(true);
    setErrors({});
    setError(null);
    const patientId = patient?.id ?? "";
    const call = walkIn
      ? appointments.registerWalkIn({ patient_id: patientId, clinician_id: clinician, duration_minutes: minutes, reason })
      : appointments.bookAppointment({
          patient_id: patientId,
          clinician_id: clinician,
          start: startOf(date, time),
          duration_minutes: minutes,
          reason,
        });
    call
      .then(onBooked)
      .catch((e: unknown) => {
        const body = api.toErrorBody(e);
        if (api.isSessionError(body)) return;
        if (body.fields.length === 0) setError(body);
        // A busy slot names who and when (the core's text); other errors are translated.
        setErrors(
          api.fieldErrorMap(body, (fe) =>
            fe.code === "conflict" ? t("appointments.busy", { detail: fe.message }) : fieldErrorText(t, fe),
          ),
        );
      })
      .finally(() => setBusy(false));
  };

  return (
    <Stack
      component="form"
      maw={560}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <ErrorAlert error={error} testId="booking-error" />
      {patient ? (
        <Group>
          <Text data-testid="booking-patient">
            {patient.number} · {patient.given_name} {patient.family_name}
          </Text>
          <Button size="xs" variant="default" onClick={() => choose(null)} data-testid="booking-change-patient">
            {t("appointments.changePatient")}
          </Button>
        </Group>
      ) : (
        <Stack gap={4}>
          <TextInput
            label={t("appointments.patient")}
            placeholder={t("appointments.searchPatient")}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={results.onKeyDown}
            error={errors.patient_id}
            description={shown.length > 0 ? t("shortcuts.listHint") : undefined}
            data-testid="booking-search"
            ref={searchField}
            autoFocus
          />
          {shown.map((p, i) => (
            <Button
              key={p.id}
              variant={results.isActive(i) ? "light" : "subtle"}
              justify="flex-start"
              data-testid="booking-pick"
              aria-selected={results.isActive(i)}
              tabIndex={-1}
              onClick={() => choose(p)}
            >
              {p.number} · {p.given_name} {p.family_name} · {p.birth_date}
            </Button>
          ))}
        </Stack>
      )}
      <NativeSelect
        label={t("appointments.clinician")}
        value={clinician}
        onChange={(e) => setClinician(e.currentTarget.value)}
        error={errors.clinician_id}
        data-testid="booking-clinician"
        ref={clinicianField}
        data={clinicians.map((c) => ({ value: c.id, label: `${c.display_name} (${t(`role.${c.role}`)})` }))}
      />
      <Checkbox
        label={t("appointments.walkInNow")}
        checked={walkIn}
        onChange={(e) => setWalkIn(e.currentTarget.checked)}
        data-testid="booking-walk-in"
      />
      {!walkIn && (
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t("appointments.date")}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={errors.start}
            data-testid="booking-date"
          />
          <TextInput
            type="time"
            label={t("appointments.time")}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
            error={errors.start ? " " : undefined}
            data-testid="booking-time"
          />
        </Group>
      )}
      {!walkIn && slots.length > 0 && (
        <Group gap={4} data-testid="booking-slots">
          <Text size="xs" c="dimmed">
            {t("appointments.freeSlots")}
          </Text>
          {slots.map((slot) => (
            <Button key={slot} size="compact-xs" variant={timeOf(slot) === time ? "filled" : "default"} onClick={() => setTime(timeOf(slot))}>
              {timeOf(slot)}
            </Button>
          ))}
        </Group>
      )}
      <NumberInput
        label={t("appointments.minutes")}
        value={minutes}
        min={5}
        max={480}
        step={5}
        onChange={(v) => setMinutes(typeof v === "number" ? v : Number(v) || 0)}
        error={errors.duration_minutes}
        data-testid="booking-minutes"
      />
      <TextInput
        label={t("appointments.reason")}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.reason}
        data-testid="booking-reason"
      />
      <Group justify="flex-end">
        <Button type="submit" loading={busy} data-testid="booking-submit">
          {walkIn ? t("appointments.registerWalkIn") : t("appointments.book")}
        </Button>
      </Group>
    </Stack>
  );
}
