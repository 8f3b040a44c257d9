// A clinician's day or week: one column per day, appointments by start time.
import { Badge, Card, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { AppointmentSummary } from "../bindings/AppointmentSummary";
import type { Clinician } from "../bindings/Clinician";
import type { ErrorBody } from "../bindings/ErrorBody";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDate, todayIso } from "../format";
import * as appointments from "./api";
import { addDays, byDay, daysFrom, mondayOf, timeOf } from "./logic";
import { isEditable } from "../shortcuts/table";
import { ScheduleEditor } from "./ScheduleEditor";

/** `canManage`: the role may edit schedules (`schedule_manage`; the core checks again). */
export function CalendarView({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const [clinicians, setClinicians] = useState<Clinician[]>([]);
  const [clinician, setClinician] = useState("");
  const [span, setSpan] = useState<"day" | "week">("week");
  const [day, setDay] = useState(todayIso());
  const [rows, setRows] = useState<AppointmentSummary[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);

  useEffect(() => {
    appointments
      .activeClinicians()
      .then((list) => {
        setClinicians(list);
        setClinician((c) => c || list[0]?.id || "");
      })
      .catch((e: unknown) => setError(api.toErrorBody(e)));
  }, []);

  const from = span === "week" ? mondayOf(day) : day;
  const count = span === "week" ? 7 : 1;
  useEffect(() => {
    if (!clinician) return;
    appointments
      .clinicianCalendar(clinician, from, count)
      .then((r) => {
        setRows(r);
        setError(null);
      })
      .catch((e: unknown) => setError(api.toErrorBody(e)));
  }, [clinician, from, count]);

  // ← / → a day or a week back or on, T today (outside fields).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isEditable(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const step = span === "week" ? 7 : 1;
      if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
        e.preventDefault();
        setDay((d) => addDays(d, e.key === "ArrowLeft" ? -step : step));
      } else if (e.key.toLowerCase() === "t") setDay(todayIso());
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [span]);

  const days = daysFrom(from, count);
  const grouped = byDay(rows, days);
  return (
    <Stack>
      <Group align="flex-end">
        <NativeSelect
          label={t("appointments.clinician")}
          value={clinician}
          onChange={(e) => setClinician(e.currentTarget.value)}
          data-testid="calendar-clinician"
          data={clinicians.map((c) => ({ value: c.id, label: c.display_name }))}
        />
        <TextInput type="date" label={t("appointments.day")} value={day} onChange={(e) => setDay(e.currentTarget.value)}
          data-testid="calendar-day" description={t("shortcuts.calendarHint")} />
        <SegmentedControl
          value={span}
          onChange={(v) => setSpan(v === "day" ? "day" : "week")}
          data={[
            { value: "day", label: t("appointments.dayView") },
            { value: "week", label: t("appointments.weekView") },
          ]}
        />
      </Group>
      <ErrorAlert error={error} testId="calendar-error" />
      {canManage && clinician && <ScheduleEditor key={clinician} clinicianId={clinician} />}
      <SimpleGrid cols={count} spacing="xs" data-testid="calendar">
        {days.map((d) => (
          <Stack key={d} gap={4}>
            <Text fw={600} size="sm">
              {formatDate(d, i18n.language)}
            </Text>
            {(grouped[d] ?? []).map((r) => (
              <Card key={r.id} withBorder padding={6} data-testid="calendar-item">
                <Text size="sm" fw={600}>
                  {timeOf(r.start)}–{timeOf(r.end)}
                </Text>
                <Text size="sm">{r.patient_name}</Text>
                <Badge size="xs" variant="light">
                  {t(`appointments.status.${r.status}`)}
                </Badge>
              </Card>
            ))}
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
