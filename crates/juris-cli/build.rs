//! Rebuilds the binary when the shipped corpus changes, since it is embedded with `include_dir`.
fn main() {
    println!("cargo:rerun-if-changed=../../corpus");
}
