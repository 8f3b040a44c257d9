// Commands of staff profiles, departments, rooms, beds and room assignments (docs/IPC.md, "Rooms").
import { invoke } from "@tauri-apps/api/core";
import { toErrorBody } from "../api";
import type { AdmitInput } from "../bindings/AdmitInput";
import type { AssignmentInput } from "../bindings/AssignmentInput";
import type { AssignmentRow } from "../bindings/AssignmentRow";
import type { BedRow } from "../bindings/BedRow";
import type { DepartmentInput } from "../bindings/DepartmentInput";
import type { DepartmentRow } from "../bindings/DepartmentRow";
import type { DischargeInput } from "../bindings/DischargeInput";
import type { RoomInput } from "../bindings/RoomInput";
import type { RoomRow } from "../bindings/RoomRow";
import type { StaffProfile } from "../bindings/StaffProfile";
import type { StaffProfileRow } from "../bindings/StaffProfileRow";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toErrorBody(raw);
  }
}

export const staffProfiles = () => call<StaffProfileRow[]>("staff_profiles");
export const updateStaffProfile = (userId: string, input: StaffProfile) =>
  call<StaffProfileRow>("update_staff_profile", { userId, input });
export const listDepartments = () => call<DepartmentRow[]>("list_departments");
export const createDepartment = (input: DepartmentInput) => call<DepartmentRow>("create_department", { input });
export const renameDepartment = (id: string, input: DepartmentInput) =>
  call<DepartmentRow>("rename_department", { id, input });
export const setDepartmentActive = (id: string, active: boolean) =>
  call<DepartmentRow>("set_department_active", { id, active });
export const listRooms = () => call<RoomRow[]>("list_rooms");
export const createRoom = (input: RoomInput) => call<RoomRow>("create_room", { input });
export const updateRoom = (id: string, input: RoomInput) => call<RoomRow>("update_room", { id, input });
export const setRoomActive = (id: string, active: boolean) => call<RoomRow>("set_room_active", { id, active });
export const listBeds = () => call<BedRow[]>("list_beds");
export const admitToBed = (input: AdmitInput) => call<RoomRow>("admit_to_bed", { input });
export const dischargeFromBed = (input: DischargeInput) => call<RoomRow>("discharge_from_bed", { input });
export const roomAssignments = (day: string) => call<AssignmentRow[]>("room_assignments", { day });
export const assignRoom = (input: AssignmentInput) => call<AssignmentRow>("assign_room", { input });
export const cancelRoomAssignment = (id: string) => call<null>("cancel_room_assignment", { id });
export const clinicianRoomNow = (clinicianId: string) => call<string | null>("clinician_room_now", { clinicianId });
