//! Split a JSON array (or a single object, or JSON lines: objects one
//! after another) into its items as bytes, as a stream, without parsing
//! them.
//!
//! A CSL-JSON export can be gigabytes. Rather than deserialising the whole
//! array, this scanner tracks only strings and bracket depth, cuts out each
//! top-level item with the line it starts on, and leaves the parsing of an
//! item to the caller — so one bad item is one skipped record, and memory
//! holds one item at a time.

use std::io::BufRead;

/// Where the scanner is between items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Top {
    /// Before the first non-blank byte.
    Start,
    /// Inside the top-level array, between items.
    Array,
    /// After a top-level object: more objects may follow (JSON lines).
    Objects,
    /// After the closing `]`.
    Done,
}

/// One cut-out item: its 1-based record number and first line.
pub struct RawItem<'a> {
    pub number: usize,
    pub line: usize,
    pub bytes: &'a [u8],
}

/// A problem with the structure around the items (not inside one).
pub struct StructureProblem {
    pub line: usize,
    pub message: String,
}

#[derive(Default)]
struct ItemState {
    bytes: Vec<u8>,
    active: bool,
    depth: usize,
    in_string: bool,
    escape: bool,
    /// A scalar item (`1`, `null`, `"x"`): ends at `,` `]` or whitespace.
    scalar: bool,
    line: usize,
}

/// Call `on_item` for each item of the array; `on_problem` for structural
/// problems (which end the scan only when nothing more can be read).
pub fn scan<R: BufRead>(
    mut reader: R,
    on_item: &mut dyn FnMut(RawItem<'_>),
    on_problem: &mut dyn FnMut(StructureProblem),
) -> std::io::Result<()> {
    let mut top = Top::Start;
    let mut line = 1usize;
    let mut number = 0usize;
    let mut item = ItemState::default();
    let mut first_chunk = true;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let mut buf = buf;
        let len = buf.len();
        if first_chunk {
            buf = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(buf);
            first_chunk = false;
        }
        let mut i = 0;
        while i < buf.len() {
            if item.active {
                i = item_bytes(&mut item, buf, i, &mut line);
                if !item.active {
                    number += 1;
                    on_item(RawItem {
                        number,
                        line: item.line,
                        bytes: &item.bytes,
                    });
                    if top == Top::Start {
                        top = Top::Objects;
                    }
                }
                continue;
            }
            let b = buf[i];
            match (top, b) {
                (_, b'\n') => line += 1,
                (_, b' ' | b'\t' | b'\r') => {}
                (Top::Start, b'[') => top = Top::Array,
                (Top::Start | Top::Objects, b'{') | (Top::Array, b'{' | b'[') => {
                    item.start(b, line, false)
                }
                (Top::Array, b',') => {}
                (Top::Array, b']') => top = Top::Done,
                (Top::Array, _) => {
                    item.start(b, line, true);
                    i += 1;
                    continue;
                }
                (Top::Start, _) => {
                    on_problem(StructureProblem {
                        line,
                        message: "not a CSL-JSON file: expected `[` or `{` at the start".into(),
                    });
                    return Ok(());
                }
                (Top::Done | Top::Objects, _) => {
                    on_problem(StructureProblem {
                        line,
                        message: "unexpected data after the end of the JSON value; ignored".into(),
                    });
                    return Ok(());
                }
            }
            i += 1;
        }
        reader.consume(len);
    }
    if item.active && item.scalar {
        number += 1;
        on_item(RawItem {
            number,
            line: item.line,
            bytes: &item.bytes,
        });
    } else if item.active {
        on_problem(StructureProblem {
            line: item.line,
            message: format!("record {} is cut off (file ends inside it)", number + 1),
        });
    } else if top == Top::Array {
        on_problem(StructureProblem {
            line,
            message: "the JSON array is not closed with `]` (file truncated?)".into(),
        });
    }
    Ok(())
}

