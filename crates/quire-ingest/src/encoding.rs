//! Text encodings: turn the bytes of a file into UTF-8 text.
//!
//! Literature files arrive as UTF-8 (with or without a BOM), UTF-16 from
//! Windows tools (with a BOM), or Latin-1/Windows-1252 from old reference
//! managers. Files with NUL bytes that are not UTF-16 are binary junk.

use crate::IngestError;
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decode a whole file to text. Errors when it is empty (or only
/// whitespace) or looks binary.
pub fn decode<'a>(bytes: &'a [u8], file: &str) -> Result<Cow<'a, str>, IngestError> {
    let text = decode_lenient(bytes).ok_or_else(|| IngestError::Binary {
        file: file.to_string(),
        why: binary_reason(bytes),
    })?;
    if text.trim().is_empty() {
        return Err(IngestError::Empty {
            file: file.to_string(),
        });
    }
    Ok(text)
}

/// Decode by BOM, then UTF-8, then Windows-1252. None when binary.
fn decode_lenient(bytes: &[u8]) -> Option<Cow<'_, str>> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return utf8_or_latin1(rest);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(Cow::Owned(
            UTF_16LE.decode_with_bom_removal(&bytes[2..]).0.into_owned(),
        ));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(Cow::Owned(
            UTF_16BE.decode_with_bom_removal(&bytes[2..]).0.into_owned(),
        ));
    }
    utf8_or_latin1(bytes)
}

fn utf8_or_latin1(bytes: &[u8]) -> Option<Cow<'_, str>> {
    if looks_binary(bytes) {
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(Cow::Borrowed(s)),
        Err(_) => Some(latin1(bytes)),
    }
}

/// Decode one line or record that is not valid UTF-8 as Windows-1252 (a
/// superset of Latin-1's printable range).
pub fn latin1(bytes: &[u8]) -> Cow<'_, str> {
    WINDOWS_1252.decode_without_bom_handling(bytes).0
}

/// UTF-8 when valid, else Windows-1252: for line-by-line readers.
pub fn line_text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => latin1(bytes),
    }
}

/// Text never contains NUL, and rarely C0 control characters other than
/// tab, newline, carriage return and form feed. Judged on the first 8 KiB.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls * 20 > head.len().max(1)
}

fn binary_reason(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(8192)];
    match head.iter().position(|&b| b == 0) {
        Some(at) => format!("NUL byte at offset {at}"),
        None => "too many control characters".to_string(),
    }
}

/// What a stream starts with, so streaming readers can transcode UTF-16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamEncoding {
    Utf8,
    Utf16,
}

/// Judge the head of a stream: `Err` when it is binary or empty.
pub fn sniff_stream(head: &[u8], file: &str) -> Result<StreamEncoding, IngestError> {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Ok(StreamEncoding::Utf16);
    }
    let body = head.strip_prefix(UTF8_BOM).unwrap_or(head);
    if looks_binary(body) {
        return Err(IngestError::Binary {
            file: file.to_string(),
            why: binary_reason(body),
        });
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty {
            file: file.to_string(),
        });
    }
    Ok(StreamEncoding::Utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_latin1() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc", "f").unwrap(), "abc");
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Kö".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16le, "f").unwrap(), "Kö");
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Kö".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&utf16be, "f").unwrap(), "Kö");
        assert_eq!(decode(b"Siddiq\xE1", "f").unwrap(), "Siddiqá");
    }

    #[test]
    fn rejects_binary_and_empty() {
        let err = decode(b"\x7FELF\x02\x01\x00\x00", "a.bib").unwrap_err();
        assert!(err
            .to_string()
            .contains("a.bib: binary data (NUL byte at offset 6)"));
        assert!(matches!(
            decode(b"  \n", "e.ris"),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            decode(b"", "e.ris"),
            Err(IngestError::Empty { .. })
        ));
    }
}
