//! The `varde` command: a thin layer over the library that parses arguments, runs a
//! command and turns its diagnostics into messages and an exit code (0 ok, 1 content
//! errors, 2 usage errors).

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Build a tiny multilingual static site that stays readable offline.
#[derive(Parser)]
#[command(name = "varde", version, about, long_about = None)]
struct Cli {
    /// The site folder, holding site.toml.
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into dist/ (replaced only when the whole build succeeds).
    Build {
        /// Output folder [default: <root>/dist].
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Build date as YYYY-MM-DD [default: SOURCE_DATE_EPOCH, else today in Oslo].
        #[arg(long)]
        date: Option<jiff::civil::Date>,
        /// Kill switch: emit a sw.js that deletes the site's offline copies and unregisters
        /// itself, for a site that must stop being served from readers' devices.
        #[arg(long)]
        unregister_sw: bool,
        /// The site's public address, e.g. https://example.org/helse/ [default: base_url in
        /// site.toml]: canonical and hreflang links, sitemap.xml, the leaflets' QR codes.
        #[arg(long, value_name = "URL", value_parser = base_url)]
        base_url: Option<String>,
    },
    /// Build, then print every language's leaflet to dist/<lang>/leaflet.pdf (and the
    /// two-up A5 sheet to leaflet-a5.pdf) with headless Chromium.
    Pdf {
        /// Output folder [default: <root>/dist].
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Build date as YYYY-MM-DD [default: SOURCE_DATE_EPOCH, else today in Oslo].
        #[arg(long)]
        date: Option<jiff::civil::Date>,
        /// The site's public address, e.g. https://example.org/helse/ [default: base_url in
        /// site.toml]: canonical and hreflang links, sitemap.xml, the leaflets' QR codes.
        #[arg(long, value_name = "URL", value_parser = base_url)]
        base_url: Option<String>,
    },
    /// Check everything and list every problem; write nothing.
    Check {
        /// Build date as YYYY-MM-DD [default: SOURCE_DATE_EPOCH, else today in Oslo].
        #[arg(long)]
        date: Option<jiff::civil::Date>,
        /// Exit with 1 on any warning too (a video without captions, an oversized file, ...).
        #[arg(long)]
        strict: bool,
        /// The site's public address, as the build that publishes it gives it (a site whose
        /// address is known only where it is deployed then passes --strict without base_url).
        #[arg(long, value_name = "URL", value_parser = base_url)]
        base_url: Option<String>,
    },
    /// Show which page is missing, draft, reviewed or outdated in which language.
    Status {
        /// Record the current version of the source in translations that have no
        /// `translated_from` yet (one line added to each file's front matter).
        #[arg(long)]
        fill: bool,
        /// Exit with 1 when a page is missing or outdated in some language.
        #[arg(long)]
        strict: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: StatusFormat,
        /// For each outdated translation, show what changed in its source since the version
        /// it was made from (needs the site in git).
        #[arg(long, conflicts_with_all = ["fill", "strict", "format"])]
        diff: bool,
    },
    /// Serve the site on this machine, rebuild on every save and reload the browser.
    Serve {
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on (127.0.0.1: only this machine can connect).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Build date as YYYY-MM-DD [default: SOURCE_DATE_EPOCH, else today in Oslo].
        #[arg(long)]
        date: Option<jiff::civil::Date>,
    },
    /// Create a small working site to start from.
    New {
        /// Folder to create.
        path: PathBuf,
    },
}

/// Clap's check of `--base-url` (a usage error, exit 2, before anything is read or written).
fn base_url(url: &str) -> Result<String, String> {
    varde::parse_base_url(url)
}

/// How `varde status` prints the matrix.
#[derive(Clone, Copy, clap::ValueEnum)]
enum StatusFormat {
    /// A table for people.
    Text,
    /// JSON for scripts.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            output,
            date,
            unregister_sw,
            base_url,
        } => {
            let options = varde::Options {
                output,
                today: date,
                unregister_sw,
                base_url,
                ..varde::Options::new(cli.root)
            };
            report(varde::build(&options), "built")
        }
        Command::Pdf {
            output,
            date,
            base_url,
        } => pdf(&varde::Options {
            output,
            today: date,
            base_url,
            ..varde::Options::new(cli.root)
        }),
        Command::Check {
            date,
            strict,
            base_url,
        } => {
            let options = varde::Options {
                today: date,
                dry_run: true,
                base_url,
                ..varde::Options::new(cli.root)
            };
            let result = varde::build(&options);
            let warned = result.as_ref().map_or(0, |r| r.warnings.0.len());
            let code = report(result, "checked");
            if strict && warned > 0 {
                eprintln!(
                    "check --strict: {warned} warning(s); fix them, as readers meet what they warn of"
                );
                return ExitCode::from(1);
            }
            code
        }
        Command::Serve {
            port,
            bind,
            open,
            date,
        } => {
            let options = varde::serve::ServeOptions {
                root: cli.root,
                bind,
                port,
                open,
                today: date,
            };
            match varde::serve::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Status {
            fill,
            strict,
            format,
            diff,
        } => {
            if diff {
                print_status(varde::status::run_diff(&cli.root))
            } else {
                let format = match format {
                    StatusFormat::Text => varde::status::Format::Text,
                    StatusFormat::Json => varde::status::Format::Json,
                };
                print_status(varde::status::run(&cli.root, fill, strict, format))
            }
        }
        Command::New { path } => match varde::scaffold::create(&path) {
            Ok(()) => {
                println!(
                    "created a new site in {}\n  cd {} && varde build",
                    path.display(),
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
    }
}

fn report(
    result: Result<varde::BuildReport, varde::diagnostics::Diagnostics>,
    verb: &str,
) -> ExitCode {
    match result {
        Ok(r) => {
            eprint!("{}", r.warnings);
            eprintln!(
                "{verb} {} pages, {} files, {} KB",
                r.pages,
                r.files,
                r.bytes / 1024
            );
            if !r.all_in_one.is_empty() {
                let sizes: Vec<String> = r
                    .all_in_one
                    .iter()
                    .map(|(lang, size)| format!("{lang} {} KB", size.div_ceil(1024)))
                    .collect();
                eprintln!(
                    "one file per language (all-in-one.html): {}",
                    sizes.join(", ")
                );
            }
            if let Some(spare) = &r.spare_made {
                eprintln!("{}", varde::emit::spare_note(spare));
            }
            ExitCode::SUCCESS
        }
        Err(mut problems) => {
            problems.sort();
            eprint!("{problems}");
            let n = problems.error_count();
            eprintln!(
                "{n} error{}; nothing was written, dist/ is unchanged",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
    }
}

/// `varde pdf`: the build's report, then one line per PDF and the time it took.
fn pdf(options: &varde::Options) -> ExitCode {
    match varde::pdf::run(options) {
        Ok(r) => {
            let built = report(Ok(r.build), "built");
            for w in &r.pdfs {
                eprintln!("  {} ({} KB)", w.path, w.size.div_ceil(1024));
            }
            eprintln!(
                "printed {} PDFs in {:.1} s",
                r.pdfs.len(),
                r.elapsed.as_secs_f64()
            );
            built
        }
        Err(varde::pdf::Error::Build(problems)) => report(Err(problems), "built"),
        Err(varde::pdf::Error::Chromium(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// Prints what a `varde status` run says, and gives its exit code.
fn print_status(outcome: varde::status::Outcome) -> ExitCode {
    print!("{}", outcome.stdout);
    eprint!("{}", outcome.stderr);
    ExitCode::from(outcome.code)
}
