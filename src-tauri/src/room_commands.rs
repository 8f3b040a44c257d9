//! IPC commands of staff profiles, departments, rooms, beds and room assignments (docs/IPC.md):
//! one-line adapters onto `App`.
use clinic_domain::rooms::{
    AdmitInput, AssignmentInput, DepartmentInput, DischargeInput, RoomInput,
};
use clinic_domain::staff::StaffProfile;
use clinic_store::app::App;
use clinic_store::rooms::{AssignmentRow, BedRow, DepartmentRow, RoomRow};
use clinic_store::staff::StaffProfileRow;
use clinic_store::Result;
use std::sync::Arc;
use tauri::State;

#[tauri::command(async)]
pub fn staff_profiles(app: State<'_, Arc<App>>) -> Result<Vec<StaffProfileRow>> {
    app.staff_profiles()
}

#[tauri::command(async)]
pub fn update_staff_profile(
    app: State<'_, Arc<App>>,
    user_id: String,
    input: StaffProfile,
) -> Result<StaffProfileRow> {
    app.update_staff_profile(&user_id, &input)
}

#[tauri::command(async)]
pub fn list_departments(app: State<'_, Arc<App>>) -> Result<Vec<DepartmentRow>> {
    app.list_departments()
}

#[tauri::command(async)]
pub fn create_department(
    app: State<'_, Arc<App>>,
    input: DepartmentInput,
) -> Result<DepartmentRow> {
    app.create_department(&input)
}

#[tauri::command(async)]
pub fn rename_department(
    app: State<'_, Arc<App>>,
    id: String,
    input: DepartmentInput,
) -> Result<DepartmentRow> {
    app.rename_department(&id, &input)
}

#[tauri::command(async)]
pub fn set_department_active(
    app: State<'_, Arc<App>>,
    id: String,
    active: bool,
) -> Result<DepartmentRow> {
    app.set_department_active(&id, active)
}

#[tauri::command(async)]
pub fn list_rooms(app: State<'_, Arc<App>>) -> Result<Vec<RoomRow>> {
    app.list_rooms()
}

#[tauri::command(async)]
pub fn create_room(app: State<'_, Arc<App>>, input: RoomInput) -> Result<RoomRow> {
    app.create_room(&input)
}

#[tauri::command(async)]
pub fn update_room(app: State<'_, Arc<App>>, id: String, input: RoomInput) -> Result<RoomRow> {
    app.update_room(&id, &input)
}

#[tauri::command(async)]
pub fn set_room_active(app: State<'_, Arc<App>>, id: String, active: bool) -> Result<RoomRow> {
    app.set_room_active(&id, active)
}

#[tauri::command(async)]
pub fn list_beds(app: State<'_, Arc<App>>) -> Result<Vec<BedRow>> {
    app.list_beds()
}

#[tauri::command(async)]
pub fn admit_to_bed(app: State<'_, Arc<App>>, input: AdmitInput) -> Result<RoomRow> {
    app.admit_to_bed(&input)
}

#[tauri::command(async)]
pub fn discharge_from_bed(app: State<'_, Arc<App>>, input: DischargeInput) -> Result<RoomRow> {
    app.discharge_from_bed(&input)
}

#[tauri::command(async)]
pub fn room_assignments(app: State<'_, Arc<App>>, day: String) -> Result<Vec<AssignmentRow>> {
    app.room_assignments(&day)
}

#[tauri::command(async)]
pub fn assign_room(app: State<'_, Arc<App>>, input: AssignmentInput) -> Result<AssignmentRow> {
    app.assign_room(&input)
}

#[tauri::command(async)]
pub fn cancel_room_assignment(app: State<'_, Arc<App>>, id: String) -> Result<()> {
    app.cancel_room_assignment(&id)
}

#[tauri::command(async)]
pub fn clinician_room_now(
    app: State<'_, Arc<App>>,
    clinician_id: String,
) -> Result<Option<String>> {
    app.clinician_room_now(&clinician_id)
}
