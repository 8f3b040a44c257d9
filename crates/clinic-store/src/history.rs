//! What a document remembers about itself: every change (who, when, which device, which fields)
//! and the values that lost a concurrent edit.
use crate::error::{Context, Result};
use crate::views::{FieldConflict, HistoryEntry};
use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, Value, ROOT};
use clinic_domain::{ChangeMeta, ChangeSource};
use rusqlite::{Connection, OptionalExtension};

/// Every change of the document, oldest first.
pub(crate) fn entries(conn: &Connection, doc: &mut AutoCommit) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn
        .prepare_cached("SELECT source FROM change_log WHERE hash = ?1")
        .context("reading history")?;
    let mut out = Vec::new();
    for change in doc.get_changes(&[]) {
        let meta = change.message().and_then(ChangeMeta::from_message);
        let source: Option<String> = stmt
            .query_row([change.hash().0.as_slice()], |r| r.get(0))
            .optional()
            .context("reading history")?;
        let source = match source.as_deref() {
            Some("ui") => ChangeSource::Ui,
            Some("import") => ChangeSource::Import,
            _ => ChangeSource::Sync,
        };
        let at = chrono::DateTime::from_timestamp_millis(change.timestamp())
            .map(|t| t.to_rfc3339())
            .unwrap_or_default();
        out.push(match meta {
            Some(m) => HistoryEntry {
                at,
                username: m.username,
                device_id: m.device_id.to_string(),
                action: m.action,
                fields: m.fields,
                source,
            },
            None => HistoryEntry {
                at,
                username: String::new(),
                device_id: change.actor_id().to_hex_string(),
                action: "unknown".into(),
                fields: Vec::new(),
                source,
            },
        });
    }
    Ok(out)
}

/// Fields where concurrent edits left more than one value. The shown value won; the others are kept.
pub(crate) fn conflicts(doc: &AutoCommit) -> Vec<FieldConflict> {
    let mut out = Vec::new();
    walk(doc, &ROOT, String::new(), &mut out);
    out
}

fn walk(doc: &AutoCommit, obj: &ObjId, prefix: String, out: &mut Vec<FieldConflict>) {
    let props: Vec<automerge::Prop> = match doc.object_type(obj) {
        Ok(ObjType::Map) | Ok(ObjType::Table) => doc.keys(obj).map(automerge::Prop::Map).collect(),
        Ok(ObjType::List) => (0..doc.length(obj)).map(automerge::Prop::Seq).collect(),
        _ => return,
    };
    for prop in props {
        let name = match &prop {
            automerge::Prop::Map(k) => join(&prefix, k),
            automerge::Prop::Seq(i) => join(&prefix, &i.to_string()),
        };
        let all = doc.get_all(obj, prop.clone()).unwrap_or_default();
        if all.len() > 1 {
            let winner = doc.get(obj, prop.clone()).ok().flatten();
            let value = winner.as_ref().map(|(v, _)| show(v)).unwrap_or_default();
            let winner_id = winner.map(|(_, id)| id);
            let other_values = all
                .iter()
                .filter(|(_, id)| Some(id) != winner_id.as_ref())
                .map(|(v, _)| show(v))
                .collect();
            out.push(FieldConflict {
                field: name.clone(),
                value,
                other_values,
            });
        }
        if let Ok(Some((Value::Object(_), child))) = doc.get(obj, prop) {
            walk(doc, &child, name, out);
        }
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

pub(crate) fn show(v: &Value<'_>) -> String {
    match v {
        Value::Scalar(s) => match s.as_ref() {
            automerge::ScalarValue::Str(s) => s.to_string(),
            other => other.to_string(),
        },
        Value::Object(t) => format!("({t})"),
    }
}
