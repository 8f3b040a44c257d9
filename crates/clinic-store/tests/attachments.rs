//! Patient attachments: checked by content and size, kept encrypted by SHA-256, listed in the
//! patient's document (so two PCs' attachments merge), removed only by a flag.
mod common;

use clinic_domain::attachment::MAX_ATTACHMENT_BYTES;
use clinic_domain::{ChangeSource, ErrorCode, Role};
use clinic_store::attachments::sha256_hex;
use clinic_store::{Error, Store};
use common::*;
use uuid::Uuid;

const MARKER: &[u8] = b"CONFIDENTIAL-REFERRAL-LETTER-7391";

fn pdf() -> Vec<u8> {
    let mut b = b"%PDF-1.7\n".to_vec();
    b.extend_from_slice(MARKER);
    b.extend_from_slice(b"\n%%EOF\n");
    b
}

fn png() -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    b.extend_from_slice(&[7; 64]);
    b
}

fn jpeg() -> Vec<u8> {
    let mut b = vec![0xff, 0xd8, 0xff, 0xe0, 0, 16];
    b.extend_from_slice(b"JFIF\0 an x-ray photo");
    b
}

fn register(t: &mut TestStore, given: &str) -> Uuid {
    let v = t
        .store
        .register_patient(
            &t.admin,
            &patient(given, "Nakato", "1990-04-12"),
            ChangeSource::Ui,
        )
        .unwrap();
    Uuid::parse_str(&v.id).unwrap()
}

