//! Unit tests with mock dependencies, one module per concern.

mod delegation;
mod delegation_props;
mod governance;
mod harness;
mod membership;
mod proposals;
mod sanctions;
mod scope;
mod sortition;
