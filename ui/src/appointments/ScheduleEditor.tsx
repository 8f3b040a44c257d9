// A clinician's weekly schedule (front desk): working hours per weekday, slot length, leave days.
import { Button, Checkbox, Group, NumberInput, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import { ErrorAlert } from "../components/ErrorAlert";
import { translatedFieldErrors } from "../i18n/messages";
import * as appointments from "./api";
import { scheduleInput, scheduleRows, type DayRow } from "./logic";

export function ScheduleEditor({ clinicianId }: { clinicianId: string }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<DayRow[]>(scheduleRows(null));
  const [slot, setSlot] = useState(15);
  const [leave, setLeave] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    appointments
      .clinicianSchedule(clinicianId)
      .then((s) => {
        setRows(scheduleRows(s));
        setSlot(s?.slot_minutes ?? 15);
        setLeave(s?.leave.join(", ") ?? "");
      })
      .catch((e: unknown) => setError(api.toErrorBody(e)));
  }, [clinicianId]);

  const update = (i: number, change: Partial<DayRow>) =>
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...change } : r)));

  const save = () => {
    setErrors({});
    setError(null);
    setSaved(false);
    appointments
      .setSchedule(clinicianId, scheduleInput(rows, slot, leave))
      .then(() => setSaved(true))
      .catch((e: unknown) => {
        const body = api.toErrorBody(e);
        if (api.isSessionError(body)) return;
        if (body.fields.length === 0) setError(body);
        setErrors(translatedFieldErrors(t, body));
      });
  };

  const on = rows.filter((r) => r.on);
  return (
    <Stack gap="xs" data-testid="schedule-editor">
      <Title order={4}>{t("appointments.schedule.title")}</Title>
      <ErrorAlert error={error} />
      <Table>
        <Table.Tbody>
          {rows.map((r, i) => {
            const n = on.indexOf(r);
            return (
              <Table.Tr key={r.weekday}>
                <Table.Td>
                  <Checkbox
                    label={t(`appointments.schedule.weekday.${r.weekday}`)}
                    checked={r.on}
                    onChange={(e) => update(i, { on: e.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput type="time" size="xs" disabled={!r.on} value={r.start} error={n >= 0 ? errors[`hours.${n}.start`] : undefined} onChange={(e) => update(i, { start: e.currentTarget.value })} />
                </Table.Td>
                <Table.Td>
                  <TextInput type="time" size="xs" disabled={!r.on} value={r.end} error={n >= 0 ? errors[`hours.${n}.end`] : undefined} onChange={(e) => update(i, { end: e.currentTarget.value })} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group align="flex-start" grow>
        <NumberInput
          label={t("appointments.schedule.slot")}
          value={slot}
          min={5}
          max={240}
          step={5}
          onChange={(v) => setSlot(typeof v === "number" ? v : Number(v) || 0)}
          error={errors.slot_minutes}
        />
        <TextInput
          label={t("appointments.schedule.leave")}
          placeholder="2026-12-24, 2026-12-25"
          value={leave}
          onChange={(e) => setLeave(e.currentTarget.value)}
          error={Object.entries(errors).find(([k]) => k.startsWith("leave"))?.[1]}
        />
      </Group>
      <Group justify="flex-end">
        {saved && <Text size="sm">{t("appointments.schedule.saved")}</Text>}
        <Button size="xs" onClick={save} data-testid="schedule-save">
          {t("appointments.schedule.save")}
        </Button>
      </Group>
    </Stack>
  );
}
