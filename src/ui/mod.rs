//! Everything the user sees and types: rendering (table, TSV, JSON, JSONL, `--jq`), messages,
//! prompts and Ctrl-C.

pub mod input;
pub mod interrupt;
pub mod jq;
pub mod output;
