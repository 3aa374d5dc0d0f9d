//! Free text in messages (titles, reasons, labels): bounded in bytes so storage and events stay
//! small, and, where the text is the point, not blank.

use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum TextError {
    #[error("{field} must not be empty")]
    Empty { field: &'static str },

    #[error("{field} is longer than {max} bytes")]
    TooLong { field: &'static str, max: usize },
}

/// Text that must say something: not blank, at most `max` bytes.
pub fn validate_text(text: &str, field: &'static str, max: usize) -> Result<(), TextError> {
    if text.trim().is_empty() {
        return Err(TextError::Empty { field });
    }
    validate_len(text, field, max)
}

/// Text that may be empty but is at most `max` bytes.
pub fn validate_len(text: &str, field: &'static str, max: usize) -> Result<(), TextError> {
    if text.len() > max {
        return Err(TextError::TooLong { field, max });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_text_is_refused_where_it_must_say_something() {
        for blank in ["", "  ", "\n\t"] {
            assert_eq!(
                validate_text(blank, "title", 10),
                Err(TextError::Empty { field: "title" })
            );
            assert_eq!(validate_len(blank, "note", 10), Ok(()));
        }
    }

    #[test]
    fn length_is_counted_in_bytes_and_the_bound_is_inclusive() {
        assert_eq!(validate_text("abcd", "title", 4), Ok(()));
        assert_eq!(
            validate_text("abcde", "title", 4),
            Err(TextError::TooLong {
                field: "title",
                max: 4
            })
        );
        // "é" is two bytes: three of them are six bytes, over a four-byte bound.
        assert_eq!(
            validate_len("ééé", "note", 4),
            Err(TextError::TooLong {
                field: "note",
                max: 4
            })
        );
    }
}
