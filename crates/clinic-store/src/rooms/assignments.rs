//! Room assignments: a clinician in a room for a session of a day. One record each (random id), so
//! assignments made offline on two PCs never overwrite each other; two that hold the same room at
//! overlapping times show as a conflict on the day's board (`AssignmentRow::room_conflict`).
use super::{ctx, lists, load, local_now, projection, AssignmentRow};
use crate::error::{Context, Error, Result};
use crate::records;
use crate::store::Store;
use clinic_domain::rooms::{AssignmentInput, RoomAssignment, RoomKind};
use clinic_domain::{Action, Actor, ErrorCode, RecordKind};
use rusqlite::OptionalExtension;
use uuid::Uuid;

const KIND: RecordKind = RecordKind::RoomAssignment;

fn assignment_row(
    conn: &rusqlite::Connection,
    a: &RoomAssignment,
    id: Uuid,
) -> Result<AssignmentRow> {
    let id = id.to_string();
    lists::assignments(conn, &a.day, Some(&a.room_id))?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(Error::NotFound {
            what: "room assignment",
        })
}

impl Store {
    /// The assignments of `day` (`YYYY-MM-DD`), by start, conflicts flagged.
    pub fn room_assignments(&self, actor: &Actor, day: &str) -> Result<Vec<AssignmentRow>> {
        self.authorize(actor, Action::AppointmentView)?;
        let day = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| {
            Error::field(
                "day",
                ErrorCode::InvalidFormat,
                "must be a date like 2026-11-23",
            )
        })?;
        lists::assignments(&self.conn, &day.format("%Y-%m-%d").to_string(), None)
    }

    /// The room a clinician is assigned now (this PC's clock), as call-in would use it.
    pub fn clinician_room_now(&self, actor: &Actor, clinician_id: Uuid) -> Result<Option<String>> {
        self.authorize(actor, Action::AppointmentView)?;
        super::assigned_room(&self.conn, &clinician_id.to_string(), local_now(self))
    }

    /// Assigns an active doctor or nurse to an active room (not a bed) for a session of a day.
    /// Refused when, on this PC, the room is held by someone else then (`room_id`) or the
    /// clinician is in another room then (`clinician_id`).
    pub fn assign_room(&mut self, actor: &Actor, input: &AssignmentInput) -> Result<AssignmentRow> {
        self.authorize(actor, Action::ScheduleManage)?;
        let v = input.validate().map_err(Error::Invalid)?;
        let (room_id, clinician_id) = (v.room_id.to_string(), v.clinician_id.to_string());
        match lists::room(&self.conn, &room_id)? {
            Some(r) if r.active && r.kind != RoomKind::Bed => {}
            Some(_) => {
                return Err(Error::field(
                    "room_id",
                    ErrorCode::InvalidValue,
                    "is not an active consultation, procedure or lab room",
                ))
            }
            None => {
                return Err(Error::field(
                    "room_id",
                    ErrorCode::NotFound,
                    "is not a room",
                ))
            }
        }
        let clinician: Option<(String, bool)> = self
            .conn
            .prepare_cached("SELECT role, active FROM users WHERE id = ?1")
            .and_then(|mut s| {
                s.query_row([&clinician_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .context("reading the users")?;
        if !clinician.is_some_and(|(role, active)| active && (role == "doctor" || role == "nurse"))
        {
            return Err(Error::field(
                "clinician_id",
                ErrorCode::InvalidValue,
                "is not an active doctor or nurse",
            ));
        }
        let (id, at) = (self.new_id(), self.clock.now());
        let tx = self.write()?;
        if let Some(who) = lists::room_taken(&tx, &room_id, &v.day, &v.start, &v.end)? {
            return Err(Error::field(
                "room_id",
                ErrorCode::Conflict,
                format!("is assigned to {who} at that time"),
            ));
        }
        if let Some((_, room)) = lists::assignments(&tx, &v.day, None)?
            .into_iter()
            .find(|o| {
                o.clinician_id == clinician_id
                    && clinic_domain::rooms::overlaps(&o.start, &o.end, &v.start, &v.end)
            })
            .map(|o| (o.id, o.room_name))
        {
            return Err(Error::field(
                "clinician_id",
                ErrorCode::Conflict,
                format!("is already in {room} at that time"),
            ));
        }
        let a = RoomAssignment {
            room_id,
            clinician_id,
            day: v.day,
            session: v.session,
            start: v.start,
            end: v.end,
            cancelled: false,
            assigned_by: actor.user_id.to_string(),
            assigned_at: at.to_rfc3339(),
        };
        let w = ctx(actor, "create", at);
        records::create_projected(&tx, KIND, id, &a, &w, projection::write_assignment)?;
        tx.commit().context("saving the room assignment")?;
        assignment_row(&self.conn, &a, id)
    }

    /// Withdraws an assignment (kept, marked cancelled): how a conflict is settled.
    pub fn cancel_room_assignment(&mut self, actor: &Actor, id: Uuid) -> Result<()> {
        self.authorize(actor, Action::ScheduleManage)?;
        let at = self.clock.now();
        let tx = self.write()?;
        let (loaded, mut a) =
            load::<RoomAssignment>(&tx, KIND, id, actor.device_id, "room assignment")?;
        a.cancelled = true;
        let mut doc = loaded.doc;
        let w = ctx(actor, "cancel", at);
        records::update_projected(
            &tx,
            KIND,
            id,
            &mut doc,
            &a,
            &w,
            projection::write_assignment,
        )?;
        tx.commit().context("saving the room assignment")?;
        Ok(())
    }
}
