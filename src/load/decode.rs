//! Bytes to text: promolint reads UTF-8 only (a byte-order mark is fine).

/// Why a file's bytes are not text promolint can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The file's text with invalid sequences replaced, so the finding can
    /// still show the lines around the fault.
    pub lossy_text: String,
    /// Byte offset of the fault in `lossy_text` (the text before it is
    /// unchanged, so it is the offset in the file too).
    pub offset: usize,
    pub message: String,
}

/// The text of a file, or why it is not UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError {
            lossy_text: String::new(),
            offset: 0,
            message: "the file is UTF-16; promolint reads UTF-8 only".into(),
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => match text.find('\0') {
            // NUL is valid UTF-8 but never YAML text: UTF-16 without a BOM, or binary.
            Some(offset) => Err(DecodeError {
                offset,
                message: "the file contains NUL bytes: it is binary or UTF-16/32, not UTF-8 text"
                    .into(),
                lossy_text: text,
            }),
            None => Ok(text),
        },
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let lossy_text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let message = if error.as_bytes().iter().take(4096).any(|&b| b == 0) {
                "the file is binary or UTF-16/32, not UTF-8 text".to_string()
            } else {
                format!("the file is not valid UTF-8 (invalid byte at offset {offset})")
            };
            Err(DecodeError {
                lossy_text,
                offset,
                message,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let err = decode(b"label: \"ab\xffc\"\n".to_vec()).unwrap_err();
        assert_eq!(err.offset, 10);
        assert!(err.lossy_text.starts_with("label: \"ab"));
    }

    #[test]
    fn utf16_is_refused() {
        let err = decode(vec![0xFF, 0xFE, b'a', 0]).unwrap_err();
        assert!(err.message.contains("UTF-16"));
    }

    #[test]
    fn bom_is_kept_as_text() {
        assert_eq!(
            decode(b"\xef\xbb\xbfa: 1".to_vec()).unwrap(),
            "\u{feff}a: 1"
        );
    }
}
