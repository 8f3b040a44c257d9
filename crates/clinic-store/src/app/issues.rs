//! The "Sync issues" inbox as the desktop window calls it: one line per IPC command.
use super::App;
use crate::error::{Error, Result};
use crate::patients::parse_id;
use crate::sync_issues::SyncIssueView;
use clinic_domain::sync_issue::SyncIssueStatus;
use clinic_domain::ErrorCode;

impl App {
    /// `status`: `open`, `resolved`, `dismissed`, or none for every issue.
    pub fn sync_issues(&self, status: Option<&str>) -> Result<Vec<SyncIssueView>> {
        let status = status
            .map(|s| {
                SyncIssueStatus::parse(s).ok_or_else(|| {
                    Error::field("status", ErrorCode::InvalidValue, "is not an issue status")
                })
            })
            .transpose()?;
        self.as_user(|store, actor| store.sync_issues(actor, status))
    }

    pub fn open_sync_issue_count(&self) -> Result<i64> {
        self.as_user(|store, actor| store.open_sync_issue_count(actor))
    }

    pub fn resolve_conflict(&self, issue_id: &str, choice: u32) -> Result<()> {
        let id = parse_id(issue_id)?;
        self.as_user(|store, actor| store.resolve_conflict(actor, id, choice as usize))
    }

    pub fn merge_patients(&self, issue_id: &str, keep_id: &str, merge_id: &str) -> Result<()> {
        let id = parse_id(issue_id)?;
        let keep = parse_id(keep_id)?;
        let merge = parse_id(merge_id)?;
        self.as_user(|store, actor| store.merge_patients(actor, id, keep, merge))
    }

    pub fn unmerge_patient(&self, id: &str) -> Result<()> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.unmerge_patient(actor, id))
    }

    pub fn dismiss_issue(&self, issue_id: &str) -> Result<()> {
        let id = parse_id(issue_id)?;
        self.as_user(|store, actor| store.dismiss_issue(actor, id))
    }
}
