// The day's room assignments: who works in which room and when, with double-bookings flagged,
// and (for schedule managers) the form to assign a clinician to a room for a session.
import { Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { activeClinicians } from "../appointments/api";
import type { Clinician } from "../bindings/Clinician";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { RoomRow } from "../bindings/RoomRow";
import type { Session } from "../bindings/Session";
import { ErrorAlert } from "../components/ErrorAlert";
import { todayIso } from "../format";
import { translatedFieldErrors } from "../i18n/messages";
import * as rooms from "./api";
import { hasConflict } from "./logic";
import { attempt, useLoad } from "./useLoad";

const SESSIONS: Session[] = ["morning", "afternoon", "evening", "custom"];

export function AssignmentsPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [day, setDay] = useState(todayIso());
  const board = useLoad(useCallback(() => rooms.roomAssignments(day), [day]), []);
  const conflicts = board.data.some(hasConflict);
  const withdraw = (id: string) => {
    void attempt(() => rooms.cancelRoomAssignment(id), board.setError).then((ok) => ok && board.load());
  };
  return (
    <Stack>
      <Group align="flex-end">
        <TextInput type="date" label={t("rooms.assign.day")} value={day} onChange={(e) => setDay(e.currentTarget.value)} data-testid="assign-day" />
        <Button variant="default" onClick={board.load}>
          {t("rooms.refresh")}
        </Button>
      </Group>
      {canManage && <AssignForm day={day} onDone={board.load} />}
      <ErrorAlert error={board.error} onRetry={board.load} />
      {conflicts && (
        <Alert color="orange" data-testid="assign-conflicts">
          {t("rooms.assign.conflictNote")}
        </Alert>
      )}
      {board.data.length === 0 ? (
        <Text c="dimmed" data-testid="assign-empty">
          {t("rooms.assign.empty")}
        </Text>
      ) : (
        <Table data-testid="assign-board">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("rooms.assign.hours")}</Table.Th>
              <Table.Th>{t("rooms.assign.room")}</Table.Th>
              <Table.Th>{t("rooms.assign.clinician")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {board.data.map((a) => (
              <Table.Tr key={a.id} data-testid="assign-row" data-conflict={hasConflict(a)}>
                <Table.Td>
                  {a.start}–{a.end}
                </Table.Td>
                <Table.Td>
                  {a.room_name}{" "}
                  {a.room_conflict && (
                    <Badge color="red" variant="light">
                      {t("rooms.assign.roomConflict")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {a.clinician_name}{" "}
                  {a.clinician_conflict && (
                    <Badge color="red" variant="light">
                      {t("rooms.assign.clinicianConflict")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {canManage && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => withdraw(a.id)} aria-label={`${t("rooms.assign.cancelAssignment")} ${a.room_name} ${a.start}`}>
                      {t("rooms.assign.cancelAssignment")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function AssignForm({ day, onDone }: { day: string; onDone: () => void }) {
  const { t } = useTranslation();
  const roomList = useLoad<RoomRow[]>(rooms.listRooms, []);
  const clinicians = useLoad<Clinician[]>(activeClinicians, []);
  const [roomId, setRoomId] = useState<string | null>(null);
  const [clinicianId, setClinicianId] = useState<string | null>(null);
  const [session, setSession] = useState<Session>("morning");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [error, setError] = useState<ErrorBody | null>(null);
  const errors = error ? translatedFieldErrors(t, error) : {};
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const input = { room_id: roomId ?? "", clinician_id: clinicianId ?? "", day, session, start, end };
    if (await attempt(() => rooms.assignRoom(input), setError)) onDone();
  };
  const usable = roomList.data.filter((r) => r.active && r.kind !== "bed");
  const general = error && error.fields.length === 0 && !error.field ? error : null;
  return (
    <Card withBorder component="form" onSubmit={submit} data-testid="assign-form">
      <Group align="flex-start" grow>
        <Select
          label={t("rooms.assign.room")}
          data={usable.map((r) => ({ value: r.id, label: r.name }))}
          value={roomId}
          onChange={setRoomId}
          error={errors.room_id}
          searchable
          autoFocus
          data-testid="assign-room"
        />
        <Select
          label={t("rooms.assign.clinician")}
          data={clinicians.data.map((c) => ({ value: c.id, label: c.display_name }))}
          value={clinicianId}
          onChange={setClinicianId}
          error={errors.clinician_id}
          searchable
          data-testid="assign-clinician"
        />
        <Select
          label={t("rooms.assign.session")}
          data={SESSIONS.map((s) => ({ value: s, label: t(`rooms.session.${s}`) }))}
          value={session}
          onChange={(v) => setSession((v as Session | null) ?? "morning")}
          allowDeselect={false}
          data-testid="assign-session"
        />
        {session === "custom" && (
          <>
            <TextInput type="time" label={t("rooms.assign.start")} value={start} onChange={(e) => setStart(e.currentTarget.value)} error={errors.start} data-testid="assign-start" />
            <TextInput type="time" label={t("rooms.assign.end")} value={end} onChange={(e) => setEnd(e.currentTarget.value)} error={errors.end} data-testid="assign-end" />
          </>
        )}
      </Group>
      <ErrorAlert error={general ?? roomList.error ?? clinicians.error} />
      <Group justify="flex-end" mt="sm">
        <Button type="submit" data-testid="assign-save">
          {t("rooms.assign.add")}
        </Button>
      </Group>
    </Card>
  );
}
