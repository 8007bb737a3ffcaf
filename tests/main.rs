//! Every end-to-end test of varde in one test binary (as mdBook does): the files beside this
//! one are its modules, each still run alone with `cargo test --release --test it <file>::`
//! (`cargo test --release --test it clinics::`). One binary is linked once, not once per
//! file; `common/` is the shared harness.

mod common;

mod broken_sites;
mod build;
mod clinics;
mod errors;
mod facts;
mod fuzz_regressions;
mod languages;
mod media;
mod offline;
mod pass_on;
mod print;
mod publish;
mod rtl;
mod serve;
mod shipped_budget;
mod shipped_clinics;
mod shipped_closures;
mod shipped_content;
mod shipped_deploy;
mod shipped_errors;
mod shipped_facts;
mod shipped_hours;
mod shipped_languages;
mod shipped_print;
mod status;
mod xss;
