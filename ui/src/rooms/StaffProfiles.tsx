// Staff profiles on the Users screen: specialization, qualifications, licence (expiring within 30
// days or expired flagged) and phone, edited by administrators. Enter saves the profile form.
import { Badge, Button, Card, Group, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { StaffProfileRow } from "../bindings/StaffProfileRow";
import { ErrorAlert } from "../components/ErrorAlert";
import { enumLabel, translatedFieldErrors } from "../i18n/messages";
import * as rooms from "./api";
import { parseQualifications } from "./logic";
import { attempt, useLoad } from "./useLoad";

function LicenceBadge({ row }: { row: StaffProfileRow }) {
  const { t } = useTranslation();
  if (row.licence_status === "not_tracked") return null;
  const color = row.licence_status === "valid" ? "green" : row.licence_status === "expired" ? "red" : "orange";
  return (
    <Badge color={color} variant="light" data-testid="licence-status" data-status={row.licence_status}>
      {t(`staff.licence.${row.licence_status}`, { days: row.licence_days_left ?? 0 })}
    </Badge>
  );
}

export function StaffProfiles() {
  const { t } = useTranslation();
  const staff = useLoad<StaffProfileRow[]>(rooms.staffProfiles, []);
  const [editing, setEditing] = useState<StaffProfileRow | null>(null);
  return (
    <Stack data-testid="staff-profiles">
      <Title order={3}>{t("staff.profile")}</Title>
      <ErrorAlert error={staff.error} onRetry={staff.load} />
      {editing && (
        <ProfileForm
          key={editing.user_id}
          row={editing}
          onDone={() => {
            setEditing(null);
            staff.load();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("users.colName")}</Table.Th>
            <Table.Th>{t("users.colRole")}</Table.Th>
            <Table.Th>{t("staff.specialization")}</Table.Th>
            <Table.Th>{t("staff.licenceNumber")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {staff.data.map((s) => (
            <Table.Tr key={s.user_id} data-testid="staff-row" data-username={s.username}>
              <Table.Td>{s.display_name}</Table.Td>
              <Table.Td>{enumLabel(t, "role", s.role)}</Table.Td>
              <Table.Td>{s.profile.specialization}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Text size="sm">{s.profile.licence_number}</Text>
                  <LicenceBadge row={s} />
                </Group>
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="default" onClick={() => setEditing(s)} aria-label={`${t("staff.edit")} ${s.username}`} data-testid="staff-edit">
                  {t("staff.edit")}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

type FormProps = { row: StaffProfileRow; onDone: () => void; onCancel: () => void };

function ProfileForm({ row, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const p = row.profile;
  const [specialization, setSpecialization] = useState(p.specialization);
  const [qualifications, setQualifications] = useState(p.qualifications.join("\n"));
  const [licenceNumber, setLicenceNumber] = useState(p.licence_number);
  const [licensingBody, setLicensingBody] = useState(p.licensing_body);
  const [licenceExpiry, setLicenceExpiry] = useState(p.licence_expiry);
  const [phone, setPhone] = useState(p.phone);
  const [error, setError] = useState<ErrorBody | null>(null);
  const errors = error ? translatedFieldErrors(t, error) : {};
  const qualificationError = Object.entries(errors).find(([k]) => k.startsWith("qualifications"))?.[1];
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const input = {
      specialization,
      qualifications: parseQualifications(qualifications),
      licence_number: licenceNumber,
      licensing_body: licensingBody,
      licence_expiry: licenceExpiry,
      phone,
    };
    if (await attempt(() => rooms.updateStaffProfile(row.user_id, input), setError)) onDone();
  };
  const general = error && error.fields.length === 0 && !error.field ? error : null;
  return (
    <Card withBorder component="form" onSubmit={submit} data-testid="staff-form">
      <Text fw={600} mb="xs">
        {row.display_name}
      </Text>
      <Group align="flex-start" grow>
        <TextInput label={t("staff.specialization")} value={specialization} onChange={(e) => setSpecialization(e.currentTarget.value)} error={errors.specialization} autoFocus data-testid="staff-specialization" />
        <TextInput label={t("staff.licenceNumber")} value={licenceNumber} onChange={(e) => setLicenceNumber(e.currentTarget.value)} error={errors.licence_number} data-testid="staff-licence-number" />
        <TextInput label={t("staff.licensingBody")} value={licensingBody} onChange={(e) => setLicensingBody(e.currentTarget.value)} error={errors.licensing_body} data-testid="staff-licensing-body" />
      </Group>
      <Group align="flex-start" grow mt="xs">
        <TextInput type="date" label={t("staff.licenceExpiry")} value={licenceExpiry} onChange={(e) => setLicenceExpiry(e.currentTarget.value)} error={errors.licence_expiry} data-testid="staff-licence-expiry" />
        <TextInput label={t("staff.phone")} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={errors.phone} data-testid="staff-phone" />
        <Textarea
          label={t("staff.qualifications")}
          value={qualifications}
          onChange={(e) => setQualifications(e.currentTarget.value)}
          error={qualificationError}
          autosize
          minRows={2}
          data-testid="staff-qualifications"
        />
      </Group>
      <ErrorAlert error={general} />
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onCancel}>
          {t("rooms.cancel")}
        </Button>
        <Button type="submit" data-testid="staff-save">
          {t("staff.save")}
        </Button>
      </Group>
    </Card>
  );
}
