// "Rooms": today's room assignments (who works where, conflicts flagged), the rooms and
// departments, and the beds with their patients. Keyboard-first: each form submits with Enter.
import { Group, SegmentedControl, Stack, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "../bindings/Role";
import { AssignmentsPanel } from "./AssignmentsPanel";
import { BedsPanel } from "./BedsPanel";
import { canManageBeds, canManageRooms } from "./logic";
import { RoomsPanel } from "./RoomsPanel";

type Tab = "today" | "rooms" | "beds";

export function RoomsScreen({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>("today");
  return (
    <Stack data-testid="rooms-screen">
      <Group justify="space-between">
        <Title order={2}>{t("rooms.title")}</Title>
        <SegmentedControl
          value={tab}
          onChange={(v) => setTab(v as Tab)}
          data-testid="rooms-tabs"
          data={[
            { value: "today", label: t("rooms.tabs.today") },
            { value: "rooms", label: t("rooms.tabs.rooms") },
            { value: "beds", label: t("rooms.tabs.beds") },
          ]}
        />
      </Group>
      {tab === "today" && <AssignmentsPanel canManage={canManageRooms(role)} />}
      {tab === "rooms" && <RoomsPanel canManage={canManageRooms(role)} />}
      {tab === "beds" && <BedsPanel canManage={canManageBeds(role)} />}
    </Stack>
  );
}
