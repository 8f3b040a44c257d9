// Frame of the screens shown before login: the clinic's name if known and the language switch.
import { Box, Center, Group, Paper, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ClinicInfo } from "../bindings/ClinicInfo";
import { LocaleSelect } from "./LocaleSelect";

export function PublicShell({ clinic, children }: { clinic?: ClinicInfo | null; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="space-between" px="md" py="xs">
        <Text fw={700}>{clinic ? t("header.clinic", { name: clinic.name, code: clinic.code }) : t("app.name")}</Text>
        <LocaleSelect />
      </Group>
      <Center py="xl" px="md">
        <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={560}>
          {children}
        </Paper>
      </Center>
    </Box>
  );
}
