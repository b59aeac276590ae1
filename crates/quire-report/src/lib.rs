//! quire-report: writes a review's outputs to `out/`.
pub mod error;
pub mod escape;
pub mod references;
pub use error::ReportError;
