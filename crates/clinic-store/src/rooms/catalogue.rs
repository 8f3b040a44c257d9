//! Departments and rooms: create, rename/edit, deactivate and reactivate (never delete), list.
use super::{ctx, lists, load, projection, DepartmentRow, RoomRow};
use crate::error::{Context, Error, Result};
use crate::records;
use crate::store::Store;
use clinic_domain::rooms::{Department, DepartmentInput, Room, RoomInput, RoomKind};
use clinic_domain::text::fold;
use clinic_domain::{Action, Actor, ErrorCode, RecordKind};
use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

const DEPARTMENT: RecordKind = RecordKind::Department;
const ROOM: RecordKind = RecordKind::Room;

/// Refuses a name another department (or room) already has, case and accents folded.
fn name_free(conn: &Connection, table: &str, name: &str, except: Option<Uuid>) -> Result<()> {
    let sql = format!("SELECT id FROM {table} WHERE name_key = ?1 AND id <> ?2 LIMIT 1");
    let except = except.map(|u| u.to_string()).unwrap_or_default();
    let taken: Option<String> = conn
        .prepare_cached(&sql)
        .and_then(|mut s| s.query_row([fold(name), except], |r| r.get(0)).optional())
        .context("checking the name")?;
    match taken {
        Some(_) => Err(Error::field(
            "name",
            ErrorCode::Duplicate,
            "is already used",
        )),
        None => Ok(()),
    }
}

fn department_row(conn: &Connection, id: Uuid) -> Result<DepartmentRow> {
    let id = id.to_string();
    lists::departments(conn)?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or(Error::NotFound { what: "department" })
}

fn room_row(conn: &Connection, id: Uuid) -> Result<RoomRow> {
    lists::room(conn, &id.to_string())?.ok_or(Error::NotFound { what: "room" })
}

/// An active department with this id, or a `department_id` error.
fn check_department(conn: &Connection, id: Option<Uuid>) -> Result<String> {
    let Some(id) = id else {
        return Ok(String::new());
    };
    let active: Option<bool> = conn
        .prepare_cached("SELECT active FROM departments WHERE id = ?1")
        .and_then(|mut s| s.query_row([id.to_string()], |r| r.get(0)).optional())
        .context("reading the departments")?;
    match active {
        Some(true) => Ok(id.to_string()),
        Some(false) => Err(Error::field(
            "department_id",
            ErrorCode::InvalidValue,
            "is deactivated",
        )),
        None => Err(Error::field(
            "department_id",
            ErrorCode::NotFound,
            "is not a department",
        )),
    }
}

impl Store {
    pub fn list_departments(&self, actor: &Actor) -> Result<Vec<DepartmentRow>> {
        self.authorize(actor, Action::AppointmentView)?;
        lists::departments(&self.conn)
    }

    pub fn create_department(
        &mut self,
        actor: &Actor,
        input: &DepartmentInput,
    ) -> Result<DepartmentRow> {
        self.authorize(actor, Action::ScheduleManage)?;
        let name = input.validate().map_err(Error::Invalid)?;
        let (id, at) = (self.new_id(), self.clock.now());
        let tx = self.write()?;
        name_free(&tx, "departments", &name, None)?;
        let d = Department { name, active: true };
        let w = ctx(actor, "create", at);
        records::create_projected(&tx, DEPARTMENT, id, &d, &w, projection::write_department)?;
        tx.commit().context("saving the department")?;
        department_row(&self.conn, id)
    }

    pub fn rename_department(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &DepartmentInput,
    ) -> Result<DepartmentRow> {
        self.authorize(actor, Action::ScheduleManage)?;
        let name = input.validate().map_err(Error::Invalid)?;
        self.edit_department(actor, id, "rename", |tx, d| {
            name_free(tx, "departments", &name, Some(id))?;
            d.name = name;
            Ok(())
        })
    }

    /// Deactivates (kept, hidden from new rooms) or reactivates a department.
    pub fn set_department_active(
        &mut self,
        actor: &Actor,
        id: Uuid,
        active: bool,
    ) -> Result<DepartmentRow> {
        self.authorize(actor, Action::ScheduleManage)?;
        let action = if active { "reactivate" } else { "deactivate" };
        self.edit_department(actor, id, action, |_, d| {
            d.active = active;
            Ok(())
        })
    }

