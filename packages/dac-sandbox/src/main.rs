//! `cargo run -p dac-sandbox -- story`: deploys two nodes on in-process chains and plays
//! out a newcomer's life, printing what the contracts answered.

fn main() -> anyhow::Result<()> {
    let command = std::env::args().nth(1).unwrap_or_else(|| "story".into());
    match command.as_str() {
        "story" => {
            let mut out = dac_sandbox::Narrator::printing();
            dac_sandbox::story::run(&mut out)?;
            Ok(())
        }
        other => anyhow::bail!("unknown command {other:?}; try `story`"),
    }
}
