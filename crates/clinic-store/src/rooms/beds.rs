//! Beds: admit a patient (a stay appended to the bed's list of stays) and discharge (the stay
//! closed). Stays made offline on two PCs both survive the merge; the bed list then shows the bed
//! as double-occupied until one patient is discharged (or moved).
use super::{lists, local_now, BedRow, RoomRow};
use crate::error::{Context, Error, Result};
use crate::store::Store;
use clinic_domain::rooms::{AdmitInput, BedStay, DischargeInput, RoomKind};
use clinic_domain::{Action, Actor, ErrorCode};
use rusqlite::OptionalExtension;

impl Store {
    /// Every active bed with whoever is in it, by department and name.
    pub fn list_beds(&self, actor: &Actor) -> Result<Vec<BedRow>> {
        self.authorize(actor, Action::AppointmentView)?;
        lists::beds(&self.conn)
    }

    /// Puts a patient in a free, active bed. Refused: not a bed (`room_id`), bed taken on this PC
    /// (`room_id`), patient unknown or already in a bed (`patient_id`).
    pub fn admit_to_bed(&mut self, actor: &Actor, input: &AdmitInput) -> Result<RoomRow> {
        self.authorize(actor, Action::BedManage)?;
        let (room_id, patient_id, admitted_at, note) =
            input.validate(local_now(self)).map_err(Error::Invalid)?;
        let patient = patient_id.to_string();
        let known: Option<bool> = self
            .conn
            .prepare_cached("SELECT deleted FROM patients WHERE id = ?1")
            .and_then(|mut s| s.query_row([&patient], |r| r.get(0)).optional())
            .context("reading the patients")?;
        if known != Some(false) {
            return Err(Error::field(
                "patient_id",
                ErrorCode::NotFound,
                "is not a patient",
            ));
        }
        if let Some((_, bed)) = lists::bed_of(&self.conn, &patient)? {
            return Err(Error::field(
                "patient_id",
                ErrorCode::Conflict,
                format!("is already in bed {bed}"),
            ));
        }
        let stay = BedStay {
            id: self.new_id().to_string(),
            patient_id: patient,
            admitted_at,
            admitted_by: actor.user_id.to_string(),
            note,
            discharged_at: String::new(),
            discharged_by: String::new(),
        };
        self.edit_room(actor, room_id, "admit", |_, room| {
            if room.kind != RoomKind::Bed || !room.active {
                return Err(Error::field(
                    "room_id",
                    ErrorCode::InvalidValue,
                    "is not an active bed",
                ));
            }
            if room.occupants().count() > 0 {
                return Err(Error::field("room_id", ErrorCode::Conflict, "is occupied"));
            }
            room.stays.push(stay);
            Ok(())
        })
    }

    /// Closes one stay of a bed (the patient leaves it). Not before the admission.
    pub fn discharge_from_bed(&mut self, actor: &Actor, input: &DischargeInput) -> Result<RoomRow> {
        self.authorize(actor, Action::BedManage)?;
        let (room_id, stay_id, at) = input.validate(local_now(self)).map_err(Error::Invalid)?;
        let by = actor.user_id.to_string();
        self.edit_room(actor, room_id, "discharge", |_, room| {
            let stay = room
                .stays
                .iter_mut()
                .find(|s| s.id == stay_id && s.is_open())
                .ok_or_else(|| {
                    Error::field(
                        "stay_id",
                        ErrorCode::NotFound,
                        "is not a patient in this bed",
                    )
                })?;
            if at < stay.admitted_at {
                return Err(Error::field(
                    "discharged_at",
                    ErrorCode::OutOfRange,
                    "is before the admission",
                ));
            }
            stay.discharged_at = at;
            stay.discharged_by = by;
            Ok(())
        })
    }
}
