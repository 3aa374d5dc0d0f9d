//! Integration tests live in `tests/tests/`: each file deploys the real contracts together in
//! cw-multi-test and plays out a story across them.
