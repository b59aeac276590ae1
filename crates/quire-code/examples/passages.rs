//! Print the passages the splitter cuts from files, one block per passage:
//! `cargo run -p quire-code --example passages -- FILE...`
//! (a quick way to eyeball the splitter on a real corpus).

fn main() -> std::io::Result<()> {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        let id = std::path::Path::new(&path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for p in quire_code::passages::split_text(&id, &text) {
            println!(
                "## {} #{} [{}..{}] words={} heading={:?}\n{}\n",
                p.work_id,
                p.ordinal,
                p.start,
                p.end,
                p.text.split_whitespace().count(),
                p.heading,
                p.text
            );
        }
    }
    Ok(())
}
