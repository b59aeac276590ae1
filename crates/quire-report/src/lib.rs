//! quire-report: writes a review's outputs to `out/`.
pub mod charts;
pub mod error;
pub mod escape;
pub mod evidence;
pub mod input;
pub mod references;
pub mod workbook;
pub use error::ReportError;
pub use input::{PrismaCounts, ReportInput};
