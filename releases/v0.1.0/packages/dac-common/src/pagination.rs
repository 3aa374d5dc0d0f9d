//! The cw-plus pagination convention: `start_after` is exclusive, `limit` defaults to
//! [`DEFAULT_LIMIT`] and is clamped to [`MAX_LIMIT`] so no list query can be made unbounded.

pub const DEFAULT_LIMIT: u32 = 10;
pub const MAX_LIMIT: u32 = 30;

/// The number of items a list query may return for the `limit` a caller asked for.
pub fn clamp_limit(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_defaults_and_is_clamped() {
        assert_eq!(clamp_limit(None), DEFAULT_LIMIT as usize);
        assert_eq!(clamp_limit(Some(3)), 3);
        assert_eq!(clamp_limit(Some(u32::MAX)), MAX_LIMIT as usize);
    }
}
