//! Rebuild when the embedded content or templates change (`include_dir!` alone is not tracked).

fn main() {
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=assets");
}
