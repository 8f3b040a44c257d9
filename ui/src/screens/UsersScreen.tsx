// The administrator's Users screen: the clinic's users, a form to create one, and per-user role
// change, password reset, deactivate and reactivate. The core checks the role of every call.
import { Alert, Button, Group, NativeSelect, PasswordInput, Stack, Table, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState, type ComponentPropsWithoutRef } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { Role } from "../bindings/Role";
import type { UserSummary } from "../bindings/UserSummary";
import { ErrorAlert } from "../components/ErrorAlert";
import { FormText } from "../components/FormText";
import { enumLabel, errorText, translatedFieldErrors } from "../i18n/messages";
import { resetUserTwoFactor } from "../security/api";
import { StaffProfiles } from "../rooms/StaffProfiles";

export const ROLES: Role[] = ["administrator", "doctor", "nurse", "receptionist", "pharmacist", "lab_technician"];

const emptyForm = { username: "", display_name: "", role: "receptionist" as Role, password: "" };

export function UsersScreen() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [form, setForm] = useState(emptyForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api
      .listUsers()
      .then(setUsers)
      .catch((e: unknown) => setError(api.toErrorBody(e)));
  }, []);
  useEffect(load, [load]);

  /** Shows a rejection: field errors by field, the rest (and `user`, the last-admin rule) above the list. */
  const fail = (e: unknown) => {
    const body = api.toErrorBody(e);
    const fields = translatedFieldErrors(t, body);
    if (fields.user) setNotice(fields.user);
    else if (body.fields.length === 0) setError(body);
    return fields;
  };

  const create = () => {
    setBusy(true);
    setErrors({});
    setError(null);
    setNotice(null);
    api
      .createUser(form)
      .then((u) => {
        setForm(emptyForm);
        setNotice(t("users.created", { name: u.username }));
        load();
      })
      .catch((e: unknown) => setErrors(fail(e)))
      .finally(() => setBusy(false));
  };

  const act = (call: Promise<UserSummary>, done?: (u: UserSummary) => string) => {
    setError(null);
    setNotice(null);
    call
      .then((u) => {
        if (done) setNotice(done(u));
        load();
      })
      .catch((e: unknown) => {
        fail(e);
        load();
      });
  };

  return (
    <Stack data-testid="users-screen">
      <Title order={2}>{t("users.title")}</Title>
      <ErrorAlert error={error} testId="users-error" />
      {notice && (
        <Alert variant="light" data-testid="users-notice">
          {notice}
        </Alert>
      )}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("users.colUsername")}</Table.Th>
            <Table.Th>{t("users.colName")}</Table.Th>
            <Table.Th>{t("users.colRole")}</Table.Th>
            <Table.Th>{t("users.colStatus")}</Table.Th>
            <Table.Th>{t("users.colActions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <UserRow key={u.id} user={u} act={act} />
          ))}
        </Table.Tbody>
      </Table>
      {users.length === 0 && <Text c="dimmed">{t("users.empty")}</Text>}
      {users.length > 0 && <StaffProfiles key={users.map((u) => `${u.id}${u.role}${u.active}`).join()} />}

      <Title order={3}>{t("users.newTitle")}</Title>
      <Stack maw={420} gap="sm">
        <FormText
          label={t("users.username")}
          value={form.username}
          onChange={(username) => setForm((f) => ({ ...f, username }))}
          error={errors.username}
          testId="user-username"
          errorTestId="error-username"
        />
        <FormText
          label={t("users.displayName")}
          value={form.display_name}
          onChange={(display_name) => setForm((f) => ({ ...f, display_name }))}
          error={errors.display_name}
          testId="user-display-name"
          errorTestId="error-display_name"
        />
        <NativeSelect
          label={t("users.role")}
          value={form.role}
          onChange={(e) => {
            const role = e.currentTarget.value as Role;
            setForm((f) => ({ ...f, role }));
          }}
          data={ROLES.map((r) => ({ value: r, label: enumLabel(t, "role", r) }))}
          error={errors.role}
          data-testid="user-role"
          errorProps={{ "data-testid": "error-role" } as ComponentPropsWithoutRef<"div">}
        />
        <PasswordInput
          label={t("users.password")}
          description={t("users.passwordHint")}
          value={form.password}
          onChange={(e) => {
            const password = e.currentTarget.value;
            setForm((f) => ({ ...f, password }));
          }}
          error={errors.password}
          data-testid="user-password"
          errorProps={{ "data-testid": "error-password" } as ComponentPropsWithoutRef<"div">}
        />
        <Group>
          <Button onClick={create} loading={busy} data-testid="user-save">
            {t("users.save")}
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}

type RowProps = {
  user: UserSummary;
  act: (call: Promise<UserSummary>, done?: (u: UserSummary) => string) => void;
};

function UserRow({ user, act }: RowProps) {
  const { t } = useTranslation();
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState("");
  const [passwordError, setPasswordError] = useState<string | null>(null);

  const setNewPassword = () => {
    setPasswordError(null);
    api
      .resetUserPassword(user.id, password)
      .then((u) => {
        setResetting(false);
        setPassword("");
        act(Promise.resolve(u), (x) => t("users.passwordReset", { name: x.username }));
      })
      .catch((e: unknown) => {
        const body = api.toErrorBody(e);
        setPasswordError(translatedFieldErrors(t, body).password ?? errorText(t, body));
      });
  };

  return (
    <Table.Tr data-testid="user-row" data-username={user.username} data-active={user.active}>
      <Table.Td>{user.username}</Table.Td>
      <Table.Td>{user.display_name}</Table.Td>
      <Table.Td>
        <NativeSelect
          aria-label={t("users.changeRole", { name: user.username })}
          size="xs"
          value={user.role}
          onChange={(e) => act(api.changeUserRole(user.id, e.currentTarget.value as Role))}
          data={ROLES.map((r) => ({ value: r, label: enumLabel(t, "role", r) }))}
          data-testid="user-change-role"
        />
      </Table.Td>
      <Table.Td>
        {user.active ? t("users.active") : t("users.inactive")}
        {user.two_factor && (
          <Text span size="xs" c="dimmed" ml={6} data-testid="user-two-factor">
            {t("security.badge")}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          {user.active ? (
            <Button size="xs" variant="light" color="red" data-testid="user-deactivate" onClick={() => act(api.deactivateUser(user.id))}>
              {t("users.deactivate")}
            </Button>
          ) : (
            <Button size="xs" variant="light" data-testid="user-reactivate" onClick={() => act(api.reactivateUser(user.id))}>
              {t("users.reactivate")}
            </Button>
          )}
          {!resetting && (
            <Button size="xs" variant="default" data-testid="user-reset-password" onClick={() => setResetting(true)}>
              {t("users.resetPassword")}
            </Button>
          )}
          {user.two_factor && (
            <Button
              size="xs"
              variant="default"
              data-testid="user-reset-two-factor"
              title={t("security.resetHint")}
              onClick={() => act(resetUserTwoFactor(user.id))}
            >
              {t("security.reset")}
            </Button>
          )}
        </Group>
        {resetting && (
          <Group gap="xs" mt="xs" align="flex-start" wrap="nowrap">
            <PasswordInput
              size="xs"
              aria-label={t("users.newPassword", { name: user.username })}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={passwordError}
              data-testid="user-new-password"
              errorProps={{ "data-testid": "error-new-password" } as ComponentPropsWithoutRef<"div">}
            />
            <Button size="xs" data-testid="user-set-password" onClick={setNewPassword}>
              {t("users.setPassword")}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setResetting(false)}>
              {t("users.cancel")}
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