    fn edit_department(
        &mut self,
        actor: &Actor,
        id: Uuid,
        action: &str,
        edit: impl FnOnce(&Connection, &mut Department) -> Result<()>,
    ) -> Result<DepartmentRow> {
        let at = self.clock.now();
        let tx = self.write()?;
        let (loaded, mut d) =
            load::<Department>(&tx, DEPARTMENT, id, actor.device_id, "department")?;
        edit(&tx, &mut d)?;
        let mut doc = loaded.doc;
        let w = ctx(actor, action, at);
        records::update_projected(
            &tx,
            DEPARTMENT,
            id,
            &mut doc,
            &d,
            &w,
            projection::write_department,
        )?;
        tx.commit().context("saving the department")?;
        department_row(&self.conn, id)
    }

    /// Every room, bed and lab, active first, by name.
    pub fn list_rooms(&self, actor: &Actor) -> Result<Vec<RoomRow>> {
        self.authorize(actor, Action::AppointmentView)?;
        lists::rooms(&self.conn)
    }

    pub fn create_room(&mut self, actor: &Actor, input: &RoomInput) -> Result<RoomRow> {
        self.authorize(actor, Action::ScheduleManage)?;
        let (name, dept) = input.validate().map_err(Error::Invalid)?;
        let (id, at) = (self.new_id(), self.clock.now());
        let tx = self.write()?;
        let department_id = check_department(&tx, dept)?;
        name_free(&tx, "rooms", &name, None)?;
        let room = Room {
            name,
            kind: input.kind,
            department_id,
            active: true,
            stays: Vec::new(),
        };
        let w = ctx(actor, "create", at);
        records::create_projected(&tx, ROOM, id, &room, &w, projection::write_room)?;
        tx.commit().context("saving the room")?;
        room_row(&self.conn, id)
    }

    /// Renames a room, changes its kind or department. A bed with a patient in it stays a bed.
    pub fn update_room(&mut self, actor: &Actor, id: Uuid, input: &RoomInput) -> Result<RoomRow> {
        self.authorize(actor, Action::ScheduleManage)?;
        let (name, dept) = input.validate().map_err(Error::Invalid)?;
        self.edit_room(actor, id, "update", |tx, room| {
            let department_id = if dept.map(|d| d.to_string()) == Some(room.department_id.clone()) {
                room.department_id.clone()
            } else {
                check_department(tx, dept)?
            };
            name_free(tx, "rooms", &name, Some(id))?;
            if room.kind == RoomKind::Bed
                && input.kind != RoomKind::Bed
                && room.occupants().count() > 0
            {
                return Err(Error::field(
                    "kind",
                    ErrorCode::Conflict,
                    "cannot change while a patient is in the bed",
                ));
            }
            room.name = name;
            room.kind = input.kind;
            room.department_id = department_id;
            Ok(())
        })
    }

    /// Deactivates (kept for history, no longer offered) or reactivates a room. An occupied bed
    /// cannot be deactivated.
    pub fn set_room_active(&mut self, actor: &Actor, id: Uuid, active: bool) -> Result<RoomRow> {
        self.authorize(actor, Action::ScheduleManage)?;
        let action = if active { "reactivate" } else { "deactivate" };
        self.edit_room(actor, id, action, |_, room| {
            if !active && room.occupants().count() > 0 {
                return Err(Error::field(
                    "active",
                    ErrorCode::Conflict,
                    "a patient is still in this bed: discharge first",
                ));
            }
            room.active = active;
            Ok(())
        })
    }

    /// Loads room `id`, applies `edit` and writes document, projection and audit together.
    pub(super) fn edit_room(
        &mut self,
        actor: &Actor,
        id: Uuid,
        action: &str,
        edit: impl FnOnce(&Connection, &mut Room) -> Result<()>,
    ) -> Result<RoomRow> {
        let at = self.clock.now();
        let tx = self.write()?;
        let (loaded, mut room) = load::<Room>(&tx, ROOM, id, actor.device_id, "room")?;
        edit(&tx, &mut room)?;
        let mut doc = loaded.doc;
        let w = ctx(actor, action, at);
        records::update_projected(&tx, ROOM, id, &mut doc, &room, &w, projection::write_room)?;
        tx.commit().context("saving the room")?;
        room_row(&self.conn, id)
    }
}
