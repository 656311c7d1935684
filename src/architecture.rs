//! The layer table of ARCHITECTURE.md, checked: every `crate::…` and `super::…` path in `src/`
//! is an edge between two modules; a module may use its own layer's modules and those below,
//! never above; there is no cycle between files; a verb (`commands/<noun>/…`) never uses another
//! noun; and no code outside `providers/` branches on which platform is in use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level modules, lowest layer first. A module may use modules of its own layer or lower.
const LAYERS: &[&[&str]] = &[
    &["error", "secret", "duration", "clock", "fsx", "settings"],
    &["ui"],
    &["http"],
    &["oauth", "api"],
    &["providers"],
    &["config"],
    &["context"],
    &["credentials"],
    &["ops"],
    &["commands"],
    &["cli"],
];

/// Modules of `commands/` that every verb may use: shared flags and completers, not nouns.
const SHARED_BY_VERBS: &[&str] = &["args", "complete"];

fn layer_of(top: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&top))
}

/// Every `.rs` file under `dir` as (module path, source without comments and `#[cfg(test)]` tests).
fn modules(src: &Path) -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(src, &mut files);
    let mut out = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(
            parts.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            parts.pop();
        }
        let text = std::fs::read_to_string(&f).unwrap();
        // Unit tests may reach anywhere (they test the module), and comments are not code.
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
        let code: String = code
            .lines()
            .map(|l| match l.find("//") {
                Some(i) => &l[..i],
                None => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        out.insert(parts.join("::"), code);
    }
    out
}

/// The module a path names: its longest prefix that is a module.
fn resolve(mods: &BTreeMap<String, String>, segs: &[&str]) -> Option<String> {
    (1..=segs.len())
        .rev()
        .map(|n| segs[..n].join("::"))
        .find(|m| mods.contains_key(m))
}

/// The paths in `code` that start at the crate root or the parent module, with `use` groups
/// (`crate::a::{b, c::d}`) expanded, relative paths made absolute from `module`.
fn paths(module: &str, code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            // The path up to its end; a `{…}` group is expanded one level.
            let rest = &code[at..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let head = rest[..end].trim_end_matches(':');
            let mut base: Vec<String> = Vec::new();
            let mut segs = head.split("::");
            let mut module_parts: Vec<&str> = if module.is_empty() {
                Vec::new()
            } else {
                module.split("::").collect()
            };
            match segs.next() {
                Some("crate") => {}
                _ => {
                    // `super::`, perhaps several: from this module's parent up.
                    module_parts.pop();
                    let mut more = segs.clone().peekable();
                    while more.peek() == Some(&"super") {
                        more.next();
                        segs.next();
                        module_parts.pop();
                    }
                    base.extend(module_parts.iter().map(|s| s.to_string()));
                }
            }
            base.extend(segs.map(str::to_string));
            if rest[end..].starts_with('{') {
                let close = rest[end..].find('}').map_or(rest.len(), |c| end + c);
                for item in rest[end + 1..close].split(',') {
                    let item = item.trim().split(" as ").next().unwrap_or("").trim();
                    let item = item.split('{').next().unwrap_or("").trim_end_matches(':');
                    if item.is_empty() || item == "self" {
                        found.push(base.clone());
                        continue;
                    }
                    let mut full = base.clone();
                    full.extend(item.split("::").map(str::to_string));
                    found.push(full);
                }
            } else {
                found.push(base);
            }
        }
    }
    found
}

fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mods = modules(&src);
    let mut edges = BTreeMap::new();
    for (module, code) in &mods {
        let mut to = BTreeSet::new();
        for path in paths(module, code) {
            let segs: Vec<&str> = path.iter().map(String::as_str).collect();
            if let Some(target) = resolve(&mods, &segs)
                && target != *module
                && !target.is_empty()
            {
                to.insert(target);
            }
        }
        edges.insert(module.clone(), to);
    }
    edges
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