fn field_errors(e: Error) -> Vec<(String, ErrorCode, String)> {
    match e {
        Error::Invalid(errors) => errors
            .into_iter()
            .map(|e| (e.field, e.code, e.message))
            .collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn pdf_png_and_jpeg_attach_and_open_with_their_real_type() {
    let mut t = store();
    let id = register(&mut t, "Amina");
    let admin = t.admin.clone();
    let files = [
        ("referral.pdf", pdf(), "application/pdf"),
        ("C:\\scans\\chest.png", png(), "image/png"),
        ("xray.jpg", jpeg(), "image/jpeg"),
    ];
    for (name, bytes, _) in &files {
        t.store.attach_file(&admin, id, name, bytes).unwrap();
    }
    let view = t.store.open_patient(&admin, id).unwrap();
    let listed: Vec<_> = view
        .patient
        .attachments
        .iter()
        .map(|a| (a.file_name.as_str(), a.content_type.as_str(), a.size))
        .collect();
    assert_eq!(
        listed,
        [
            ("referral.pdf", "application/pdf", pdf().len() as u64),
            ("chest.png", "image/png", png().len() as u64),
            ("xray.jpg", "image/jpeg", jpeg().len() as u64),
        ]
    );
    assert!(view
        .patient
        .attachments
        .iter()
        .all(|a| a.added_by == "admin" && !a.removed));
    for (_, bytes, content_type) in &files {
        let sha = sha256_hex(bytes);
        let opened = t.store.open_attachment(&admin, id, &sha).unwrap();
        assert_eq!(
            (opened.bytes.0.as_slice(), opened.content_type.as_str()),
            (bytes.as_slice(), *content_type)
        );
    }
    assert_eq!(t.store.pending_attachments().unwrap(), 3);
    let history = t.store.patient_history(&admin, id).unwrap();
    assert_eq!(history.last().unwrap().action, "attach");
    assert_eq!(history.last().unwrap().fields, ["attachments"]);

    // A pharmacist may open but not attach; the refusal writes nothing but its audit entry.
    let pharmacist = clinic_domain::Actor {
        role: Role::Pharmacist,
        ..admin.clone()
    };
    let audits = t.store.count_rows("audit_log").unwrap();
    assert!(matches!(
        t.store.attach_file(&pharmacist, id, "a.pdf", &pdf()),
        Err(Error::Forbidden(_))
    ));
    assert_eq!(t.store.count_rows("audit_log").unwrap(), audits + 1);
    t.store
        .open_attachment(&pharmacist, id, &sha256_hex(&pdf()))
        .unwrap();
    assert_eq!(
        t.store.count_rows("audit_log").unwrap(),
        audits + 2,
        "open is audited"
    );
}

#[test]
fn too_large_and_disguised_files_are_refused_with_field_errors_and_nothing_written() {
    let mut t = store();
    let id = register(&mut t, "Amina");
    let admin = t.admin.clone();
    let before = (counts(&t.store), t.store.pending_attachments().unwrap());

    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(MAX_ATTACHMENT_BYTES + 1, b' ');
    let err = t
        .store
        .attach_file(&admin, id, "big.pdf", &big)
        .unwrap_err();
    assert_eq!(
        field_errors(err),
        [(
            "file".to_string(),
            ErrorCode::TooLarge,
            "is larger than 10 MiB".to_string()
        )]
    );

    let exe = b"MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode".to_vec();
    let err = t
        .store
        .attach_file(&admin, id, "scan.pdf", &exe)
        .unwrap_err();
    assert_eq!(
        field_errors(err),
        [(
            "file".to_string(),
            ErrorCode::UnsupportedType,
            "is not a PDF, PNG or JPEG".to_string()
        )]
    );
    let err = t.store.attach_file(&admin, id, "  ", &pdf()).unwrap_err();
    assert_eq!(field_errors(err)[0].0, "file_name");
    assert_eq!(
        (counts(&t.store), t.store.pending_attachments().unwrap()),
        before
    );

    // Exactly 10 MiB is accepted.
    big.truncate(MAX_ATTACHMENT_BYTES);
    t.store.attach_file(&admin, id, "big.pdf", &big).unwrap();
}

#[test]
fn the_store_file_holds_no_plain_attachment_bytes() {
    let mut t = store();
    let id = register(&mut t, "Amina");
    let admin = t.admin.clone();
    t.store
        .attach_file(&admin, id, "referral.pdf", &pdf())
        .unwrap();
    let raw = |path: &std::path::Path| std::fs::read(path).unwrap_or_default();
    let contains = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    let wal = t.path.with_file_name("clinic.db-wal");
    for bytes in [raw(&t.path), raw(&wal)] {
        assert!(!contains(&bytes, b"%PDF-"), "a PDF header in the raw file");
        assert!(!contains(&bytes, MARKER), "the PDF's text in the raw file");
    }
    // Still there after closing and opening again with the key.
    let path = t.path.clone();
    let key = t.key.clone();
    drop(t.store);
    let (mut again, _) = open(&path, &key, 9);
    let opened = again
        .open_attachment(&admin, id, &sha256_hex(&pdf()))
        .unwrap();
    assert_eq!(opened.bytes.0, pdf());
}

/// Ships every change `from` has made itself to `to`.
fn exchange(from: &Store, to: &mut Store) {
    for c in from.changes_since(0, u32::MAX, true).unwrap() {
        to.apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
}

#[test]
fn two_pcs_attaching_offline_merge_to_both_and_remove_is_a_flag() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let (aa, ba) = (a.admin.clone(), b.admin.clone());
    let id = register(&mut a, "Amina");
    exchange(&a.store, &mut b.store);

    a.store
        .attach_file(&aa, id, "referral.pdf", &pdf())
        .unwrap();
    b.store.attach_file(&ba, id, "chest.png", &png()).unwrap();
    exchange(&a.store, &mut b.store);
    exchange(&b.store, &mut a.store);

    let on_a = a.store.open_patient(&aa, id).unwrap().patient.attachments;
    let on_b = b.store.open_patient(&ba, id).unwrap().patient.attachments;
    assert_eq!(on_a, on_b);
    let mut names: Vec<_> = on_a.iter().map(|x| x.file_name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["chest.png", "referral.pdf"]);

    // B lists A's file but does not hold its bytes yet.
    let pdf_sha = sha256_hex(&pdf());
    assert!(matches!(
        b.store.open_attachment(&ba, id, &pdf_sha),
        Err(Error::NotOnThisPc)
    ));
    // Bytes that are not what was asked for are refused; the right ones are kept.
    assert!(b.store.save_fetched_attachment(&pdf_sha, &png()).is_err());
    b.store.save_fetched_attachment(&pdf_sha, &pdf()).unwrap();
    assert_eq!(
        b.store.open_attachment(&ba, id, &pdf_sha).unwrap().bytes.0,
        pdf()
    );
    assert_eq!(
        b.store.pending_attachments().unwrap(),
        1,
        "only its own PNG"
    );

    // Removing is a flag that syncs; the entry and the bytes stay.
    a.store.remove_attachment(&aa, id, &pdf_sha).unwrap();
    exchange(&a.store, &mut b.store);
    let on_b = b.store.open_patient(&ba, id).unwrap().patient.attachments;
    assert_eq!(on_b.len(), 2);
    assert!(on_b.iter().find(|x| x.sha256 == pdf_sha).unwrap().removed);
    assert!(a.store.has_attachment_blob(&pdf_sha).unwrap());

    // Editing the patient's form keeps the attachments.
    let mut form = patient("Amina", "Nakato", "1990-04-12");
    form.phone = "0772 000111".into();
    let v = a.store.update_patient(&aa, id, &form).unwrap();
    assert_eq!(v.patient.attachments.len(), 2);

    // Unknown attachment, bad id.
    assert!(matches!(
        a.store.open_attachment(&aa, id, &"0".repeat(64)),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        a.store.remove_attachment(&aa, id, "nope"),
        Err(Error::Invalid(_))
    ));
}
