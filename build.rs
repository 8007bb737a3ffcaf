//! Embeds the shipped theme (`themes/varde/`) into the binary, so `varde new` can create a
//! working site anywhere without the varde repository.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/varde");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files: Vec<_> = walkdir(&root);
    files.sort();
    let mut code = String::from(
        "/// Every file of the shipped theme: path below `themes/varde/`, bytes.\npub const THEME: &[(&str, &[u8])] = &[\n",
    );
    for f in &files {
        let rel = f
            .strip_prefix(&root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        println!("cargo:rerun-if-changed={}", f.display());
        let _ = writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            f.display().to_string()
        );
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("theme_files.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                println!("cargo:rerun-if-changed={}", p.display());
                out.extend(walkdir(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}