#[test]
fn every_use_goes_down_the_layer_table() {
    let mut wrong = Vec::new();
    for (from, tos) in edges() {
        if from.is_empty() || from == "architecture" {
            continue;
        }
        let Some(lf) = layer_of(top(&from)) else {
            wrong.push(format!("{from}: not in the layer table"));
            continue;
        };
        for to in tos {
            let Some(lt) = layer_of(top(&to)) else {
                wrong.push(format!("{to}: not in the layer table"));
                continue;
            };
            if lt > lf {
                wrong.push(format!("{from} (layer {lf}) uses {to} (layer {lt})"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "against the layer table:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn a_verb_never_uses_another_noun() {
    let mut wrong = Vec::new();
    for (from, tos) in edges() {
        let Some(noun) = from.strip_prefix("commands::") else {
            continue;
        };
        let noun = noun.split("::").next().unwrap_or("");
        if SHARED_BY_VERBS.contains(&noun) {
            continue;
        }
        for to in tos {
            if let Some(other) = to.strip_prefix("commands::") {
                let other = other.split("::").next().unwrap_or("");
                if other != noun && !SHARED_BY_VERBS.contains(&other) {
                    wrong.push(format!("{from} uses {to}"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "verbs using another noun:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_import_cycle() {
    let edges = edges();
    // Tarjan's strongly connected components; any with more than one file is a cycle.
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        cycles: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on.insert(v);
        let edges = s.edges;
        for w in edges.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                comp.push(w);
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                s.cycles.push(comp);
            }
        }
    }
    let mut s = State {
        edges: &edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        cycles: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    let cycles: Vec<String> = s.cycles.iter().map(|c| c.join(" ↔ ")).collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn no_provider_branch_outside_providers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (module, code) in modules(&src) {
        if top(&module) == "providers" || module == "architecture" {
            continue;
        }
        for (n, line) in code.lines().enumerate() {
            if let Some(i) = line.find("Provider::")
                && line[i + "Provider::".len()..].starts_with(|c: char| c.is_ascii_uppercase())
            {
                wrong.push(format!("{module}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "provider branches outside providers/:\n{}",
        wrong.join("\n")
    );
}

/// Code outside `allowed` (top-level modules) that contains any of `needles`.
fn used_outside(allowed: &[&str], needles: &[&str]) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for (module, code) in modules(&src) {
        if allowed.contains(&top(&module)) || module == "architecture" {
            continue;
        }
        for (n, line) in code.lines().enumerate() {
            if needles.iter().any(|needle| line.contains(needle)) {
                found.push(format!("{module}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_environment_is_read_in_settings_only() {
    let found = used_outside(&["settings"], &["env::var", "env::vars"]);
    assert!(
        found.is_empty(),
        "environment read outside settings:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_ui_touches_the_terminal() {
    let found = used_outside(
        &["ui"],
        &[
            "io::stdin",
            "io::stdout",
            "io::stderr",
            "println!",
            "print!(",
            "eprint",
            "dialoguer::",
        ],
    );
    assert!(
        found.is_empty(),
        "process stdio outside ui/:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_wall_clock_is_read_in_clock_only() {
    // (http reads it for HTTP dates and the shared request budget, which are the real time.)
    let found = used_outside(
        &["clock", "http"],
        &["SystemTime::now", "OffsetDateTime::now_utc"],
    );
    assert!(
        found.is_empty(),
        "wall clock read outside clock:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_decision_on_message_text() {
    // Errors carry a kind and the API's code; their message is for people.
    let found = used_outside(
        &[],
        &[".message.contains(", ".message.starts_with(", ".message =="],
    );
    assert!(
        found.is_empty(),
        "decisions on message text:\n{}",
        found.join("\n")
    );
}

/// The checks themselves: a path through a `use` group and `super::` is an edge.
#[test]
fn paths_are_read_as_the_compiler_reads_them() {
    let found = paths(
        "commands::tokens::list",
        "use crate::api::{Api, models::User};\nuse super::super::context::Context;\nlet x = crate::ui::output::Output::new();",
    );
    let found: Vec<String> = found.iter().map(|p| p.join("::")).collect();
    assert!(found.contains(&"api::Api".to_string()), "{found:?}");
    assert!(
        found.contains(&"api::models::User".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"commands::context::Context".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"ui::output::Output::new".to_string()),
        "{found:?}"
    );
}