impl ItemState {
    fn start(&mut self, b: u8, line: usize, scalar: bool) {
        self.bytes.clear();
        self.bytes.push(b);
        self.active = true;
        self.scalar = scalar;
        self.depth = usize::from(!scalar);
        self.in_string = scalar && b == b'"';
        self.escape = false;
        self.line = line;
    }
}

/// Consume bytes of the current item from `buf[i..]`; return the index
/// after what was consumed. Strings are skipped with memchr.
fn item_bytes(item: &mut ItemState, buf: &[u8], mut i: usize, line: &mut usize) -> usize {
    let start = i;
    while i < buf.len() {
        if item.in_string {
            if item.escape {
                item.escape = false;
                i += 1;
                continue;
            }
            match memchr::memchr2(b'"', b'\\', &buf[i..]) {
                None => {
                    *line += memchr::memchr_iter(b'\n', &buf[i..]).count();
                    i = buf.len();
                }
                Some(off) => {
                    *line += memchr::memchr_iter(b'\n', &buf[i..i + off]).count();
                    i += off;
                    if buf[i] == b'\\' {
                        item.escape = true;
                    } else {
                        item.in_string = false;
                    }
                    i += 1;
                }
            }
            continue;
        }
        let b = buf[i];
        if item.scalar && matches!(b, b',' | b']' | b' ' | b'\t' | b'\r' | b'\n') {
            item.bytes.extend_from_slice(&buf[start..i]);
            item.active = false;
            return i;
        }
        match b {
            b'"' => item.in_string = true,
            b'{' | b'[' => item.depth += 1,
            b'}' | b']' => {
                item.depth = item.depth.saturating_sub(1);
                if item.depth == 0 && !item.scalar {
                    item.bytes.extend_from_slice(&buf[start..=i]);
                    item.active = false;
                    return i + 1;
                }
            }
            b'\n' => *line += 1,
            _ => {}
        }
        i += 1;
    }
    item.bytes.extend_from_slice(&buf[start..]);
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> (Vec<(usize, usize, String)>, Vec<String>) {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        // A tiny buffer exercises items that straddle reads.
        let reader = std::io::BufReader::with_capacity(7, text.as_bytes());
        scan(
            reader,
            &mut |it| {
                out.push((
                    it.number,
                    it.line,
                    String::from_utf8_lossy(it.bytes).into_owned(),
                ))
            },
            &mut |p| problems.push(format!("{}: {}", p.line, p.message)),
        )
        .unwrap();
        (out, problems)
    }

    #[test]
    fn cuts_items_with_lines() {
        let (got, problems) =
            items("[\n {\"a\": \"x}\\\"]\"},\n {\"b\": [1, {\"c\": 2}]},\n 7\n]\n");
        assert_eq!(
            got,
            vec![
                (1, 2, "{\"a\": \"x}\\\"]\"}".to_string()),
                (2, 3, "{\"b\": [1, {\"c\": 2}]}".to_string()),
                (3, 4, "7".to_string()),
            ]
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn single_object_and_truncation() {
        let (got, _) = items("\u{feff}{\"id\": 1}\n");
        assert_eq!(got.len(), 1);
        let (got, problems) = items("[{\"id\": 1},\n{\"id\": 2, \"title\": \"cut");
        assert_eq!(got.len(), 1);
        assert_eq!(
            problems,
            vec!["2: record 2 is cut off (file ends inside it)"]
        );
    }

    #[test]
    fn json_lines_are_objects_one_after_another() {
        let (got, problems) = items("{\"id\": 1}\n{\"id\": 2}\n\n{\"id\": 3}\n");
        let lines: Vec<usize> = got.iter().map(|(_, line, _)| *line).collect();
        assert_eq!(lines, vec![1, 2, 4]);
        assert!(problems.is_empty());
        let (got, problems) = items("{\"id\": 1}\nnot json\n");
        assert_eq!(got.len(), 1);
        assert_eq!(problems.len(), 1);
    }
}
