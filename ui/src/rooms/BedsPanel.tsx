// Beds: free or occupied (double-occupied after two offline admissions), who is in each, and
// admitting (find the patient by name or number) and discharging.
import { Alert, Autocomplete, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { BedRow } from "../bindings/BedRow";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { PatientSummary } from "../bindings/PatientSummary";
import { ErrorAlert } from "../components/ErrorAlert";
import { translatedFieldErrors } from "../i18n/messages";
import * as rooms from "./api";
import { attempt, useLoad } from "./useLoad";

export function BedsPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const beds = useLoad<BedRow[]>(rooms.listBeds, []);
  const discharge = (roomId: string, stayId: string) => {
    const input = { room_id: roomId, stay_id: stayId, discharged_at: "" };
    void attempt(() => rooms.dischargeFromBed(input), beds.setError).then((ok) => ok && beds.load());
  };
  const doubled = beds.data.some((b) => b.double_occupied);
  return (
    <Stack>
      {canManage && <AdmitForm beds={beds.data} onDone={beds.load} />}
      <ErrorAlert error={beds.error} onRetry={beds.load} />
      {doubled && (
        <Alert color="red" data-testid="beds-double">
          {t("rooms.beds.doubleNote")}
        </Alert>
      )}
      {beds.data.length === 0 ? (
        <Text c="dimmed" data-testid="beds-empty">
          {t("rooms.beds.empty")}
        </Text>
      ) : (
        <Table data-testid="beds-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("rooms.beds.bed")}</Table.Th>
              <Table.Th>{t("rooms.beds.state")}</Table.Th>
              <Table.Th>{t("rooms.beds.patient")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {beds.data.map((b) => (
              <Table.Tr key={b.room.id} data-testid="bed-row" data-state={b.double_occupied ? "double" : b.occupants.length > 0 ? "occupied" : "free"}>
                <Table.Td>
                  {b.room.name}
                  {b.room.department_name && (
                    <Text size="xs" c="dimmed">
                      {b.room.department_name}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={b.double_occupied ? "red" : b.occupants.length > 0 ? "blue" : "green"} variant="light">
                    {t(b.double_occupied ? "rooms.beds.double" : b.occupants.length > 0 ? "rooms.beds.occupied" : "rooms.beds.free")}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {b.occupants.map((o) => (
                      <Group key={o.stay_id} gap="xs">
                        <Text size="sm">
                          {o.patient_name} ({o.patient_number}) · {t("rooms.beds.since", { at: o.admitted_at.replace("T", " ") })}
                        </Text>
                        {canManage && (
                          <Button size="xs" variant="subtle" onClick={() => discharge(b.room.id, o.stay_id)} aria-label={`${t("rooms.beds.discharge")} ${o.patient_name}`}>
                            {t("rooms.beds.discharge")}
                          </Button>
                        )}
                      </Group>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function AdmitForm({ beds, onDone }: { beds: BedRow[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [bed, setBed] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<PatientSummary[]>([]);
  const [admittedAt, setAdmittedAt] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<ErrorBody | null>(null);

  useEffect(() => {
    if (query.trim().length < 2) return;
    let live = true;
    api
      .searchPatients(query, false, 10)
      .then((p) => live && setFound(p))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [query]);

  const label = (p: PatientSummary) => `${p.given_name} ${p.family_name} (${p.number})`;
  const patient = found.find((p) => label(p) === query);
  const errors = error ? translatedFieldErrors(t, error) : {};
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const input = { room_id: bed ?? "", patient_id: patient?.id ?? "", admitted_at: admittedAt, note };
    if (await attempt(() => rooms.admitToBed(input), setError)) {
      setQuery("");
      setNote("");
      setAdmittedAt("");
      onDone();
    }
  };
  const free = beds.filter((b) => b.room.active && b.occupants.length === 0);
  const general = error && error.fields.length === 0 && !error.field ? error : null;
  return (
    <Card withBorder component="form" onSubmit={submit} data-testid="admit-form">
      <Group align="flex-start" grow>
        <Autocomplete
          label={t("rooms.beds.search")}
          value={query}
          onChange={setQuery}
          data={found.map(label)}
          error={errors.patient_id}
          autoFocus
          data-testid="admit-patient"
        />
        <Select
          label={t("rooms.beds.bed")}
          data={free.map((b) => ({ value: b.room.id, label: b.room.name }))}
          value={bed}
          onChange={setBed}
          error={errors.room_id}
          searchable
          data-testid="admit-bed"
        />
        <TextInput
          type="datetime-local"
          label={t("rooms.beds.admittedAt")}
          value={admittedAt}
          onChange={(e) => setAdmittedAt(e.currentTarget.value)}
          error={errors.admitted_at}
          data-testid="admit-at"
        />
        <TextInput label={t("rooms.beds.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} data-testid="admit-note" />
      </Group>
      <ErrorAlert error={general} />
      <Group justify="flex-end" mt="sm">
        <Button type="submit" data-testid="admit-save">
          {t("rooms.beds.admit")}
        </Button>
      </Group>
    </Card>
  );
}
