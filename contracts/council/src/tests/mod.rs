//! Unit tests with mock dependencies, one module per concern.

mod authority;
mod delegation;
mod delegation_props;
mod governance;
mod harness;
mod hostile;
mod limits;
mod membership;
mod proposals;
mod sanctions;
mod scope;
mod sortition;
