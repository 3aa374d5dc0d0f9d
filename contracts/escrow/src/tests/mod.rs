//! Unit tests: a mock demurrage cw20 and one test per rule.
