//! b24-macros
