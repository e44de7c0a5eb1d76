//! Stage 2: the YAML text of one file becomes span-carrying trees.

mod build;
mod decode;
mod scalar_map;
mod tree;

pub use build::{Limits, LoadedFile, load};
pub use decode::{DecodeError, decode};
pub use scalar_map::ScalarMap;
pub use tree::*;
