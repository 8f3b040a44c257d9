//! The status flow of a lab order. Each step checks the current status (and, for validation, that
//! the validator entered none of the results) and refuses with a field error, changing nothing.
use super::{LabAmendment, LabOrder, LabStatus};
use crate::device_number::{device_number, parse_device_number};
use crate::error::{ErrorCode, FieldError};

/// Who does a step, and when (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabStamp {
    pub user_id: String,
    pub name: String,
    pub at: String,
}

/// Sample ids that never collide between PCs working offline: `LAB-<clinic>-<device>-<sequence>`.
pub fn sample_id(clinic: &str, device: &str, sequence: u64) -> String {
    device_number("LAB", clinic, device, sequence)
}

/// `(clinic, device, sequence)` of a well-formed sample id (e.g. read back from a label).
pub fn parse_sample_id(s: &str) -> Option<(String, String, u64)> {
    parse_device_number("LAB", s)
}

fn status_error(message: &str) -> Vec<FieldError> {
    vec![FieldError::new("status", ErrorCode::Conflict, message)]
}

fn expect(order: &LabOrder, want: LabStatus, message: &str) -> Result<(), Vec<FieldError>> {
    if order.status == want {
        Ok(())
    } else {
        Err(status_error(message))
    }
}

impl LabOrder {
    /// Ordered → collected, with the sample id taken for it.
    pub fn collect(&mut self, sample_id: String, by: &LabStamp) -> Result<(), Vec<FieldError>> {
        expect(
            self,
            LabStatus::Ordered,
            "only an ordered test can be collected",
        )?;
        self.sample_id = sample_id;
        self.collected_by = by.user_id.clone();
        self.collected_by_name = by.name.clone();
        self.collected_at = by.at.clone();
        self.status = LabStatus::Collected;
        Ok(())
    }

    /// Collected → received in the laboratory.
    pub fn receive(&mut self, by: &LabStamp) -> Result<(), Vec<FieldError>> {
        expect(
            self,
            LabStatus::Collected,
            "only a collected sample can be received",
        )?;
        self.received_by = by.user_id.clone();
        self.received_by_name = by.name.clone();
        self.received_at = by.at.clone();
        self.status = LabStatus::Received;
        Ok(())
    }

    /// Enters (or, before validation, corrects) results; once every test has a value the order
    /// is `resulted`. `results` come from `LabResultsInput::validate`.
    pub fn enter_results(
        &mut self,
        results: &[(String, String, String)],
        by: &LabStamp,
    ) -> Result<(), Vec<FieldError>> {
        if !matches!(self.status, LabStatus::Received | LabStatus::Resulted) {
            return Err(status_error(
                "results can be entered only once the sample is received, before validation",
            ));
        }
        for (id, value, comment) in results {
            if let Some(line) = self.tests.iter_mut().find(|l| &l.test_id == id) {
                line.value = value.clone();
                line.comment = comment.clone();
                line.entered_by = by.user_id.clone();
                line.entered_by_name = by.name.clone();
                line.entered_at = by.at.clone();
            }
        }
        if self.status == LabStatus::Received && self.tests.iter().all(|l| !l.value.is_empty()) {
            self.status = LabStatus::Resulted;
            self.resulted_at = by.at.clone();
        }
        Ok(())
    }

    /// Resulted → validated, by someone who entered none of the results.
    pub fn validate_results(&mut self, by: &LabStamp) -> Result<(), Vec<FieldError>> {
        expect(
            self,
            LabStatus::Resulted,
            "only an order with every result entered can be validated",
        )?;
        if self.tests.iter().any(|l| l.entered_by == by.user_id) {
            return Err(vec![FieldError::new(
                "validated_by",
                ErrorCode::Forbidden,
                "results must be validated by someone other than the person who entered them",
            )]);
        }
        self.validated_by = by.user_id.clone();
        self.validated_by_name = by.name.clone();
        self.validated_at = by.at.clone();
        self.acknowledged_by.clear();
        self.acknowledged_at.clear();
        self.status = LabStatus::Validated;
        Ok(())
    }

    /// Any status before validation → cancelled, with the reason.
    pub fn cancel(&mut self, reason: String, by: &LabStamp) -> Result<(), Vec<FieldError>> {
        if matches!(self.status, LabStatus::Validated | LabStatus::Cancelled) {
            return Err(status_error(
                "a validated or cancelled order cannot be cancelled",
            ));
        }
        self.cancel_reason = reason;
        self.cancelled_by = by.user_id.clone();
        self.cancelled_by_name = by.name.clone();
        self.cancelled_at = by.at.clone();
        self.status = LabStatus::Cancelled;
        Ok(())
    }

    /// The ordering doctor has seen the validated results.
    pub fn acknowledge(&mut self, by: &LabStamp) -> Result<(), Vec<FieldError>> {
        expect(
            self,
            LabStatus::Validated,
            "only validated results can be acknowledged",
        )?;
        if self.ordered_by != by.user_id {
            return Err(vec![FieldError::new(
                "ordered_by",
                ErrorCode::Forbidden,
                "only the ordering doctor acknowledges these results",
            )]);
        }
        if self.acknowledged_at.is_empty() {
            self.acknowledged_by = by.user_id.clone();
            self.acknowledged_at = by.at.clone();
        }
        Ok(())
    }

    /// Corrects one validated result: the old value is kept as an amendment, the new one awaits
    /// a second person's validation again (status back to `resulted`).
    pub fn amend(
        &mut self,
        amendment_id: String,
        (test_id, value, reason): (String, String, String),
        by: &LabStamp,
    ) -> Result<(), Vec<FieldError>> {
        expect(
            self,
            LabStatus::Validated,
            "only validated results are amended",
        )?;
        let Some(line) = self.tests.iter_mut().find(|l| l.test_id == test_id) else {
            return Err(vec![FieldError::new(
                "test_id",
                ErrorCode::NotFound,
                "is not a test of this order",
            )]);
        };
        if line.value == value {
            return Err(vec![FieldError::new(
                "value",
                ErrorCode::InvalidValue,
                "is the value already validated",
            )]);
        }
        self.amendments.push(LabAmendment {
            id: amendment_id,
            test_id,
            old_value: std::mem::replace(&mut line.value, value.clone()),
            new_value: value,
            reason,
            by: by.user_id.clone(),
            by_name: by.name.clone(),
            at: by.at.clone(),
            old_validated_by_name: self.validated_by_name.clone(),
            old_validated_at: self.validated_at.clone(),
        });
        line.entered_by = by.user_id.clone();
        line.entered_by_name = by.name.clone();
        line.entered_at = by.at.clone();
        self.validated_by.clear();
        self.validated_by_name.clear();
        self.validated_at.clear();
        self.acknowledged_by.clear();
        self.acknowledged_at.clear();
        self.status = LabStatus::Resulted;
        Ok(())
    }
}
