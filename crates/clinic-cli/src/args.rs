//! The command line's shape.
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "clinic",
    version,
    about = "Clinic: offline-first clinic records. Without a command, opens the desktop app."
)]
pub struct Cli {
    /// The store's folder (default: CLINIC_DATA_DIR, else the OS app-data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Errors (and results, where a command has them) as JSON.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Set up this PC's store: the clinic and its first administrator.
    Init(InitArgs),
    /// Import, export and search patients.
    #[command(subcommand)]
    Patients(PatientsCommand),
    /// Export patients as FHIR R4 (a Bundle, or Bulk Data NDJSON).
    #[command(subcommand)]
    Fhir(FhirCommand),
    /// Register realistic synthetic patients (demos, training, benchmarks).
    SeedDemo(SeedArgs),
    /// Write an encrypted copy of the store.
    Backup(BackupArgs),
    /// Replace the store with a backup, after checking it in full.
    Restore(RestoreArgs),
    /// Check the store: file integrity, audit chain, projections against documents.
    Verify(VerifyArgs),
    /// Show the store key (to keep in a password manager for restoring on another PC).
    #[command(subcommand)]
    Key(KeyCommand),
    /// Connect this PC to the clinic's central server with an enrollment code, then sync.
    Connect(ConnectArgs),
    /// Sync with the central server now (or `sync status`).
    Sync(SyncArgs),
}

#[derive(Args)]
pub struct ConnectArgs {
    /// The central server's address, e.g. https://sync.example.org
    #[arg(long)]
    pub server: String,
    /// The one-time enrollment code from the central admin.
    #[arg(long)]
    pub code: String,
    /// A name people recognise in the central reports (default: this computer's name).
    #[arg(long)]
    pub device_name: Option<String>,
    /// Allow plain (unencrypted) HTTP to a server that is not this computer.
    #[arg(long)]
    pub allow_insecure_http: bool,
    /// On a PC that has users, an administrator must log in to connect it.
    #[command(flatten)]
    pub login: Login,
}

#[derive(Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
}

#[derive(Subcommand)]
pub enum SyncCommand {
    /// Connected or not, last success, changes waiting to go up, the last error.
    Status,
}

/// Who runs the command: a user of this clinic, password from CLINIC_PASSWORD or a prompt.
#[derive(Args, Clone)]
pub struct Login {
    #[arg(long, env = "CLINIC_USER", default_value = "admin")]
    pub user: String,
}

#[derive(Args)]
pub struct InitArgs {
    #[arg(long)]
    pub clinic_code: String,
    #[arg(long)]
    pub clinic_name: String,
    /// Username of the first administrator (password from CLINIC_ADMIN_PASSWORD or a prompt).
    #[arg(long)]
    pub admin_user: String,
    #[arg(long, default_value = "")]
    pub admin_name: String,
    /// This PC's code within the clinic (2–4 letters or digits); drawn at random when omitted.
    #[arg(long)]
    pub device_code: Option<String>,
}

#[derive(Subcommand)]
pub enum PatientsCommand {
    /// Import patients from a CSV file (bad rows reported by line; re-running adds nothing twice).
    Import {
        file: PathBuf,
        #[command(flatten)]
        login: Login,
    },
    /// Export every patient.
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        login: Login,
    },
    /// Search by name, number, phone or national ID.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        include_deleted: bool,
        #[command(flatten)]
        login: Login,
    },
}

#[derive(Subcommand)]
pub enum FhirCommand {
    /// One patient as a FHIR R4 Bundle (JSON), or with --all every patient as NDJSON files
    /// (Patient, AllergyIntolerance, Condition, MedicationStatement) in a folder.
    Export {
        /// The patient's record id or patient number.
        #[arg(
            long,
            value_name = "ID|NUMBER",
            required_unless_present = "all",
            conflicts_with = "all"
        )]
        patient: Option<String>,
        /// Write the Bundle here instead of standard output.
        #[arg(long, conflicts_with = "all")]
        out: Option<PathBuf>,
        /// Every patient that is not deleted, as FHIR Bulk Data NDJSON.
        #[arg(long, requires = "out_dir")]
        all: bool,
        /// The folder of the NDJSON files (created if missing; existing files are never overwritten).
        #[arg(long, value_name = "DIR", requires = "all")]
        out_dir: Option<PathBuf>,
        #[command(flatten)]
        login: Login,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Args)]
pub struct SeedArgs {
    #[arg(long)]
    pub patients: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[command(flatten)]
    pub login: Login,
}

#[derive(Args)]
pub struct BackupArgs {
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub login: Login,
}

#[derive(Args)]
pub struct RestoreArgs {
    #[arg(long)]
    pub from: PathBuf,
    /// Replace an existing store (it is kept beside as clinic.db.before-restore).
    #[arg(long)]
    pub force: bool,
    /// An administrator of the backup, to prove the restore is authorised.
    #[command(flatten)]
    pub login: Login,
}

#[derive(Args)]
pub struct VerifyArgs {}

#[derive(Subcommand)]
pub enum KeyCommand {
    /// Print the store key (64 hex characters). Audited.
    Show {
        #[command(flatten)]
        login: Login,
    },
}
