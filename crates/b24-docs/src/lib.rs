//! b24-docs
