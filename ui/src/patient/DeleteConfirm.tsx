// Asks before a patient is deleted (tombstoned; restorable).
import { Button, Group, Modal, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

type Props = { opened: boolean; name: string; busy: boolean; onConfirm: () => void; onClose: () => void };

export function DeleteConfirm({ opened, name, busy, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("patient.deleteTitle")} centered>
      <Text mb="md">{t("patient.deleteText", { name })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-testid="delete-cancel">
          {t("common.cancel")}
        </Button>
        <Button color="red" loading={busy} onClick={onConfirm} data-testid="delete-confirm">
          {t("patient.deleteConfirm")}
        </Button>
      </Group>
    </Modal>
  );
}
