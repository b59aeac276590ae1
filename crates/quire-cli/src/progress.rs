//! Progress for long stages: indicatif bars on a terminal, plain lines on
//! stderr when not a TTY (logs, CI, pipes).

use indicatif::{ProgressBar, ProgressStyle};
use is_terminal::IsTerminal;
use quire_review::Progress;
use std::cell::RefCell;

pub struct CliProgress {
    bar: RefCell<Option<ProgressBar>>,
    tty: bool,
    quiet: bool,
    stage: RefCell<String>,
    done: RefCell<u64>,
    total: RefCell<u64>,
}

impl CliProgress {
    pub fn new(quiet: bool) -> CliProgress {
        CliProgress {
            bar: RefCell::new(None),
            tty: std::io::stderr().is_terminal(),
            quiet,
            stage: RefCell::new(String::new()),
            done: RefCell::new(0),
            total: RefCell::new(0),
        }
    }
}

impl Progress for CliProgress {
    fn begin(&self, stage: &str, total: u64) {
        if total == 0 {
            return;
        }
        *self.stage.borrow_mut() = stage.to_string();
        *self.done.borrow_mut() = 0;
        *self.total.borrow_mut() = total;
        if self.quiet {
            return;
        }
        if self.tty {
            let bar = ProgressBar::new(total);
            let style = ProgressStyle::with_template(
                "{prefix:>10} [{bar:30}] {pos}/{len} {per_sec} {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.set_prefix(stage.to_string());
            *self.bar.borrow_mut() = Some(bar);
        } else {
            eprintln!("{stage}: {total} to do");
        }
    }

    fn advance(&self, n: u64, message: &str) {
        *self.done.borrow_mut() += n;
        if self.quiet {
            return;
        }
        if let Some(bar) = self.bar.borrow().as_ref() {
            bar.inc(n);
            if !message.is_empty() {
                bar.set_message(message.to_string());
            }
        } else if !self.tty {
            // Plain lines for logs: about every tenth of the work, not every item.
            let (done, total) = (*self.done.borrow(), *self.total.borrow());
            let step = (total / 10).max(1);
            if done % step < n || done == total {
                eprintln!("{}: {}/{} {}", self.stage.borrow(), done, total, message);
            }
        }
    }

    fn add_to_total(&self, n: u64) {
        *self.total.borrow_mut() += n;
        if let Some(bar) = self.bar.borrow().as_ref() {
            bar.inc_length(n);
        }
    }

    fn end(&self) {
        if let Some(bar) = self.bar.borrow_mut().take() {
            bar.finish_and_clear();
        }
    }
}
