//! Staff profiles, departments, rooms, beds and room assignments as the desktop window calls
//! them: one line per IPC command.
use super::App;
use crate::error::Result;
use crate::patients::parse_id;
use crate::rooms::{AssignmentRow, BedRow, DepartmentRow, RoomRow};
use crate::staff::StaffProfileRow;
use clinic_domain::rooms::{
    AdmitInput, AssignmentInput, DepartmentInput, DischargeInput, RoomInput,
};
use clinic_domain::staff::StaffProfileInput;

impl App {
    pub fn staff_profiles(&self) -> Result<Vec<StaffProfileRow>> {
        self.as_user(|store, actor| store.staff_profiles(actor))
    }

    pub fn update_staff_profile(
        &self,
        user_id: &str,
        input: &StaffProfileInput,
    ) -> Result<StaffProfileRow> {
        let id = parse_id(user_id)?;
        self.as_user(|store, actor| store.update_staff_profile(actor, id, input))
    }

    pub fn list_departments(&self) -> Result<Vec<DepartmentRow>> {
        self.as_user(|store, actor| store.list_departments(actor))
    }

    pub fn create_department(&self, input: &DepartmentInput) -> Result<DepartmentRow> {
        self.as_user(|store, actor| store.create_department(actor, input))
    }

    pub fn rename_department(&self, id: &str, input: &DepartmentInput) -> Result<DepartmentRow> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.rename_department(actor, id, input))
    }

    pub fn set_department_active(&self, id: &str, active: bool) -> Result<DepartmentRow> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.set_department_active(actor, id, active))
    }

    pub fn list_rooms(&self) -> Result<Vec<RoomRow>> {
        self.as_user(|store, actor| store.list_rooms(actor))
    }

    pub fn create_room(&self, input: &RoomInput) -> Result<RoomRow> {
        self.as_user(|store, actor| store.create_room(actor, input))
    }

    pub fn update_room(&self, id: &str, input: &RoomInput) -> Result<RoomRow> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.update_room(actor, id, input))
    }

    pub fn set_room_active(&self, id: &str, active: bool) -> Result<RoomRow> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.set_room_active(actor, id, active))
    }

    pub fn list_beds(&self) -> Result<Vec<BedRow>> {
        self.as_user(|store, actor| store.list_beds(actor))
    }

    pub fn admit_to_bed(&self, input: &AdmitInput) -> Result<RoomRow> {
        self.as_user(|store, actor| store.admit_to_bed(actor, input))
    }

    pub fn discharge_from_bed(&self, input: &DischargeInput) -> Result<RoomRow> {
        self.as_user(|store, actor| store.discharge_from_bed(actor, input))
    }

    pub fn room_assignments(&self, day: &str) -> Result<Vec<AssignmentRow>> {
        self.as_user(|store, actor| store.room_assignments(actor, day))
    }

    pub fn assign_room(&self, input: &AssignmentInput) -> Result<AssignmentRow> {
        self.as_user(|store, actor| store.assign_room(actor, input))
    }

    pub fn cancel_room_assignment(&self, id: &str) -> Result<()> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.cancel_room_assignment(actor, id))
    }

    pub fn clinician_room_now(&self, clinician_id: &str) -> Result<Option<String>> {
        let id = parse_id(clinician_id)?;
        self.as_user(|store, actor| store.clinician_room_now(actor, id))
    }
}
