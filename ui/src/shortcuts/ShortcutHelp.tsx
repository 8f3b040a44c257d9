// The keyboard help (`?` or F1): the app-wide shortcuts the user's role has, then the keys of screens
// and forms. Esc closes it and the focus goes back where it was.
import { Group, Kbd, Modal, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Role } from "../bindings/Role";
import { allowed, GLOBAL_KEYS, SCREEN_KEYS } from "./table";
import "./focus.css";

function Keys({ keys }: { keys: string[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      {keys.map((k, i) => (
        <Group key={k} gap={4} wrap="nowrap">
          {i > 0 && (
            <Text span size="xs" c="dimmed">
              {t("shortcuts.or")}
            </Text>
          )}
          <Kbd>{k}</Kbd>
        </Group>
      ))}
    </Group>
  );
}

export function ShortcutHelp({ opened, role, onClose }: { opened: boolean; role: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const rows = (items: { id: string; keys: string[] }[]) =>
    items.map(({ id, keys }) => (
      <Table.Tr key={id} data-testid="shortcut-row" data-shortcut={id}>
        <Table.Td w={200}>
          <Keys keys={keys} />
        </Table.Td>
        <Table.Td>{t(`shortcuts.action.${id}`)}</Table.Td>
      </Table.Tr>
    ));
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={t("shortcuts.title")}>
      <Title order={5}>{t("shortcuts.global")}</Title>
      <Table mb="md" data-testid="shortcut-help">
        <Table.Tbody>
          {rows(GLOBAL_KEYS.filter((g) => allowed(g.action, role)).map((g) => ({ id: g.action, keys: g.keys })))}
        </Table.Tbody>
      </Table>
      <Title order={5}>{t("shortcuts.screens")}</Title>
      <Table>
        <Table.Tbody>{rows([...SCREEN_KEYS])}</Table.Tbody>
      </Table>
    </Modal>
  );
}
