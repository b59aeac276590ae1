//! Where a review keeps its files: `review.toml`, `sources/`, `.quire/`
//! (database and index) and `out/`.

use crate::ReviewError;
use std::path::{Path, PathBuf};

/// The paths of one review on disk.
#[derive(Debug, Clone)]
pub struct ReviewDir {
    pub root: PathBuf,
}

impl ReviewDir {
    /// The review at `dir` (it must hold a review.toml).
    pub fn at(dir: &Path) -> Result<ReviewDir, ReviewError> {
        let root = dir.to_path_buf();
        if !root.join("review.toml").is_file() {
            return Err(ReviewError::NotAReview {
                dir: dir.display().to_string(),
            });
        }
        Ok(ReviewDir { root })
    }

    /// The review containing `start` (it or one of its parents holds a
    /// review.toml), like git finds its repository.
    pub fn find(start: &Path) -> Result<ReviewDir, ReviewError> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            if d.join("review.toml").is_file() {
                return Ok(ReviewDir {
                    root: d.to_path_buf(),
                });
            }
            dir = d.parent();
        }
        Err(ReviewError::NotAReview {
            dir: start.display().to_string(),
        })
    }

    pub fn protocol_path(&self) -> PathBuf {
        self.root.join("review.toml")
    }
    pub fn sources(&self) -> PathBuf {
        self.root.join("sources")
    }
    pub fn quire_dir(&self) -> PathBuf {
        self.root.join(".quire")
    }
    pub fn db_path(&self) -> PathBuf {
        self.quire_dir().join("quire.db")
    }
    pub fn index_dir(&self) -> PathBuf {
        self.quire_dir().join("index")
    }
    pub fn out_dir(&self) -> PathBuf {
        self.root.join("out")
    }

    /// How a file is named in provenance and messages: relative to the
    /// review root when inside it, so a review can be moved.
    pub fn shown(&self, path: &Path) -> String {
        let abs_root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        abs.strip_prefix(&abs_root)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| path.display().to_string())
    }
}
