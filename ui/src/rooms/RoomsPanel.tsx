// Departments and rooms: add, rename/edit, deactivate and reactivate (never delete).
import { Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DepartmentRow } from "../bindings/DepartmentRow";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { RoomKind } from "../bindings/RoomKind";
import type { RoomRow } from "../bindings/RoomRow";
import { ErrorAlert } from "../components/ErrorAlert";
import { translatedFieldErrors } from "../i18n/messages";
import * as rooms from "./api";
import { attempt, useLoad } from "./useLoad";

const KINDS: RoomKind[] = ["consultation", "procedure", "bed", "lab"];

export function RoomsPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const departments = useLoad<DepartmentRow[]>(rooms.listDepartments, []);
  const roomList = useLoad<RoomRow[]>(rooms.listRooms, []);
  const [editing, setEditing] = useState<RoomRow | null>(null);
  const reload = () => {
    departments.load();
    roomList.load();
  };
  const toggleDepartment = (d: DepartmentRow) => {
    void attempt(() => rooms.setDepartmentActive(d.id, !d.active), departments.setError).then((ok) => ok && reload());
  };
  const toggleRoom = (r: RoomRow) => {
    void attempt(() => rooms.setRoomActive(r.id, !r.active), roomList.setError).then((ok) => ok && reload());
  };
  return (
    <Stack>
      <Title order={4}>{t("rooms.departments.title")}</Title>
      {canManage && <DepartmentForm onDone={reload} />}
      <ErrorAlert error={departments.error} onRetry={departments.load} />
      {departments.data.length === 0 && <Text c="dimmed">{t("rooms.departments.empty")}</Text>}
      {departments.data.map((d) => (
        <Group key={d.id} data-testid="department-row">
          <Text fw={600}>{d.name}</Text>
          <Text size="sm" c="dimmed">
            {t("rooms.departments.rooms", { count: Number(d.rooms) })}
          </Text>
          {!d.active && <Badge color="gray">{t("rooms.departments.inactive")}</Badge>}
          {canManage && (
            <Button size="xs" variant="subtle" onClick={() => toggleDepartment(d)} aria-label={`${t(d.active ? "rooms.departments.deactivate" : "rooms.departments.reactivate")} ${d.name}`}>
              {t(d.active ? "rooms.departments.deactivate" : "rooms.departments.reactivate")}
            </Button>
          )}
        </Group>
      ))}
      <Title order={4}>{t("rooms.list.title")}</Title>
      {canManage && (
        <RoomForm
          key={editing?.id ?? "new"}
          room={editing}
          departments={departments.data.filter((d) => d.active || d.id === editing?.department_id)}
          onDone={() => {
            setEditing(null);
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <ErrorAlert error={roomList.error} onRetry={roomList.load} />
      {roomList.data.length === 0 ? (
        <Text c="dimmed">{t("rooms.list.empty")}</Text>
      ) : (
        <Table data-testid="rooms-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("rooms.list.name")}</Table.Th>
              <Table.Th>{t("rooms.list.kind")}</Table.Th>
              <Table.Th>{t("rooms.list.department")}</Table.Th>
              <Table.Th>{t("rooms.list.status")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {roomList.data.map((r) => (
              <Table.Tr key={r.id} data-testid="room-row">
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>{t(`rooms.kind.${r.kind}`)}</Table.Td>
                <Table.Td>{r.department_name || t("rooms.none")}</Table.Td>
                <Table.Td>{t(r.active ? "rooms.list.active" : "rooms.list.inactive")}</Table.Td>
                <Table.Td>
                  {canManage && (
                    <Group gap="xs">
                      <Button size="xs" variant="subtle" onClick={() => setEditing(r)} aria-label={`${t("rooms.list.edit")} ${r.name}`}>
                        {t("rooms.list.edit")}
                      </Button>
                      <Button size="xs" variant="subtle" onClick={() => toggleRoom(r)} aria-label={`${t(r.active ? "rooms.list.deactivate" : "rooms.list.reactivate")} ${r.name}`}>
                        {t(r.active ? "rooms.list.deactivate" : "rooms.list.reactivate")}
                      </Button>
                    </Group>
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

function DepartmentForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [error, setError] = useState<ErrorBody | null>(null);
  const errors = error ? translatedFieldErrors(t, error) : {};
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (await attempt(() => rooms.createDepartment({ name }), setError)) {
      setName("");
      onDone();
    }
  };
  return (
    <Group component="form" onSubmit={submit} align="flex-end" data-testid="department-form">
      <TextInput label={t("rooms.departments.name")} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} autoFocus data-testid="department-name" />
      <Button type="submit" data-testid="department-save">
        {t("rooms.departments.add")}
      </Button>
    </Group>
  );
}

type RoomFormProps = { room: RoomRow | null; departments: DepartmentRow[]; onDone: () => void; onCancel: () => void };

function RoomForm({ room, departments, onDone, onCancel }: RoomFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(room?.name ?? "");
  const [kind, setKind] = useState<RoomKind>(room?.kind ?? "consultation");
  const [department, setDepartment] = useState(room?.department_id ?? "");
  const [error, setError] = useState<ErrorBody | null>(null);
  const errors = error ? translatedFieldErrors(t, error) : {};
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const input = { name, kind, department_id: department };
    if (await attempt(() => (room ? rooms.updateRoom(room.id, input) : rooms.createRoom(input)), setError)) {
      setName("");
      onDone();
    }
  };
  const general = error && error.fields.length === 0 && !error.field ? error : null;
  return (
    <Card withBorder component="form" onSubmit={submit} data-testid="room-form">
      <Group align="flex-start" grow>
        <TextInput label={t("rooms.list.name")} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-testid="room-name" />
        <Select
          label={t("rooms.list.kind")}
          data={KINDS.map((k) => ({ value: k, label: t(`rooms.kind.${k}`) }))}
          value={kind}
          onChange={(v) => setKind((v as RoomKind | null) ?? "consultation")}
          allowDeselect={false}
          error={errors.kind}
          data-testid="room-kind"
        />
        <Select
          label={t("rooms.list.department")}
          data={[{ value: "", label: t("rooms.list.noDepartment") }, ...departments.map((d) => ({ value: d.id, label: d.name }))]}
          value={department}
          onChange={(v) => setDepartment(v ?? "")}
          error={errors.department_id}
          data-testid="room-department"
        />
      </Group>
      <ErrorAlert error={general} />
      <Group justify="flex-end" mt="sm">
        {room && (
          <Button variant="default" onClick={onCancel}>
            {t("rooms.cancel")}
          </Button>
        )}
        <Button type="submit" data-testid="room-save">
          {room ? t("rooms.save") : t("rooms.list.add")}
        </Button>
      </Group>
    </Card>
  );
}
