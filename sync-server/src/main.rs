//! `clinic-sync-server [--config FILE] serve|migrate|admin ...`
#![forbid(unsafe_code)]
use anyhow::Context;
use clap::{Parser, Subcommand};
use clinic_sync_server::{admin_for, migrate, Config, Server};
use std::collections::HashMap;
use std::io::BufRead;
use std::path::PathBuf;
use uuid::Uuid;

#[derive(Parser)]
#[command(
    name = "clinic-sync-server",
    version,
    about = "Clinic central sync server"
)]
struct Cli {
    /// TOML configuration file (environment variables override it).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Apply migrations, then serve until SIGTERM or Ctrl-C.
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Administration.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a clinic.
    CreateClinic {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
    },
    /// Issue a one-time enrollment code for a clinic.
    Enroll {
        #[arg(long)]
        clinic: String,
    },
    /// List devices (of one clinic).
    Devices {
        #[arg(long)]
        clinic: Option<String>,
    },
    /// Revoke a device: its token stops working.
    Revoke { device_id: Uuid },
    /// Create a central admin (password from CLINIC_ADMIN_PASSWORD or the first line of stdin).
    CreateAdmin {
        #[arg(long)]
        username: String,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let env: HashMap<String, String> = std::env::vars().collect();
    let config = Config::load(cli.config.as_deref(), &env)?;
    match cli.command {
        Command::Migrate => migrate(&config.database_url).await,
        Command::Serve => serve(config).await,
        Command::Admin { command } => admin(config, command).await,
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let listen = config.listen;
    let server = Server::start(config).await?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("listening on {listen}"))?;
    server.serve(listener, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

async fn admin(config: Config, command: AdminCommand) -> anyhow::Result<()> {
    let admin = admin_for(&config).await?;
    match command {
        AdminCommand::CreateClinic { code, name } => {
            let c = admin.create_clinic(&code, &name).await?;
            println!("{}\t{}\t{}", c.id, c.code, c.name);
        }
        AdminCommand::Enroll { clinic } => {
            println!("{}", admin.issue_enrollment_code(&clinic).await?);
        }
        AdminCommand::Devices { clinic } => {
            for d in admin.devices(clinic.as_deref()).await? {
                let seen = d
                    .last_seen_at
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_else(|| "never".into());
                let state = if d.revoked_at.is_some() {
                    "revoked"
                } else {
                    "active"
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}\tlast seen {}",
                    d.id, d.clinic_code, d.code, d.name, state, seen
                );
            }
        }
        AdminCommand::Revoke { device_id } => {
            admin.revoke_device(device_id).await?;
            println!("revoked {device_id}");
        }
        AdminCommand::CreateAdmin { username } => {
            let password = match std::env::var("CLINIC_ADMIN_PASSWORD") {
                Ok(p) if !p.is_empty() => p,
                _ => {
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            admin.create_admin(&username, &password).await?;
            println!("created administrator {username}");
        }
    }
    Ok(())
}
