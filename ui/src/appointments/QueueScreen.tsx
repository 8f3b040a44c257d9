// "Today": the day's queue (token, patient, clinician, status, room) with keyboard actions
// (↑/↓ choose, I check in, C call in, D done, N no-show), the booking form and the calendars.
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { AppointmentSummary } from "../bindings/AppointmentSummary";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { QueueAction } from "../bindings/QueueAction";
import type { Role } from "../bindings/Role";
import { ErrorAlert } from "../components/ErrorAlert";
import { todayIso } from "../format";
import * as appointments from "./api";
import { BookingForm } from "./BookingForm";
import { CalendarView } from "./CalendarView";
import { canManageSchedules, keyAction, queueActions, timeOf } from "./logic";
import { ReminderCell } from "../reminders/ReminderCell";

export type QueueTab = "queue" | "book" | "calendar";
type Tab = QueueTab;

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

export function QueueScreen({ role, initialTab }: { role: Role; initialTab?: QueueTab | undefined }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>(initialTab ?? "queue");
  // The visit just booked: the queue opens with it chosen, ready for its keys.
  const [booked, setBooked] = useState<string | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("appointments.title")}</Title>
        <SegmentedControl
          value={tab}
          onChange={(v) => setTab(v as Tab)}
          data-testid="appointments-tabs"
          data={[
            { value: "queue", label: t("appointments.tabs.queue") },
            { value: "book", label: t("appointments.tabs.book") },
            { value: "calendar", label: t("appointments.tabs.calendar") },
          ]}
        />
      </Group>
      {tab === "queue" && <DayQueue focusId={booked} />}
      {tab === "book" && (
        <BookingForm
          onBooked={(a) => {
            setBooked(a.id);
            setTab("queue");
          }}
        />
      )}
      {tab === "calendar" && <CalendarView canManage={canManageSchedules(role)} />}
    </Stack>
  );
}

function DayQueue({ focusId }: { focusId: string | null }) {
  const { t } = useTranslation();
  const table = useRef<HTMLTableElement>(null);
  const pending = useRef(focusId);
  const [day, setDay] = useState(todayIso());
  const [rows, setRows] = useState<AppointmentSummary[]>([]);
  const [selected, setSelected] = useState(0);
  const [room, setRoom] = useState("");
  const [cancelReason, setCancelReason] = useState("");
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  // Set when a load finds the visit just booked: the table takes the focus once it is on screen (a
  // timer could fire before React has rendered the first rows, leaving the focus nowhere).
  const [focusTable, setFocusTable] = useState(false);
  useEffect(() => {
    if (focusTable && table.current) {
      table.current.focus();
      setFocusTable(false);
    }
  }, [focusTable, rows]);

  const load = useCallback(() => {
    appointments
      .dayQueue(day)
      .then((r) => {
        setRows(r);
        setError(null);
        const booked = pending.current ? r.findIndex((x) => x.id === pending.current) : -1;
        if (booked >= 0) {
          pending.current = null;
          setSelected(booked);
          // After a booking the queue takes the focus (its keys work from anywhere but a field).
          setFocusTable(true);
        } else setSelected((i) => Math.min(i, Math.max(r.length - 1, 0)));
      })
      .catch((e: unknown) => setError(api.toErrorBody(e)));
  }, [day]);
  useEffect(load, [load]);

  const run = useCallback(
    (row: AppointmentSummary | undefined, action: QueueAction) => {
      if (!row || busy || !queueActions(row.status).includes(action)) return;
      const call: Record<string, () => Promise<AppointmentSummary>> = {
        check_in: () => appointments.checkInAppointment(row.id),
        call_in: () => appointments.callInAppointment(row.id, room.trim() || null),
        complete: () => appointments.completeAppointment(row.id),
        no_show: () => appointments.markNoShow(row.id),
        cancel: () => appointments.cancelAppointment(row.id, cancelReason),
      };
      const go = call[action];
      if (!go) return;
      setBusy(true);
      go()
        .then(load)
        .catch((e: unknown) => {
          const body = api.toErrorBody(e);
          if (!api.isSessionError(body)) setError(body);
        })
        .finally(() => setBusy(false));
    },
    [busy, room, cancelReason, load],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isEditable(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const step = e.key === "ArrowDown" ? 1 : -1;
        setSelected((i) => Math.min(rows.length - 1, Math.max(0, i + step)));
        return;
      }
      const action = keyAction(e.key);
      if (action) {
        e.preventDefault();
        run(rows[selected], action);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, selected, run]);

  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          type="date"
          label={t("appointments.day")}
          value={day}
          onChange={(e) => setDay(e.currentTarget.value)}
          data-testid="queue-day"
        />
        <TextInput
          label={t("appointments.room")}
          placeholder={t("rooms.queueHint")}
          value={room}
          onChange={(e) => setRoom(e.currentTarget.value)}
          data-testid="queue-room"
        />
        <TextInput
          label={t("appointments.cancelReason")}
          value={cancelReason}
          onChange={(e) => setCancelReason(e.currentTarget.value)}
          data-testid="queue-cancel-reason"
        />
        <Button variant="default" onClick={load}>
          {t("appointments.refresh")}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t("appointments.keys")}
      </Text>
      <ErrorAlert error={error} testId="queue-error" onRetry={load} />
      {rows.length === 0 && (
        <Text c="dimmed" data-testid="queue-empty">
          {t("appointments.empty")}
        </Text>
      )}
      {rows.length > 0 && (
        <Table
          highlightOnHover
          data-testid="queue"
          ref={table}
          tabIndex={0}
          aria-label={t("appointments.keys")}
          style={{ outlineOffset: 2 }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("appointments.token")}</Table.Th>
              <Table.Th>{t("appointments.time")}</Table.Th>
              <Table.Th>{t("appointments.patient")}</Table.Th>
              <Table.Th>{t("appointments.clinician")}</Table.Th>
              <Table.Th>{t("appointments.statusLabel")}</Table.Th>
              <Table.Th>{t("appointments.room")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr
                key={r.id}
                data-testid="queue-row"
                data-status={r.status}
                aria-selected={i === selected}
                bg={i === selected ? "var(--mantine-color-blue-light)" : undefined}
                onClick={() => setSelected(i)}
              >
                <Table.Td fw={700}>{r.queue_token || "—"}</Table.Td>
                <Table.Td>{timeOf(r.start)}</Table.Td>
                <Table.Td>
                  {r.patient_name} <Text span size="xs" c="dimmed">{r.patient_number}</Text>
                </Table.Td>
                <Table.Td>{r.clinician_name}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`appointments.status.${r.status}`)}</Badge>
                  {r.kind === "walk_in" && (
                    <Badge variant="outline" ml={4}>
                      {t("appointments.walkIn")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.room}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {queueActions(r.status).map((a) => (
                        <Button
                          key={a}
                          size="compact-xs"
                          loading={busy}
                          color={a === "cancel" ? "red" : undefined}
                          variant={a === "cancel" ? "light" : "filled"}
                          disabled={a === "cancel" && cancelReason.trim() === ""}
                          data-testid={`queue-${a}`}
                          onClick={() => run(r, a)}
                        >
                          {t(`appointments.action.${a}`)}
                        </Button>
                      ))}
                    <ReminderCell appointment={r} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
