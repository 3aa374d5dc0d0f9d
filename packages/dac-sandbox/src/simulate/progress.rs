//! A progress bar on standard error for long runs; hidden when stderr is not a terminal (CI,
//! tests, pipes) or when asked.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Draws when standard error is a terminal.
    pub fn on_terminal() -> Self {
        use std::io::IsTerminal;
        if std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("day {pos}/{len} [{bar:40}] {elapsed} (eta {eta})")
                    .expect("a valid template")
                    .progress_chars("=> "),
            );
            Progress { bar: Some(bar) }
        } else {
            Progress::hidden()
        }
    }

    pub fn hidden() -> Self {
        Progress { bar: None }
    }

    pub fn start(&self, days: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(days);
        }
    }

    pub fn set(&self, day: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(day);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
